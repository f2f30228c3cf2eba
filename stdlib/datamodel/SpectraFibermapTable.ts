import type { FibermapTable } from "./FibermapTable.js";

/**
 * The FIBERMAP of a healpix spectra file: one row per spectrum (a target on one exposure), the
 * exposure's fibermap row plus the exposure's identity (desispec io/fibermap.py; docs/sources.md#datamodel).
 * redrock needs TARGETID, OBJTYPE, FIBERSTATUS and TILEID from it.
 *
 * Its columns are FibermapTable's, in that order, then NIGHT, EXPID, MJD and TILEID.
 *
 * @table
 */
export interface SpectraFibermapTable extends FibermapTable {
  /**
   * Night of the exposure, YYYYMMDD of the local date at the start of the night.
   * @column NIGHT i32
   */
  readonly NIGHT: Int32Array;
  /**
   * Exposure ID.
   * @column EXPID i32
   */
  readonly EXPID: Int32Array;
  /**
   * Modified Julian date when the shutter opened.
   * @column MJD f64 d
   */
  readonly MJD: Float64Array;
  /**
   * Tile ID.
   * @column TILEID i32
   */
  readonly TILEID: Int32Array;
}
