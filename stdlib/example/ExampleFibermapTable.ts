/**
 * The fibermap of an example frame: one row per fiber, in FIBER order, with the target the fiber
 * holds. Sky fibers (OBJTYPE `SKY`) point at blank sky and are what `calibrate` estimates the sky
 * from; on a flat-lamp exposure every fiber has OBJTYPE `NON`, TARGETID -1 and RA = DEC = 0.
 *
 * @table
 */
export interface ExampleFibermapTable {
  /**
   * Unique target ID: 2^58 (DESI's mock bit) + TILEID × 2^16 + FIBER, or -1 on a flat.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Fiber number, 0 to NFIBER - 1.
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
   * What the fiber holds: `TGT` (a target), `SKY` (blank sky) or `NON` (nothing, on a flat).
   * @column OBJTYPE str3
   */
  readonly OBJTYPE: readonly string[];
}
