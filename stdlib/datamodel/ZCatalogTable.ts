import type { CoaddFibermapTable } from "./CoaddFibermapTable.js";
import type { CoaddScoresTable } from "./CoaddScoresTable.js";
import type { RedshiftsTable } from "./RedshiftsTable.js";

/** Where the redshift comes from, which the catalogue writes right after TARGETID. */
interface ZCatalogSourceColumns {
  /**
   * Survey of the coadd the redshift comes from, e.g. main or sv1.
   * @column SURVEY str7
   */
  readonly SURVEY: readonly string[];
  /**
   * Program of the coadd the redshift comes from, e.g. dark or bright.
   * @column PROGRAM str6
   */
  readonly PROGRAM: readonly string[];
  /**
   * Nested nside-64 healpix pixel of the coadd (its HPXPIXEL).
   * @column HEALPIX i32
   */
  readonly HEALPIX: Int32Array;
}

/**
 * The ZCATALOG table of a redshift catalogue: one row per target and coadd, the REDSHIFTS joined
 * with the coadded fibermap and the per-band S/N of the coadd's SCORES (desidatamodel
 * `zpix-SURVEY-PROGRAM`, abridged). MEDIAN_COADD_SNR_* and TSNR2_* carry the S/N per band the 2 %
 * sprint asked to propagate to the redshift files.
 *
 * Its columns are TARGETID, SURVEY, PROGRAM and HEALPIX, then RedshiftsTable's, some of
 * CoaddFibermapTable's and CoaddScoresTable's, then ZCAT_NSPEC and ZCAT_PRIMARY.
 *
 * @table
 */
export interface ZCatalogTable
  extends
    Pick<RedshiftsTable, "TARGETID">,
    ZCatalogSourceColumns,
    Omit<RedshiftsTable, "TARGETID">,
    Pick<
      CoaddFibermapTable,
      | "COADD_FIBERSTATUS"
      | "TARGET_RA"
      | "TARGET_DEC"
      | "OBJTYPE"
      | "DESI_TARGET"
      | "BGS_TARGET"
      | "MWS_TARGET"
      | "SCND_TARGET"
      | "COADD_NUMEXP"
      | "COADD_EXPTIME"
    >,
    Omit<CoaddScoresTable, "TARGETID"> {
  /**
   * Number of rows of this TARGETID in the catalogue.
   * @column ZCAT_NSPEC i16
   */
  readonly ZCAT_NSPEC: Int16Array;
  /**
   * 1 for the row to use when a TARGETID has several (the most TSNR2), else 0.
   * @column ZCAT_PRIMARY bool
   */
  readonly ZCAT_PRIMARY: Uint8Array;
}
