/** Where a site is on the Earth. */
export interface Site {
  /** Geodetic latitude, deg (north positive). */
  readonly latitude: number;
  /** Longitude, deg (east positive). */
  readonly longitude: number;
  /** Height above the reference ellipsoid, m. */
  readonly elevation: number;
  /** Hours the local standard time is ahead of UTC (negative west of Greenwich). */
  readonly utcOffset: number;
}

/**
 * The Mayall telescope on Kitt Peak (desisurvey config-main.yaml: lat 31.964°, lon −111.599°, ≈2100 m,
 * docs/sources.md#telescope; here the
 * telescope's published 31.9634 N, 111.6003 W, 2120 m). Arizona keeps MST (UTC−7) all year,
 * which fixes DESI's NIGHT (the local date at the start of the night).
 */
export const KITT_PEAK: Site = { latitude: 31.9634, longitude: -111.6003, elevation: 2120, utcOffset: -7 };
