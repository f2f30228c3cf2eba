import { NANOMAGGY_AB_MAG } from "../constants/index.js";
import { abMagnitude, decamR } from "./abMagnitude.js";
import { airToVacuum } from "./airToVacuum.js";
import { extinction } from "./extinction.js";
import { gaussianFraction } from "../math/index.js";
import { interpolate } from "./interpolate.js";
import { moonBrightnessV, moonlightOfV, type MoonGeometry } from "./moonSpectrum.js";

/**
 * Dark-sky continuum per arcsec², 10^-17 erg/(s cm² Å arcsec²), before normalisation: specsim's
 * test sky (`data/test/test_sky.ecsv`, docs/sources.md#sky): 1.8 at 3500 Å, 1.3–1.7 over 3800–4500 Å, 1.0 over 5100–6500 Å and
 * 0.7–0.8 over 7000–9000 Å.
 */
const CONTINUUM_WAVE = [3500, 3800, 4200, 4500, 5100, 6500, 7000, 8000, 9000, 9900];
const CONTINUUM = [1.8, 1.6, 1.45, 1.3, 1.0, 1.0, 0.8, 0.75, 0.72, 0.72];

/** OH lines are entered at these relative strengths and scaled by this factor (see {@link SKY_LINES}). */
const OH_SCALE = 0.65;

/**
 * Night-sky emission lines: air wavelength (Å) and integrated surface brightness,
 * 10^-17 erg/(s cm² arcsec²), before normalisation. [OI] 5577/6300/6364, NaD, the Hg lines of
 * street lighting, the O₂ atmospheric band at 8650 Å and the strongest lines of the OH Meinel
 * bands (positions from the standard night-sky atlases, Osterbrock et al. 1996, to ~1 Å;
 * strengths [mem], set so that relative to [OI] 6300 the OH lines reach the spec-sky.dat ratios of docs/sources.md#sky:
 * ≈ 0.15 near 8000 Å, 0.4 near 9300 Å and 0.7 near 9800 Å).
 */
// prettier-ignore
const AIR_LINES: readonly (readonly [number, number])[] = [
  // Hg (light pollution) and [OI], NaD.
  [4046.56, 4], [4358.34, 8], [5460.74, 10], [5769.6, 4], [5790.66, 4],
  [5577.34, 120], [5889.95, 10], [5895.92, 9], [6300.3, 50], [6363.78, 17],
];
// prettier-ignore
const OH_LINES: readonly (readonly [number, number])[] = [
  [6256.9, 3], [6287.4, 3], [6329.9, 3], [6465.0, 4], [6498.7, 6], [6533.0, 6], [6553.6, 5], [6577.3, 8], [6596.6, 5], [6604.3, 5],
  [6827.5, 6], [6834.0, 6], [6863.96, 12], [6912.6, 8], [6923.2, 12], [6939.5, 8], [6948.9, 10], [6978.4, 6],
  [7240.9, 8], [7276.4, 12], [7284.4, 6], [7316.3, 15], [7329.1, 6], [7340.9, 15], [7358.7, 8], [7369.2, 12], [7392.2, 6],
  [7524.1, 8], [7571.7, 12], [7750.6, 18], [7794.1, 20], [7821.5, 22], [7853.2, 12], [7913.7, 25], [7949.2, 12], [7964.65, 20], [7993.3, 22],
  [8288.6, 15], [8298.7, 15], [8344.6, 30], [8352.8, 15], [8382.0, 10], [8399.2, 28], [8415.2, 15], [8430.2, 28], [8452.3, 12], [8465.4, 25], [8493.4, 22],
  [8761.3, 20], [8767.9, 30], [8778.3, 15], [8791.2, 12], [8827.1, 35], [8836.0, 15], [8885.9, 40], [8903.1, 15], [8919.6, 30], [8943.4, 35], [8958.1, 35], [8988.4, 40], [9001.3, 35], [9037.0, 20],
  [9306.0, 25], [9314.0, 30], [9338.0, 20], [9376.0, 45], [9419.7, 45], [9439.7, 45], [9458.5, 50], [9476.9, 50], [9502.8, 50], [9522.2, 40], [9530.6, 35],
  [9701.0, 40], [9720.0, 45], [9737.0, 35], [9758.0, 40], [9773.0, 45], [9790.9, 80], [9793.3, 80], [9815.9, 60], [9834.0, 60],
];

