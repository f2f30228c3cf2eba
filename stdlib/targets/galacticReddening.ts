const DEG = Math.PI / 180;
/** ICRS direction of the north Galactic pole (Hipparcos/astropy's Galactic frame), degrees. */
const NGP_RA = 192.85948;
const NGP_DEC = 27.12825;

/** Galactic latitude b, in degrees, of the ICRS direction (`ra`, `dec`) in degrees. */
export function galacticLatitude(ra: number, dec: number): number {
  const sinb = Math.sin(dec * DEG) * Math.sin(NGP_DEC * DEG) + Math.cos(dec * DEG) * Math.cos(NGP_DEC * DEG) * Math.cos((ra - NGP_RA) * DEG);
  return Math.asin(Math.max(-1, Math.min(1, sinb))) / DEG;
}

/** E(B−V) toward the Galactic poles in the cosecant law below, mag. */
export const POLE_EBV = 0.016;
/** Latitude below which the cosecant law is held constant, degrees. */
export const MIN_LATITUDE = 2;

/**
 * A smooth stand-in for the SFD98 reddening map: E(B−V) = 0.016 mag · csc|b|, the cosecant law
 * of a plane-parallel dust layer, with |b| floored at 2° (0.46 mag). 0.016 mag is the order of
 * SFD98 at the Galactic poles [mem]; the law has none of the map's clouds or filaments.
 */
export function galacticReddening(ra: number, dec: number): number {
  const b = Math.max(Math.abs(galacticLatitude(ra, dec)), MIN_LATITUDE);
  return POLE_EBV / Math.sin(b * DEG);
}
