import type { Header } from "./values.js";

/**
 * The simulated observing schedule: one row per exposure, science and flat alike, with the
 * observing conditions the simulation draws (surveysim's exposures list, abridged; docs/sources.md#observing,
 * #efftime). Flats have TILEID -1 and EFFTIME 0.
 *
 * @format ecsv
 */
export interface ExposureList {
  /** Table metadata (the ECSV header's `meta`); no key is required. */
  readonly meta: Header;
  /**
   * Exposure ID, unique over the survey.
   * @column EXPID i32
   */
  readonly EXPID: Int32Array;
  /**
   * Night of the exposure, YYYYMMDD of the local date at the start of the night.
   * @column NIGHT i32
   */
  readonly NIGHT: Int32Array;
  /**
   * Tile observed, or -1 for a flat.
   * @column TILEID i32
   */
  readonly TILEID: Int32Array;
  /**
   * Exposure flavor: science or flat.
   * @column FLAVOR str
   */
  readonly FLAVOR: readonly string[];
  /**
   * Program of the tile: DARK or BRIGHT (CALIB for a flat).
   * @column PROGRAM str
   */
  readonly PROGRAM: readonly string[];
  /**
   * Modified Julian date when the shutter opened.
   * @column MJD f64 d
   */
  readonly MJD: Float64Array;
  /**
   * Shutter-open time.
   * @column EXPTIME f32 s
   */
  readonly EXPTIME: Float32Array;
  /**
   * Airmass at the middle of the exposure.
   * @column AIRMASS f32
   */
  readonly AIRMASS: Float32Array;
  /**
   * Seeing FWHM.
   * @column SEEING f32 arcsec
   */
  readonly SEEING: Float32Array;
  /**
   * Atmospheric transparency, 0 to 1.
   * @column TRANSP f32
   */
  readonly TRANSP: Float32Array;
  /**
   * Illuminated fraction of the moon.
   * @column MOONFRAC f32
   */
  readonly MOONFRAC: Float32Array;
  /**
   * Altitude of the moon (negative below the horizon).
   * @column MOONALT f32 deg
   */
  readonly MOONALT: Float32Array;
  /**
   * Separation between the moon and the tile centre.
   * @column MOONSEP f32 deg
   */
  readonly MOONSEP: Float32Array;
  /**
   * Effective exposure time reached (desispec efftime.py; docs/sources.md#efftime).
   * @column EFFTIME f32 s
   */
  readonly EFFTIME: Float32Array;
}
