import { altitude } from "./altitude.js";
import { mjdOfDate } from "./mjdOfDate.js";
import { localSiderealTime } from "./siderealTime.js";
import type { Site } from "./Site.js";
import { sunPosition } from "./sunPosition.js";

/** Altitude of the Sun's centre at the end and start of astronomical twilight, deg. */
export const ASTRONOMICAL_TWILIGHT = -18;

/** The dark part of one night: between the end of evening and the start of morning astronomical twilight. */
export interface DarkWindow {
  /** The night, YYYYMMDD: the local date at the start of the night. */
  readonly night: number;
  /** End of evening astronomical twilight, MJD (UTC). */
  readonly start: number;
  /** Start of morning astronomical twilight, MJD (UTC). */
  readonly end: number;
}

/** Step of the scan for twilight crossings, days (10 min). */
const SCAN_STEP = 10 / 1440;

/** Altitude of the Sun (deg) at `mjd` seen from `site`. */
export function sunAltitude(mjd: number, site: Site): number {
  const sun = sunPosition(mjd);
  return altitude(sun.ra, sun.dec, localSiderealTime(mjd, site.longitude), site.latitude);
}

/** The time in [a, b] where `f` changes sign, by bisection to about 0.01 s. */
function crossing(f: (t: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  const up = f(lo) < 0;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0 === up) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The dark window of `night` (YYYYMMDD, local date at the start of the night) at `site`: the
 * Sun's altitude is scanned from local noon to the next local noon in 10-minute steps, and the
 * −18° crossings refined by bisection. Throws a RangeError when the Sun does not reach −18° (not
 * at Kitt Peak's latitude).
 */
export function darkWindow(night: number, site: Site): DarkWindow {
  const noon = mjdOfDate(night, "night") + (12 - site.utcOffset) / 24;
  const f = (t: number): number => sunAltitude(t, site) - ASTRONOMICAL_TWILIGHT;
  let start: number | undefined;
  let prev = f(noon);
  for (let i = 1; i <= 144; i++) {
    const t = noon + i * SCAN_STEP;
    const v = f(t);
    if (start === undefined && prev >= 0 && v < 0) start = crossing(f, t - SCAN_STEP, t);
    else if (start !== undefined && prev < 0 && v >= 0) return { night, start, end: crossing(f, t - SCAN_STEP, t) };
    prev = v;
  }
  throw new RangeError(`the Sun does not set below ${ASTRONOMICAL_TWILIGHT}° on night ${night} at latitude ${site.latitude}°`);
}
