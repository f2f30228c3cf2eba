import { SECOND_RADIATION_CONSTANT_ANGSTROM_K } from "../constants/index.js";

/**
 * Planck's law per unit wavelength at `wave` Å and temperature `teff` K, up to a constant:
 * λ^-5 / (exp(hc/λkT) − 1), scaled by 1e20 so the values stay near 1 in the optical.
 */
export function blackbody(wave: number, teff: number): number {
  const x = SECOND_RADIATION_CONSTANT_ANGSTROM_K / (wave * teff);
  if (x > 700) return 0;
  const l = wave * 1e-4;
  return 1 / (l * l * l * l * l * Math.expm1(x));
}
