import { DEG, cosd, sind } from "./angles.js";

/**
 * Altitude above the horizon (deg, no refraction) of a place at right ascension `ra` and
 * declination `dec` (deg), seen at local sidereal time `lst` (deg) from latitude `latitude` (deg):
 * sin h = sin φ sin δ + cos φ cos δ cos H, with hour angle H = LST − α.
 */
export function altitude(ra: number, dec: number, lst: number, latitude: number): number {
  const s = sind(latitude) * sind(dec) + cosd(latitude) * cosd(dec) * cosd(lst - ra);
  return Math.asin(Math.max(-1, Math.min(1, s))) / DEG;
}
