import type { Header } from "./values.js";
import type { ZCatalogTable } from "./ZCatalogTable.js";

/**
 * The redshift catalogue of a survey: every coadd's redshifts in one table, with the targeting bits
 * and the S/N per band (DESI `zpix-{SURVEY}-{PROGRAM}.fits` and `zall-pix-{SPECPROD}.fits`,
 * abridged).
 *
 * @format fits
 */
export interface ZCatalog {
  /** Primary header (the primary HDU has no data). */
  readonly header: Header;
  /**
   * One row per target and coadd.
   * @hdu ZCATALOG
   */
  readonly ZCATALOG: ZCatalogTable;
}
