import type { SpectraFibermapTable } from "./SpectraFibermapTable.js";

/**
 * The per-exposure fibermap of a coadd or redshift file (EXP_FIBERMAP): one row per target and
 * exposure that went into the coadd, with the columns that change from exposure to exposure
 * (desidatamodel `coadd-SURVEY-PROGRAM-PIXNUM`). Its presence is what tells redrock that its input
 * is already coadded.
 *
 * Its columns are SpectraFibermapTable's, in the order below, then IN_COADD_B, IN_COADD_R and
 * IN_COADD_Z, and COADD_NORM and SIGMA_COADD_NORM when the coadd renormalised its exposures
 * (desispec's EXP_FIBERMAP order, `coadd_fibermap`; docs/sources.md#coadd).
 *
 * @table
 */
export interface ExpFibermapTable extends Pick<
  SpectraFibermapTable,
  | "TARGETID"
  | "PRIORITY"
  | "SUBPRIORITY"
  | "NIGHT"
  | "EXPID"
  | "MJD"
  | "TILEID"
  | "EXPTIME"
  | "PETAL_LOC"
  | "DEVICE_LOC"
  | "LOCATION"
  | "FIBER"
  | "FIBERSTATUS"
  | "FIBERASSIGN_X"
  | "FIBERASSIGN_Y"
  | "LAMBDA_REF"
  | "PLATE_RA"
  | "PLATE_DEC"
  | "NUM_ITER"
  | "FIBER_X"
  | "FIBER_Y"
  | "DELTA_X"
  | "DELTA_Y"
  | "FIBER_RA"
  | "FIBER_DEC"
> {
  /**
   * True when this exposure's b-band spectrum went into the coadd (its FIBERSTATUS has no bit fatal for that camera).
   * @column IN_COADD_B bool
   */
  readonly IN_COADD_B: Uint8Array;
  /**
   * True when this exposure's r-band spectrum went into the coadd (its FIBERSTATUS has no bit fatal for that camera).
   * @column IN_COADD_R bool
   */
  readonly IN_COADD_R: Uint8Array;
  /**
   * True when this exposure's z-band spectrum went into the coadd (its FIBERSTATUS has no bit fatal for that camera).
   * @column IN_COADD_Z bool
   */
  readonly IN_COADD_Z: Uint8Array;
  /**
   * Factor this exposure's flux was multiplied by (its ivar divided by its square) before the coadd;
   * 1 when not renormalised. Only when the coadd renormalised its exposures.
   * @column COADD_NORM f32
   */
  readonly COADD_NORM?: Float32Array;
  /**
   * Uncertainty of COADD_NORM; 0 when not renormalised. Only when the coadd renormalised its exposures.
   * @column SIGMA_COADD_NORM f32
   */
  readonly SIGMA_COADD_NORM?: Float32Array;
}
