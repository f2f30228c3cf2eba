import { DEG, cosd, sind, wrap360 } from "./angles.js";
import { MJD_J2000 } from "./siderealTime.js";

/** Right ascension and declination, deg. */
export interface Equatorial {
  readonly ra: number;
  readonly dec: number;
}

/** Mean obliquity of the ecliptic at `mjd`, deg (Astronomical Almanac low-precision: 23.439 − 4e-7 d). */
export function obliquity(mjd: number): number {
  return 23.439 - 0.0000004 * (mjd - MJD_J2000);
}

/** Ecliptic longitude and latitude (deg) to right ascension and declination (deg) at `mjd`. */
export function equatorialOfEcliptic(lon: number, lat: number, mjd: number): Equatorial {
  const eps = obliquity(mjd);
  const ra = Math.atan2(sind(lon) * cosd(eps) - Math.tan(lat * DEG) * sind(eps), cosd(lon)) / DEG;
  const dec = Math.asin(sind(lat) * cosd(eps) + cosd(lat) * sind(eps) * sind(lon)) / DEG;
  return { ra: wrap360(ra), dec };
}
