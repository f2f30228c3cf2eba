/**
 * The per-exposure fibermap of a coadd or redshift file (EXP_FIBERMAP): one row per target and
 * exposure that went into the coadd, with the columns that change from exposure to exposure
 * (desidatamodel `coadd-SURVEY-PROGRAM-PIXNUM`). Its presence is what tells redrock that its input
 * is already coadded.
 *
 * @table
 */
export interface ExpFibermapTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Priority of the target when it was assigned (higher is observed first).
   * @column PRIORITY i32
   */
  readonly PRIORITY: Int32Array;
  /**
   * Random subpriority in [0, 1) that breaks priority ties.
   * @column SUBPRIORITY f64
   */
  readonly SUBPRIORITY: Float64Array;
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
  /**
   * Shutter-open time of the exposure (0 in a tile's design-time fibermap).
   * @column EXPTIME f64 s
   */
  readonly EXPTIME: Float64Array;
  /**
   * Petal location on the focal plane, 0 to 9.
   * @column PETAL_LOC i16
   */
  readonly PETAL_LOC: Int16Array;
  /**
   * Device location on its petal, 0 to 523.
   * @column DEVICE_LOC i32
   */
  readonly DEVICE_LOC: Int32Array;
  /**
   * Location on the focal plane, PETAL_LOC * 1000 + DEVICE_LOC.
   * @column LOCATION i64
   */
  readonly LOCATION: BigInt64Array;
  /**
   * Fiber number on the spectrographs' CCDs, 0 to 4999 (500 per petal).
   * @column FIBER i32
   */
  readonly FIBER: Int32Array;
  /**
   * Fiber status bit mask; 0 is good.
   * @column FIBERSTATUS i32
   */
  readonly FIBERSTATUS: Int32Array;
  /**
   * Focal-plane (CS5) X position planned by fiber assignment.
   * @column FIBERASSIGN_X f32 mm
   */
  readonly FIBERASSIGN_X: Float32Array;
  /**
   * Focal-plane (CS5) Y position planned by fiber assignment.
   * @column FIBERASSIGN_Y f32 mm
   */
  readonly FIBERASSIGN_Y: Float32Array;
  /**
   * Right ascension used to place the positioner.
   * @column PLATE_RA f64 deg
   */
  readonly PLATE_RA: Float64Array;
  /**
   * Declination used to place the positioner.
   * @column PLATE_DEC f64 deg
   */
  readonly PLATE_DEC: Float64Array;
  /**
   * Focal-plane (CS5) X position requested for the exposure.
   * @column FIBER_X f64 mm
   */
  readonly FIBER_X: Float64Array;
  /**
   * Focal-plane (CS5) Y position requested for the exposure.
   * @column FIBER_Y f64 mm
   */
  readonly FIBER_Y: Float64Array;
  /**
   * Requested minus achieved focal-plane (CS5) X position.
   * @column DELTA_X f64 mm
   */
  readonly DELTA_X: Float64Array;
  /**
   * Requested minus achieved focal-plane (CS5) Y position.
   * @column DELTA_Y f64 mm
   */
  readonly DELTA_Y: Float64Array;
  /**
   * Right ascension of the achieved fiber position.
   * @column FIBER_RA f64 deg
   */
  readonly FIBER_RA: Float64Array;
  /**
   * Declination of the achieved fiber position.
   * @column FIBER_DEC f64 deg
   */
  readonly FIBER_DEC: Float64Array;
}
