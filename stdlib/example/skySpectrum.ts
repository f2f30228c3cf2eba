import { gaussianFraction } from "../math/index.js";

/**
 * Night-sky emission lines: vacuum wavelength (Å) and integrated surface brightness in 10^-17
 * erg/(s cm² arcsec²): [OI] 5578.9, NaD, [OI] 6302.0/6365.5 and a few OH band heads (desispec
 * data/spec-sky.dat, docs/sources.md#sky; integrated over the line-only template's peaks).
 */
const SKY_LINES: readonly (readonly [number, number])[] = [
  [5578.9, 1500],
  [5891.6, 130],
  [5897.6, 130],
  [6302.0, 1300],
  [6365.5, 450],
  [7913.7, 200],
  [8344.6, 250],
  [8885.9, 300],
  [9378.0, 500],
  [9799.8, 900],
];

/** Gaussian width of a sky line after the spectrograph's resolution, in Å (docs/sources.md#resolution). */
const LINE_SIGMA = 0.8;

/**
 * The dark-sky surface brightness averaged over each pixel of width `dw` Å centred on `wave`, in
 * 10^-17 erg/(s cm² Å arcsec²): a smooth continuum falling from 1.8 at 3500 Å to about 0.75 in
 * the red, plus emission lines (docs/sources.md#sky).
 */
export function skySpectrum(wave: Float64Array, dw: number): Float64Array {
  const out = new Float64Array(wave.length);
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i] ?? 0;
    let s = 0.75 + 1.05 * Math.exp(-(w - 3500) / 1200);
    for (const [mu, flux] of SKY_LINES) {
      if (Math.abs(mu - w) > dw / 2 + 6 * LINE_SIGMA) continue;
      s += (flux * gaussianFraction(w - dw / 2, w + dw / 2, mu, LINE_SIGMA)) / dw;
    }
    out[i] = s;
  }
  return out;
}
