import { DEG, cosd, sind } from "./angles.js";

/** Right ascension and declination of the north Galactic pole (J2000), deg (ESA 1997, The Hipparcos Catalogue, Vol. 1, §1.5.3). */
const NGP_RA = 192.85948;
const NGP_DEC = 27.12825;

/** E(B−V) towards a Galactic pole, mag, for the cosecant law below. */
const EBV_POLE = 0.015;

/** Latitude below which the cosecant law is frozen, deg (it diverges in the plane). */
const MIN_LATITUDE = 10;

/** Galactic latitude (deg) of (ra, dec) (deg, J2000). */
export function galacticLatitude(ra: number, dec: number): number {
  const s = sind(dec) * sind(NGP_DEC) + cosd(dec) * cosd(NGP_DEC) * cosd(ra - NGP_RA);
  return Math.asin(Math.max(-1, Math.min(1, s))) / DEG;
}

/**
 * A smooth stand-in for the median SFD (Schlegel, Finkbeiner & Davis 1998, ApJ 500, 525) reddening over a tile (mag): a plane-parallel dust layer,
 * E(B−V) = 0.015 csc|b|, frozen below |b| = 10° (≤ 0.086). It gives 0.022 at COSMOS (b = 42°),
 * near SFD's ≈ 0.02 there [mem]; real maps are patchy, which this is not.
 */
export function ebvMedian(ra: number, dec: number): number {
  const b = Math.max(MIN_LATITUDE, Math.abs(galacticLatitude(ra, dec)));
  return EBV_POLE / sind(b);
}
