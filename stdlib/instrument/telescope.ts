import { FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM, HC_ERG_ANGSTROM } from "../constants/index.js";

/**
 * Fixed numbers of the Mayall telescope and DESI's fibers (docs/sources.md#telescope, #specsim): what turns a flux
 * above the atmosphere into photons entering a fiber.
 */

/**
 * Effective collecting area in cm²: π[(D/2)² − (d/2)²] − 4·½(D − d)·w with D = 3.797 m, d = 1.8 m
 * and four 0.03 m spider vanes, 8.659 m² (specsim data/config/desi.yaml and instrument.py's area formula).
 */
export const COLLECTING_AREA_CM2 = 86590;

/** Diameter of a fiber core on the sky at the field centre, in arcsec (107 µm; specsim desi.yaml, docs/sources.md#telescope). */
export const FIBER_DIAMETER_ARCSEC = 1.52;

/**
 * Solid angle of a fiber, in arcsec²: π (0.76″)² = 1.815 (docs/sources.md#telescope). The plate
 * scale's shrinkage toward the field edge is not modelled: every fiber subtends the same angle.
 */
export const FIBER_SOLID_ANGLE_ARCSEC2 = Math.PI * (FIBER_DIAMETER_ARCSEC / 2) ** 2;

/** DESI's reduction pixel, in Å (docs/sources.md#wavelength-grids). */
export const PIXEL_ANGSTROM = 0.8;

/**
 * Photons collected per unit of {@link FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM} flux density in a bin of width `dw` Å at
 * wavelength `wave` Å per second: `1e-17 · A · dw / (hc/λ)` (specsim; docs/sources.md#specsim step 1).
 */
export function photonsPerFluxUnit(wave: number, dw: number): number {
  return (FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM * COLLECTING_AREA_CM2 * dw * wave) / HC_ERG_ANGSTROM;
}
