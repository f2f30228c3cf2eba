import type { CoaddScoresTable } from "./CoaddScoresTable.js";

/**
 * The TSNR2 table of a redshift file: one row per target, row-matched to REDSHIFTS, with the
 * template S/N² of each tracer per band and summed over bands, copied from the coadd's SCORES
 * (desidatamodel `redrock-SURVEY-PROGRAM-PIXNUM`).
 *
 * Its columns are CoaddScoresTable's but the flux and S/N scores.
 *
 * @table
 */
export interface Tsnr2Table extends Omit<
  CoaddScoresTable,
  | "INTEG_COADD_FLUX_B"
  | "MEDIAN_COADD_FLUX_B"
  | "MEDIAN_COADD_SNR_B"
  | "INTEG_COADD_FLUX_R"
  | "MEDIAN_COADD_FLUX_R"
  | "MEDIAN_COADD_SNR_R"
  | "INTEG_COADD_FLUX_Z"
  | "MEDIAN_COADD_FLUX_Z"
  | "MEDIAN_COADD_SNR_Z"
> {}
