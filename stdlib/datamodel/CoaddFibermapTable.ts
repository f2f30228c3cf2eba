import type { FibermapTable } from "./FibermapTable.js";

/** COADD_FIBERSTATUS, which desispec writes right after TARGETID. */
interface CoaddFiberStatusColumn {
  /**
   * Bitwise AND of the FIBERSTATUS of the coadded exposures; 0 is good.
   * @column COADD_FIBERSTATUS i32
   */
  readonly COADD_FIBERSTATUS: Int32Array;
}

/**
 * The coadded fibermap of a healpix coadd and of its redshift file: one row per target, the
 * target's columns plus COADD_* summaries of its exposures (desidatamodel
 * `coadd-SURVEY-PROGRAM-PIXNUM`). Per-exposure columns (FIBER, TILEID, FIBERSTATUS, …) move to the
 * EXP_FIBERMAP; FIBERSTATUS becomes COADD_FIBERSTATUS, as redrock expects of a coadd.
 *
 * Its columns are TARGETID, COADD_FIBERSTATUS, then FibermapTable's in that order but the
 * per-exposure ones omitted below, then the COADD_* and per-exposure summaries.
 *
 * @table
 */
export interface CoaddFibermapTable
  extends
    Pick<FibermapTable, "TARGETID">,
    CoaddFiberStatusColumn,
    Omit<
      FibermapTable,
      | "TARGETID"
      | "PETAL_LOC"
      | "DEVICE_LOC"
      | "LOCATION"
      | "FIBER"
      | "FIBERSTATUS"
      | "FIBERASSIGN_X"
      | "FIBERASSIGN_Y"
      | "LAMBDA_REF"
      | "PRIORITY"
      | "NUM_ITER"
      | "FIBER_X"
      | "FIBER_Y"
      | "DELTA_X"
      | "DELTA_Y"
      | "FIBER_RA"
      | "FIBER_DEC"
      | "EXPTIME"
    > {
  /**
   * Number of exposures in the coadd.
   * @column COADD_NUMEXP i16
   */
  readonly COADD_NUMEXP: Int16Array;
  /**
   * Summed exposure time of the coadd.
   * @column COADD_EXPTIME f32 s
   */
  readonly COADD_EXPTIME: Float32Array;
  /**
   * Number of distinct nights in the coadd.
   * @column COADD_NUMNIGHT i16
   */
  readonly COADD_NUMNIGHT: Int16Array;
  /**
   * Number of distinct tiles in the coadd.
   * @column COADD_NUMTILE i16
   */
  readonly COADD_NUMTILE: Int16Array;
  /**
   * Mean over exposures of DELTA_X.
   * @column MEAN_DELTA_X f32 mm
   */
  readonly MEAN_DELTA_X: Float32Array;
  /**
   * RMS over exposures of DELTA_X.
   * @column RMS_DELTA_X f32 mm
   */
  readonly RMS_DELTA_X: Float32Array;
  /**
   * Mean over exposures of DELTA_Y.
   * @column MEAN_DELTA_Y f32 mm
   */
  readonly MEAN_DELTA_Y: Float32Array;
  /**
   * RMS over exposures of DELTA_Y.
   * @column RMS_DELTA_Y f32 mm
   */
  readonly RMS_DELTA_Y: Float32Array;
  /**
   * Mean over exposures of FIBER_RA.
   * @column MEAN_FIBER_RA f64 deg
   */
  readonly MEAN_FIBER_RA: Float64Array;
  /**
   * Standard deviation over exposures of FIBER_RA.
   * @column STD_FIBER_RA f32 arcsec
   */
  readonly STD_FIBER_RA: Float32Array;
  /**
   * Mean over exposures of FIBER_DEC.
   * @column MEAN_FIBER_DEC f64 deg
   */
  readonly MEAN_FIBER_DEC: Float64Array;
  /**
   * Standard deviation over exposures of FIBER_DEC.
   * @column STD_FIBER_DEC f32 arcsec
   */
  readonly STD_FIBER_DEC: Float32Array;
  /**
   * Earliest MJD of the coadded exposures.
   * @column MIN_MJD f64 d
   */
  readonly MIN_MJD: Float64Array;
  /**
   * Latest MJD of the coadded exposures.
   * @column MAX_MJD f64 d
   */
  readonly MAX_MJD: Float64Array;
  /**
   * Mean MJD of the coadded exposures.
   * @column MEAN_MJD f64 d
   */
  readonly MEAN_MJD: Float64Array;
}
