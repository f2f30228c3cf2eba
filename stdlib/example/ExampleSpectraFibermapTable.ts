/**
 * The fibermap of an example spectra file: one row per spectrum (a target on one exposure), the
 * exposure's fibermap row with the exposure's identity added, ordered by EXPID then FIBER.
 *
 * @table
 */
export interface ExampleSpectraFibermapTable {
  /**
   * Unique target ID (at least 2^58).
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Exposure the spectrum comes from.
   * @column EXPID i32
   */
  readonly EXPID: Int32Array;
  /**
   * Night of that exposure, YYYYMMDD.
   * @column NIGHT i32
   */
  readonly NIGHT: Int32Array;
  /**
   * Tile of that exposure.
   * @column TILEID i32
   */
  readonly TILEID: Int32Array;
  /**
   * Fiber that observed the target on that exposure.
   * @column FIBER i32
   */
  readonly FIBER: Int32Array;
  /**
   * Right ascension of the target (ICRS).
   * @column TARGET_RA f64 deg
   */
  readonly TARGET_RA: Float64Array;
  /**
   * Declination of the target (ICRS).
   * @column TARGET_DEC f64 deg
   */
  readonly TARGET_DEC: Float64Array;
  /**
   * Fiber status bit mask; 0 is good.
   * @column FIBERSTATUS i32
   */
  readonly FIBERSTATUS: Int32Array;
  /**
   * `TGT` (a target) or `SKY` (blank sky).
   * @column OBJTYPE str3
   */
  readonly OBJTYPE: readonly string[];
}
