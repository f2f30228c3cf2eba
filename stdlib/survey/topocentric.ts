import { DEG, cosd, sind, wrap360 } from "./angles.js";
import type { Equatorial } from "./equatorialOfEcliptic.js";
import type { MoonPosition } from "./moonPosition.js";
import { EARTH_EQUATORIAL_RADIUS_KM } from "../constants/index.js";
import type { Site } from "./Site.js";

/** Flattening factor b/a of the Earth's ellipsoid (Meeus ch. 11). */
const AXIS_RATIO = 0.99664719;

/**
 * The Moon's right ascension and declination seen from `site` at local sidereal time `lst` (deg):
 * the geocentric vector minus the observer's (geocentric latitude and distance from Meeus,
 * Astronomical Algorithms ch. 11). The shift reaches 1° (the horizontal parallax) near the horizon,
 * which matters for MOONALT and MOONSEP.
 */
export function topocentric(moon: MoonPosition, site: Site, lst: number): Equatorial {
  const u = Math.atan(AXIS_RATIO * Math.tan(site.latitude * DEG));
  const h = site.elevation / 1000 / EARTH_EQUATORIAL_RADIUS_KM;
  const rhoSin = AXIS_RATIO * Math.sin(u) + h * sind(site.latitude);
  const rhoCos = Math.cos(u) + h * cosd(site.latitude);
  const r = moon.distance / EARTH_EQUATORIAL_RADIUS_KM;
  const x = r * cosd(moon.dec) * cosd(moon.ra) - rhoCos * cosd(lst);
  const y = r * cosd(moon.dec) * sind(moon.ra) - rhoCos * sind(lst);
  const z = r * sind(moon.dec) - rhoSin;
  return { ra: wrap360(Math.atan2(y, x) / DEG), dec: Math.atan2(z, Math.hypot(x, y)) / DEG };
}
