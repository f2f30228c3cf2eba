import type { Header } from "../datamodel/values.js";

/**
 * The example survey's observing schedule: one row per exposure, a flat-lamp exposure at the
 * start of every night followed by science exposures of a few tiles in a small patch of sky.
 * RA and DEC are the telescope pointing (the tile centre); flats have TILEID -1 and point at
 * RA = DEC = 0.
 *
 * The simulation's hidden truth (where each tile's targets are, each fiber's throughput) is a
 * deterministic function of `meta.SIMSEED`, which `schedule` draws from its seeded random
 * source, so every kernel that needs that truth (`simulate`, `observedPixels`,
 * `pixelExposures`) recomputes it from this table instead of reading another file.
 *
 * @format ecsv
 * @meta SIMSEED int - seed of the simulated truth: target positions and fiber throughputs
 * @meta NFIBER int - fibers per exposure (and targets per tile)
 * @meta RADIUS float deg - radius of the field around the pointing where targets lie
 */
export interface ExampleExposures {
  /** Table metadata: SIMSEED, NFIBER and RADIUS (integers as bigint or number). */
  readonly meta: Header;
  /**
   * Exposure ID, unique over the survey.
   * @column EXPID i32
   */
  readonly EXPID: Int32Array;
  /**
   * Night of the exposure, YYYYMMDD.
   * @column NIGHT i32
   */
  readonly NIGHT: Int32Array;
  /**
   * Tile observed, or -1 for a flat.
   * @column TILEID i32
   */
  readonly TILEID: Int32Array;
  /**
   * Exposure flavor: `science` or `flat`.
   * @column FLAVOR str
   */
  readonly FLAVOR: readonly string[];
  /**
   * Shutter-open time.
   * @column EXPTIME f32 s
   */
  readonly EXPTIME: Float32Array;
  /**
   * Right ascension of the pointing (ICRS).
   * @column RA f64 deg
   */
  readonly RA: Float64Array;
  /**
   * Declination of the pointing (ICRS).
   * @column DEC f64 deg
   */
  readonly DEC: Float64Array;
}
