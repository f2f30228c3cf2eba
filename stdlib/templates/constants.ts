/**
 * Physical constants and unit conventions shared by the template library. Wavelengths are
 * vacuum Ångström everywhere; flux densities are in units of `FLUX_UNIT` erg/(s cm² Å).
 */

/** Speed of light in km/s. */
export const C_KMS = 299_792.458;

/** Speed of light in Å/s. */
export const C_ANGSTROM_PER_S = 2.99792458e18;

/** The flux-density unit of every spectrum this library returns: 1e-17 erg/(s cm² Å). */
export const FLUX_UNIT = 1e-17;

/** The AB zero point: 3631 Jy = 3.631e-20 erg/(s cm² Hz) (Oke & Gunn 1983). */
export const AB_ZERO_FNU = 3.631e-20;

/** hc/k in Å·K (second radiation constant, CODATA 2018: 1.438777e-2 m K). */
export const HC_OVER_K = 1.438777e8;
