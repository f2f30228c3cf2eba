/**
 * The radial plate scale of the DESI corrector: the focal-plane radius R (mm) at which a star
 * θ degrees from the boreline lands,
 *
 *     R(θ) = A1·θ + A3·θ³ + A5·θ⁵,
 *
 * an odd polynomial fitted (least squares, A1 fixed) to the Echo22 optical design table
 * (DESI-0329, as shipped in desimeter's `Echo22Platescale.txt`, radius vs. radial angle every
 * 10 mm from 0 to 420 mm). A1 is the design's central plate scale, 67.507 µm/″; the radial
 * (meridional) scale dR/dθ grows to ≈ 76.7 µm/″ at R = 410 mm (θ ≈ 1.615°) and the tangential
 * one R/θ to ≈ 70.5 µm/″, as in the table. The fit is within 2.1 µm (0.03″) of the table over
 * 0–420 mm. Atmospheric refraction, the ADC and field rotation are not modelled: this is the
 * design-time mapping at zenith.
 */

/** Central plate scale, µm per arcsec (Echo22 design, DESI-0329). */
export const PLATE_SCALE_CENTER_UM_PER_ARCSEC = 67.50706676;

/** Linear term of R(θ): mm per degree at the centre. */
const A1 = (PLATE_SCALE_CENTER_UM_PER_ARCSEC * 3600) / 1000;
/** Cubic term of R(θ), mm per degree³. */
const A3 = 4.03934201;
/** Quintic term of R(θ), mm per degree⁵. */
const A5 = 0.04811649;

/** Focal-plane radius (mm) of a point `thetaDeg` degrees from the field centre. */
export function thetaToRadius(thetaDeg: number): number {
  const t2 = thetaDeg * thetaDeg;
  return thetaDeg * (A1 + t2 * (A3 + t2 * A5));
}

/** Radial plate scale dR/dθ at `thetaDeg` degrees from the centre, in µm per arcsec. */
export function radialPlateScale(thetaDeg: number): number {
  const t2 = thetaDeg * thetaDeg;
  return (A1 + t2 * (3 * A3 + t2 * 5 * A5)) / 3.6;
}

/**
 * Angle from the field centre (degrees) of the point at focal-plane radius `radiusMm`: the
 * inverse of {@link thetaToRadius}, by Newton's method (R is monotonic; converges to 1e-13° in
 * a few steps).
 */
export function radiusToTheta(radiusMm: number): number {
  let t = radiusMm / A1;
  for (let i = 0; i < 20; i++) {
    const t2 = t * t;
    const f = t * (A1 + t2 * (A3 + t2 * A5)) - radiusMm;
    const df = A1 + t2 * (3 * A3 + t2 * 5 * A5);
    const step = f / df;
    t -= step;
    if (Math.abs(step) < 1e-14) break;
  }
  return t;
}
