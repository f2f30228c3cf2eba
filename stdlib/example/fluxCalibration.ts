import { photonsPerFluxUnit, pointSourceAcceptance, throughput } from "../instrument/index.js";

/** Seeing FWHM of every example exposure, arcsec: DESI's nominal 1.1″ (docs/sources.md#fiber-acceptance). */
export const EXAMPLE_SEEING_ARCSEC = 1.1;

/**
 * The calibration vector of a camera for an exposure of `exptime` seconds: electrons per Å
 * detected per 10^-17 erg/(s cm² Å) of a point source above the atmosphere, at each wavelength
 * of `wave` (docs/sources.md#specsim steps 1–2, #fluxcalib): the instrument's photons per flux unit (area ×
 * λ/(hc) × 10^-17) × exptime × the camera's throughput × the point-source fiber acceptance in
 * the example's 1.1″ seeing (0.58). About 63 e⁻/Å at 6000 Å in 1000 s.
 */
export function fluxCalibration(camera: string, wave: Float64Array, exptime: number): Float64Array {
  const acceptance = pointSourceAcceptance(EXAMPLE_SEEING_ARCSEC);
  return Float64Array.from(wave, (w) => photonsPerFluxUnit(w, 1) * exptime * throughput(camera, w) * acceptance);
}
