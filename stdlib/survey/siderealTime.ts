import { wrap360 } from "./angles.js";

/** MJD of the epoch J2000.0 (JD 2451545.0). */
export const MJD_J2000 = 51544.5;

/**
 * Greenwich mean sidereal time at `mjd` (UT1 ≈ UTC), in degrees: Meeus, Astronomical Algorithms
 * (2nd ed.), eq. 12.4 (IAU 1982).
 */
export function greenwichSiderealTime(mjd: number): number {
  const d = mjd - MJD_J2000;
  const t = d / 36525;
  return wrap360(280.46061837 + 360.98564736629 * d + 0.000387933 * t * t - (t * t * t) / 38710000);
}

/** Local mean sidereal time at east longitude `longitude` (deg), in degrees. */
export function localSiderealTime(mjd: number, longitude: number): number {
  return wrap360(greenwichSiderealTime(mjd) + longitude);
}
