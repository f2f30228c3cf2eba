import type { SpectraFibermapTable } from "./SpectraFibermapTable.js";

/**
 * The per-exposure fibermap of a coadd or redshift file (EXP_FIBERMAP): one row per target and
 * exposure that went into the coadd, with the columns that change from exposure to exposure
 * (desidatamodel `coadd-SURVEY-PROGRAM-PIXNUM`). Its presence is what tells redrock that its input
 * is already coadded.
 *
 * Its columns are SpectraFibermapTable's, in the order below (desispec's EXP_FIBERMAP order).
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
> {}
