import { DEG, cosd, sind, wrap360 } from "./angles.js";
import { equatorialOfEcliptic } from "./equatorialOfEcliptic.js";
import { MJD_J2000 } from "./siderealTime.js";
import { EARTH_EQUATORIAL_RADIUS_KM } from "../constants/index.js";

/** The Moon's geocentric place. */
export interface MoonPosition {
  /** Ecliptic longitude, deg. */
  readonly lon: number;
  /** Ecliptic latitude, deg. */
  readonly lat: number;
  /** Right ascension, deg. */
  readonly ra: number;
  /** Declination, deg. */
  readonly dec: number;
  /** Horizontal parallax, deg. */
  readonly parallax: number;
  /** Distance from the Earth's centre, km. */
  readonly distance: number;
}

/**
 * The Moon at `mjd` from the Astronomical Almanac's low-precision formulae (section D, "Low-
 * precision formulas for the Moon's coordinates": 6 terms in longitude, 4 in latitude, 5 in
 * parallax; good to about 0.3° in longitude, 0.2° in latitude and 0.003° in parallax between
 * 1950 and 2050). Geocentric; see {@link topocentric} for the place seen from the telescope.
 * Time is taken as UT (the Moon moves 0.01° in TT − UT ≈ 69 s).
 */
export function moonPosition(mjd: number): MoonPosition {
  const t = (mjd - MJD_J2000) / 36525;
  const lon = wrap360(
    218.32 +
      481267.881 * t +
      6.29 * sind(135.0 + 477198.87 * t) -
      1.27 * sind(259.3 - 413335.36 * t) +
      0.66 * sind(235.7 + 890534.22 * t) +
      0.21 * sind(269.9 + 954397.74 * t) -
      0.19 * sind(357.5 + 35999.05 * t) -
      0.11 * sind(186.5 + 966404.03 * t),
  );
  const lat = 5.13 * sind(93.3 + 483202.02 * t) + 0.28 * sind(228.2 + 960400.89 * t) - 0.28 * sind(318.3 + 6003.15 * t) - 0.17 * sind(217.6 - 407332.21 * t);
  const parallax =
    0.9508 +
    0.0518 * cosd(135.0 + 477198.87 * t) +
    0.0095 * cosd(259.3 - 413335.36 * t) +
    0.0078 * cosd(235.7 + 890534.22 * t) +
    0.0028 * cosd(269.9 + 954397.74 * t);
  const { ra, dec } = equatorialOfEcliptic(lon, lat, mjd);
  return { lon, lat, ra, dec, parallax, distance: EARTH_EQUATORIAL_RADIUS_KM / Math.sin(parallax * DEG) };
}