/** The O₂ (0–1) atmospheric band at 8630–8700 Å, as eight lines of equal strength (air Å). */
const O2_BAND: readonly (readonly [number, number])[] = Array.from({ length: 8 }, (_, i) => [8630 + 10 * i, 6] as const);

/** Every sky line as [vacuum Å, integrated 10^-17 erg/(s cm² arcsec²)], before normalisation. */
export const SKY_LINES: readonly (readonly [number, number])[] = [...AIR_LINES, ...OH_LINES.map(([w, f]) => [w, f * OH_SCALE] as const), ...O2_BAND].map(
  ([w, f]) => [airToVacuum(w), f] as const,
);

/**
 * Intrinsic Gaussian σ given to each line, Å: unresolved lines, but pixelised with a width that
 * keeps each line's centroid at its wavelength to a percent of a pixel. After the spectrograph's
 * resolution (σ ≈ 0.76 Å) they are about 7 % wider than the line-spread function.
 */
export const SKY_LINE_SIGMA = 0.3;

/** Dark sky r magnitude per arcsec², DECam r (desispec py/desispec/efftime.py; docs/sources.md#sky). */
export const DARK_SKY_R_MAG = 21.07;

/** The unnormalised model, averaged over pixels of width `dw` centred on `wave`. */
function rawSky(wave: Float64Array, dw: number): Float64Array {
  const out = new Float64Array(wave.length);
  for (let i = 0; i < wave.length; i++) out[i] = interpolate(CONTINUUM_WAVE, CONTINUUM, wave[i]!);
  if (wave.length === 0) return out;
  const first = wave[0]!;
  const reach = dw / 2 + 6 * SKY_LINE_SIGMA;
  for (const [mu, flux] of SKY_LINES) {
    // Grids are uniform: only the pixels within reach of the line are visited.
    const lo = Math.max(0, Math.floor((mu - reach - first) / dw));
    const hi = Math.min(wave.length - 1, Math.ceil((mu + reach - first) / dw));
    for (let i = lo; i <= hi; i++) {
      const w = wave[i]!;
      out[i]! += (flux * gaussianFraction(w - dw / 2, w + dw / 2, mu, SKY_LINE_SIGMA)) / dw;
    }
  }
  return out;
}

let normalisation: number | undefined;

/**
 * The factor that brings the model to r = 21.07 mag/arcsec² (about 0.97), computed once on a
 * 0.2 Å grid over the filter.
 */
function darkSkyNormalisation(): number {
  if (normalisation === undefined) {
    const n = Math.round((7300 - 5400) / 0.2) + 1;
    const wave = Float64Array.from({ length: n }, (_, i) => 5400 + 0.2 * i);
    const mag = abMagnitude(wave, rawSky(wave, 0.2), decamR);
    normalisation = 10 ** (-0.4 * (DARK_SKY_R_MAG - mag));
  }
  return normalisation;
}

/**
 * The dark-sky surface brightness averaged over each pixel of width `dw` Å centred on the uniform
 * grid `wave`, in 10^-17 erg/(s cm² Å arcsec²), as seen from the ground at airmass `airmass`
 * (default 1): a smooth continuum plus [OI], NaD, Hg, O₂ and OH emission lines (docs/sources.md#sky),
 * scaled so that its DECam r magnitude at airmass 1 is 21.07 mag/arcsec², and extinguished as
 * specsim does with `extinct_emission` (docs/sources.md#sky: the sky emission goes through the same
 * 10^(−0.4 k(λ) X) as the source), relative to airmass 1: S(λ, X) = S(λ, 1) · 10^(−0.4 k(λ) (X − 1))
 * with k the KPNO curve of {@link extinction}. About 1.0 at 6500 Å between lines at airmass 1.
 * (The van Rhijn brightening of airglow toward the horizon is not modelled, as in specsim.)
 */
export function darkSky(wave: Float64Array, dw: number, airmass = 1): Float64Array {
  const out = rawSky(wave, dw);
  const k = darkSkyNormalisation();
  const dx = airmass - 1;
  for (let i = 0; i < out.length; i++) out[i]! *= dx === 0 ? k : k * 10 ** (-0.4 * extinction(wave[i]!) * dx);
  return out;
}

