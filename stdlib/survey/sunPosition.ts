import { sind, cosd, wrap360 } from "./angles.js";
import { equatorialOfEcliptic } from "./equatorialOfEcliptic.js";
import { MJD_J2000 } from "./siderealTime.js";

/** The Sun's geocentric place. */
export interface SunPosition {
  /** Apparent ecliptic longitude, deg. */
  readonly lon: number;
  /** Right ascension, deg. */
  readonly ra: number;
  /** Declination, deg. */
  readonly dec: number;
  /** Distance from the Earth, AU. */
  readonly distance: number;
}

/**
 * The Sun at `mjd` from the Astronomical Almanac's low-precision formulae (section C, "Sun":
 * good to 0.01° between 1950 and 2050). Time is taken as UT: TT − UT ≈ 69 s moves the Sun by
 * 0.003°, far below what the survey needs.
 */
export function sunPosition(mjd: number): SunPosition {
  const n = mjd - MJD_J2000;
  const L = 280.46 + 0.9856474 * n;
  const g = 357.528 + 0.9856003 * n;
  const lon = wrap360(L + 1.915 * sind(g) + 0.02 * sind(2 * g));
  const distance = 1.00014 - 0.01671 * cosd(g) - 0.00014 * cosd(2 * g);
  const { ra, dec } = equatorialOfEcliptic(lon, 0, mjd);
  return { lon, ra, dec, distance };
}
