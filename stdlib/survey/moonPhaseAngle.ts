import { DEG, cosd, sind } from "./angles.js";
import type { MoonPosition } from "./moonPosition.js";
import type { SunPosition } from "./sunPosition.js";
import { ASTRONOMICAL_UNIT_KM } from "../constants/index.js";

/**
 * The Moon's phase angle (deg, 0 at full moon, 180 at new moon): the angle at the Moon between
 * the Sun and the Earth, from the two geocentric vectors (Meeus, Astronomical Algorithms ch. 48).
 * It is the α of Krisciunas & Schaefer (1991); the illuminated fraction is (1 + cos α) / 2.
 */
export function moonPhaseAngle(moon: MoonPosition, sun: SunPosition): number {
  const m = [moon.distance * cosd(moon.lat) * cosd(moon.lon), moon.distance * cosd(moon.lat) * sind(moon.lon), moon.distance * sind(moon.lat)] as const;
  const rs = sun.distance * ASTRONOMICAL_UNIT_KM;
  const s = [rs * cosd(sun.lon), rs * sind(sun.lon), 0] as const;
  const toSun = [s[0] - m[0], s[1] - m[1], s[2] - m[2]] as const;
  const toEarth = [-m[0], -m[1], -m[2]] as const;
  const dot = toSun[0] * toEarth[0] + toSun[1] * toEarth[1] + toSun[2] * toEarth[2];
  const c = dot / (Math.hypot(...toSun) * Math.hypot(...toEarth));
  return Math.acos(Math.max(-1, Math.min(1, c))) / DEG;
}

/** Illuminated fraction of the Moon's disc for phase angle `alpha` (deg): (1 + cos α) / 2. */
export function illuminatedFraction(alpha: number): number {
  return (1 + cosd(alpha)) / 2;
}