/**
 * The conditions the sky depends on: the target's airmass and the Moon (illuminated fraction,
 * altitude, separation from the target), as an exposure row carries them (AIRMASS, MOONFRAC,
 * MOONALT, MOONSEP).
 */
export type SkyConditions = MoonGeometry;

/**
 * The sky surface brightness reaching the telescope, 10^-17 erg/(s cm² Å arcsec²), averaged over
 * pixels of width `dw` centred on the uniform grid `wave`: {@link darkSky} at the target's
 * airmass plus Krisciunas & Schaefer's scattered moonlight ({@link moonSpectrum}). The one sky
 * model of the simulation: fastframe puts it in the fibers, and the survey's exposure-time model
 * takes its r-band brightness ({@link skyBrightnessR}).
 */
export function skySpectrum(wave: Float64Array, dw: number, c: SkyConditions): Float64Array {
  const out = darkSky(wave, dw, c.airmass);
  const moon = moonlightOfV(wave, moonBrightnessV(c));
  for (let i = 0; i < out.length; i++) out[i]! += moon[i]!;
  return out;
}

interface RBandDark {
  /** Per-pixel weight of the zenith dark sky in the r-band integral (sums to 1). */
  readonly weight: Float64Array;
  /** −0.4 ln 10 · k(λ) per pixel. */
  readonly rate: Float64Array;
}

let rBandDark: RBandDark | undefined;

/**
 * The dark sky's contributions to its DECam r flux on a 1 Å grid over the filter (5520–7220 Å;
 * lines are integrated over each pixel, so the grid loses none of their flux), with each pixel's
 * extinction: the r flux at airmass X is 3.73 nMgy · Σ wᵢ 10^(−0.4 kᵢ (X − 1)).
 */
function darkRBand(): RBandDark {
  if (rBandDark === undefined) {
    const n = 7220 - 5520 + 1;
    const wave = Float64Array.from({ length: n }, (_, i) => 5520 + i);
    const sky = rawSky(wave, 1);
    const weight = new Float64Array(n);
    const rate = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = wave[i]!;
      weight[i] = sky[i]! * decamR(w) * w;
      rate[i] = -0.4 * Math.LN10 * extinction(w);
      sum += weight[i]!;
    }
    for (let i = 0; i < n; i++) weight[i]! /= sum;
    rBandDark = { weight, rate };
  }
  return rBandDark;
}

let moonlightR: number | undefined;

/**
 * DECam r magnitude of moonlight of V = 0 ({@link moonlightOfV}): its V − r colour, negated. About
 * −0.2: the solar spectrum is redder than V.
 */
function moonlightRAtV0(): number {
  if (moonlightR === undefined) {
    const n = Math.round((7300 - 5400) / 0.5) + 1;
    const wave = Float64Array.from({ length: n }, (_, i) => 5400 + 0.5 * i);
    moonlightR = abMagnitude(wave, moonlightOfV(wave, 0), decamR);
  }
  return moonlightR;
}

/**
 * The DECam r-band surface brightness of {@link skySpectrum} in conditions `c`, in nanomaggies per
 * arcsec² (the unit of desispec's effective time; 3.73 for the zenith dark sky): the dark sky's
 * synthetic r flux at the target's airmass plus the moonlight's, i.e. the synthetic r magnitude
 * of the spectrum the fibers receive, m = 22.5 − 2.5 log10 of it.
 */
export function skyBrightnessR(c: SkyConditions): number {
  const { weight, rate } = darkRBand();
  const dx = c.airmass - 1;
  let dark = 0;
  for (let i = 0; i < weight.length; i++) dark += weight[i]! * (dx === 0 ? 1 : Math.exp(rate[i]! * dx));
  const darkNmgy = dark * 10 ** (-0.4 * (DARK_SKY_R_MAG - NANOMAGGY_AB_MAG));
  const v = moonBrightnessV(c);
  const moonNmgy = Number.isFinite(v) ? 10 ** (-0.4 * (v + moonlightRAtV0() - NANOMAGGY_AB_MAG)) : 0;
  return darkNmgy + moonNmgy;
}
