/** Fiber radius on the sky, arcsec: the Legacy Surveys' 1.5″ FIBERFLUX aperture (DESI fibers subtend 1.52″; docs/sources.md#telescope). */
const FIBER_RADIUS = 0.75;
/** Gaussian σ of the 1″ FWHM seeing the imaging FIBERFLUX columns assume, arcsec. */
const SEEING_SIGMA = 1.0 / 2.3548;
/** Half-light radius of a circular Gaussian in units of its σ: √(2 ln 2). */
const HALF_LIGHT_PER_SIGMA = 1.1774;

/**
 * The fraction of a source's flux inside a 1.5″ fiber in 1″ FWHM Gaussian seeing, the
 * convention of the Legacy Surveys' FIBERFLUX, approximating the galaxy by a circular Gaussian of
 * the same half-light radius `shapeR` (arcsec; 0 for a point source): 1 − exp(−R²/2σ²) with
 * σ² = σ_seeing² + (shapeR/1.1774)². A point source gets 0.79.
 */
export function fiberFraction(shapeR: number): number {
  const s2 = SEEING_SIGMA ** 2 + (shapeR / HALF_LIGHT_PER_SIGMA) ** 2;
  return -Math.expm1(-(FIBER_RADIUS * FIBER_RADIUS) / (2 * s2));
}
