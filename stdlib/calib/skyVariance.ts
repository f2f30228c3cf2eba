import { medianInPlace } from "./columnMedian.js";

/** Normalisation from the median to the mean of a χ² with 3 degrees of freedom (desispec). */
const CHI2_MEDIAN_TO_MEAN = 0.7888;

/** The σ_λ scanned for the model variance, Å: 0 to 2 in steps of 0.005 (desispec starts at 0.005). */
const SIGMA_WAVE_STEP = 0.005;
const SIGMA_WAVE_MAX = 2;

/**
 * desispec's `_model_variance` (docs/sources.md#sky-subtraction): the sky model's variance near
 * each sky-line peak (local maxima of the mean sky above 10 % of its maximum), increased by
 * (σ_flat · sky)² + (σ_λ · |∂sky/∂λ|)² over ±3 pixels, with σ_λ the smallest value (from 0, in
 * steps of 0.005 Å, found by bisection since the median falls as σ_λ grows) that brings the median over sky fibers of their χ²/pixel over ±2 pixels,
 * normalised to a mean, to 1; σ_λ = 2 Å when none does. Residuals beyond 3σ of a generous
 * variance (20 % of the sky, 0.5 Å) are left out. `fibers` are the sky fibers, `flux` and
 * `model` `[fiber, wave]`, `skyIvar.ivar` the sky fibers' IVAR with fiber `fibers[k]` in row
 * `skyIvar.rows[k]`; `skyVar` (the statistical variance, one row for all fibers) is
 * returned with the increase added. desispec's σ_flat is 0.005; here it is a parameter whose
 * default is 0, since the fiber flat's own variance is propagated into IVAR.
 */
export function modelVariance(
  wave: ArrayLike<number>,
  flux: Float64Array,
  skyIvar: { readonly ivar: Float64Array; readonly rows: readonly number[] },
  model: Float64Array,
  fibers: readonly number[],
  skyVar: Float64Array,
  sigmaFlat: number,
): Float64Array {
  const nwave = skyVar.length;
  const nsky = fibers.length;
  const msky = new Float64Array(nwave);
  for (const f of fibers) for (let i = 0; i < nwave; i++) msky[i]! += model[f * nwave + i]! / nsky;
  const dsky = new Float64Array(nwave);
  for (let i = 1; i < nwave - 1; i++) dsky[i] = Math.abs((msky[i + 1]! - msky[i - 1]!) / (wave[i + 1]! - wave[i - 1]!));
  // The sky fibers' inverse variance of data − model, residuals beyond any plausible model error left out.
  const tivar = new Float64Array(nsky * nwave);
  const res2 = new Float64Array(nsky * nwave);
  const ivar = skyIvar.ivar;
  fibers.forEach((f, k) => {
    const at = skyIvar.rows[k]! * nwave;
    for (let i = 0; i < nwave; i++) {
      const a = ivar[at + i]!;
      const t = a > 0 && skyVar[i]! > 0 ? 1 / (1 / a + skyVar[i]!) : 0;
      const r = flux[f * nwave + i]! - model[f * nwave + i]!;
      const maxVar = (t > 0 ? 1 / t : 1) + (0.2 * msky[i]!) ** 2 + (0.5 * dsky[i]!) ** 2;
      tivar[k * nwave + i] = r * r > 9 * maxVar ? 0 : t;
      res2[k * nwave + i] = r * r;
    }
  });
  let max = 0;
  for (let i = 0; i < nwave; i++) max = Math.max(max, msky[i]!);
  const out = Float64Array.from(skyVar);
  const chi = new Float64Array(nsky);
  for (let p = 1; p < nwave - 1; p++) {
    if (!(msky[p]! > msky[p - 1]! && msky[p]! > msky[p + 1]! && msky[p]! > 0.1 * max)) continue;
    const b = Math.max(0, p - 2);
    const e = Math.min(nwave, p + 3);
    // The median χ² falls as σ_λ grows: bisect for the first grid step where it is ≤ 1.
    const medianChi2 = (sw: number): number => {
      let m = 0;
      for (let k = 0; k < nsky; k++) {
        let c = 0;
        let n = 0;
        for (let i = b; i < e; i++) {
          const t = tivar[k * nwave + i]!;
          if (!(t > 0)) continue;
          c += res2[k * nwave + i]! / (1 / t + (sigmaFlat * msky[i]!) ** 2 + (sw * dsky[i]!) ** 2);
          n++;
        }
        if (n > 0) chi[m++] = c / n;
      }
      return m === 0 ? 0 : medianInPlace(chi, m) / CHI2_MEDIAN_TO_MEAN;
    };
    const steps = Math.round(SIGMA_WAVE_MAX / SIGMA_WAVE_STEP);
    let sigmaWave = SIGMA_WAVE_MAX;
    if (medianChi2(0) <= 1) sigmaWave = 0;
    else if (medianChi2((steps - 1) * SIGMA_WAVE_STEP) <= 1) {
      let lo = 0;
      let hi = steps - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (medianChi2(mid * SIGMA_WAVE_STEP) <= 1) hi = mid;
        else lo = mid;
      }
      sigmaWave = hi * SIGMA_WAVE_STEP;
    }
    for (let i = Math.max(0, p - 3); i < Math.min(nwave, p + 4); i++) {
      out[i] = Math.max(out[i]!, skyVar[i]! + (sigmaFlat * msky[i]!) ** 2 + (sigmaWave * dsky[i]!) ** 2);
    }
  }
  return out;
}
