import { airmass } from "./airmass.js";
import { altitude } from "./altitude.js";
import { angularSeparation } from "./angularSeparation.js";
import { moonPhaseAngle, illuminatedFraction } from "./moonPhaseAngle.js";
import { moonPosition } from "./moonPosition.js";
import { localSiderealTime } from "./siderealTime.js";
import type { Site } from "./Site.js";
import type { SkyCircumstances } from "./skyFlux.js";
import { sunPosition } from "./sunPosition.js";
import { topocentric } from "./topocentric.js";

/** Where a tile and the Moon stand at one instant, seen from the telescope. */
export interface Circumstances extends SkyCircumstances {
  /** Illuminated fraction of the Moon. */
  readonly moonFraction: number;
}

/**
 * The circumstances of pointing at (ra, dec) (deg) at `mjd` from `site`: the tile's altitude and
 * airmass, and the Moon's topocentric altitude, separation from the tile, phase angle and
 * illuminated fraction (low-precision Almanac ephemerides, see {@link moonPosition}).
 */
export function circumstances(ra: number, dec: number, mjd: number, site: Site): Circumstances {
  const lst = localSiderealTime(mjd, site.longitude);
  const targetAltitude = altitude(ra, dec, lst, site.latitude);
  const moon = moonPosition(mjd);
  const seen = topocentric(moon, site, lst);
  const moonPhase = moonPhaseAngle(moon, sunPosition(mjd));
  return {
    airmass: airmass(targetAltitude),
    targetAltitude,
    moonAltitude: altitude(seen.ra, seen.dec, lst, site.latitude),
    moonSeparation: angularSeparation(ra, dec, seen.ra, seen.dec),
    moonPhase,
    moonFraction: illuminatedFraction(moonPhase),
  };
}
