import { AB_ZERO_POINT_ERG_PER_S_CM2_HZ, FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM, SPEED_OF_LIGHT_ANGSTROM_PER_S } from "../constants/index.js";

/**
 * Response of the DECam r filter (system throughput, normalised to 1), approximated as a trapezoid:
 * rising over 5520–5720 Å, flat to 7020 Å, falling to 0 at 7220 Å (half-power points near 5620
 * and 7120 Å). Good to a few hundredths of a magnitude for smooth spectra; used to normalise the
 * dark sky to desispec efftime.py's r = 21.07 mag/arcsec² (docs/sources.md#sky).
 */
export function decamR(wave: number): number {
  if (wave <= 5520 || wave >= 7220) return 0;
  if (wave < 5720) return (wave - 5520) / 200;
  if (wave > 7020) return (7220 - wave) / 200;
  return 1;
}

/**
 * AB magnitude in the filter `response` of a spectrum `flux` (10^-17 erg/(s cm² Å), or that per
 * arcsec² for a surface brightness) sampled on the uniform grid `wave`: photon-counting synthetic
 * photometry, −2.5 log10(∫ f_λ R λ dλ / ∫ f_λ,AB R λ dλ) with f_λ,AB = 3631 Jy · c/λ².
 */
export function abMagnitude(wave: Float64Array, flux: ArrayLike<number>, response: (wave: number) => number = decamR): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i]!;
    const r = response(w);
    if (r === 0) continue;
    num += flux[i]! * FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM * r * w;
    den += ((AB_ZERO_POINT_ERG_PER_S_CM2_HZ * SPEED_OF_LIGHT_ANGSTROM_PER_S) / (w * w)) * r * w;
  }
  return -2.5 * Math.log10(num / den);
}

/**
 * Flux density of a source flat in f_ν with AB magnitude `mag`, at `wave` Å, in
 * 10^-17 erg/(s cm² Å).
 */
export function flatFnuFlux(mag: number, wave: number): number {
  return (AB_ZERO_POINT_ERG_PER_S_CM2_HZ * 10 ** (-0.4 * mag) * SPEED_OF_LIGHT_ANGSTROM_PER_S) / (wave * wave) / FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM;
}
