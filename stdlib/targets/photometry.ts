import { NANOMAGGY_AB_MAG, SPEED_OF_LIGHT_ANGSTROM_PER_S } from "../constants/index.js";

/** Effective wavelengths of the DECam g, r, z filters, Å [mem]. */
const BAND_WAVE = [4800, 6400, 9200] as const;

/** Flux in nanomaggies of an AB magnitude (m = 22.5 − 2.5 log10 f); 0 for NaN (no source). */
export function nanomaggies(mag: number): number {
  return Number.isNaN(mag) ? 0 : 10 ** ((NANOMAGGY_AB_MAG - mag) / 2.5);
}

/**
 * The continuum flux density, erg s⁻¹ cm⁻² Å⁻¹, at observed wavelength `wave` (Å) of a source of
 * AB magnitudes g, r, z: the AB magnitude interpolated linearly in wavelength between the band
 * centres (held flat beyond them), turned into f_λ = f_ν c / λ².
 */
export function continuumFlambda(g: number, r: number, z: number, wave: number): number {
  const [wg, wr, wz] = BAND_WAVE;
  let m: number;
  if (wave <= wg) m = g;
  else if (wave <= wr) m = g + ((r - g) * (wave - wg)) / (wr - wg);
  else if (wave <= wz) m = r + ((z - r) * (wave - wr)) / (wz - wr);
  else m = z;
  const fnu = 10 ** (-0.4 * (m + 48.6));
  return (fnu * SPEED_OF_LIGHT_ANGSTROM_PER_S) / (wave * wave);
}

/**
 * 5σ point-source depths (AB) of the imaging in g, r, z, W1, W2 that set FLUX_IVAR_*: the median
 * depths of the Legacy Surveys DR9 in g, r, z and of unWISE in W1, W2 [mem].
 */
export const DEPTH_5SIGMA = { g: 24.7, r: 24.2, z: 23.3, w1: 20.7, w2: 19.9 } as const;

/** The inverse variance, nanomaggy⁻², of a flux measured at 5σ depth `depth` (AB). */
export function ivarOfDepth(depth: number): number {
  const sigma = nanomaggies(depth) / 5;
  return 1 / (sigma * sigma);
}
