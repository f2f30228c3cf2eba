/**
 * Fixed numbers of the example instrument (DESI's, docs/sources.md#telescope, #specsim): what turns a flux above the
 * atmosphere into electrons. The simulation and the calibration share them, as a real pipeline
 * shares its instrument model.
 */

/** Effective collecting area of the Mayall telescope, in cm² (8.659 m², specsim desi.yaml; docs/sources.md#telescope). */
export const COLLECTING_AREA_CM2 = 86590;

/** Planck constant times the speed of light, in erg·Angstrom (CODATA 2018, exact). */
export const HC_ERG_ANGSTROM = 6.62607015e-27 * 2.99792458e18;

/** The calibrated flux unit, 10^-17 erg/(s cm² Å), in erg/(s cm² Å). */
export const FLUX_UNIT = 1e-17;

/** Fiber acceptance of a point source in nominal 1.1″ seeing (docs/sources.md#fiber-acceptance). */
export const POINT_SOURCE_ACCEPTANCE = 0.58;

/** Solid angle of a 1.52″ fiber, in arcsec² (docs/sources.md#telescope). */
export const FIBER_SOLID_ANGLE = Math.PI * 0.76 * 0.76;

/** CCD pixels whose read noise adds to one 0.8 Å output pixel (the PSF's spatial extent). */
export const PIXELS_PER_ROW = 3;

/** Shutter-open time of a flat-lamp exposure, in seconds. */
export const FLAT_EXPTIME = 120;
