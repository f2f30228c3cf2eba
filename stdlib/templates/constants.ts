/**
 * Unit conventions of the template library. Wavelengths are vacuum Ångström everywhere; flux
 * densities are in units of `FLUX_UNIT` erg/(s cm² Å). Physical constants come from
 * `stdlib/constants`.
 */

/** The flux-density unit of every spectrum this library returns: 1e-17 erg/(s cm² Å). */
export const FLUX_UNIT = 1e-17;
