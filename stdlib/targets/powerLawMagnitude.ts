import type { Rng } from "../kernel.js";

/**
 * A sampler of magnitudes in [`bright`, `faint`) following number counts N(m) dm ∝ 10^(slope·m) dm
 * (d log10 N / dm = `slope`), by inversion of the cumulative distribution.
 */
export function powerLawMagnitudeSampler(bright: number, faint: number, slope: number, rng: Rng): () => number {
  if (!(faint > bright)) throw new RangeError(`magnitude range [${bright}, ${faint}) is empty`);
  if (slope === 0) return () => bright + (faint - bright) * rng.uniform();
  const k = slope * Math.LN10;
  // CDF(m) = (e^{k(m−bright)} − 1) / (e^{k(faint−bright)} − 1).
  const span = Math.expm1(k * (faint - bright));
  return () => {
    const m = bright + Math.log1p(rng.uniform() * span) / k;
    return m < faint ? m : bright + (faint - bright) * (1 - 2 ** -52);
  };
}
