import type { CoaddFibermapTable } from "./CoaddFibermapTable.js";
import type { ExpFibermapTable } from "./ExpFibermapTable.js";
import type { RedshiftsTable } from "./RedshiftsTable.js";
import type { Tsnr2Table } from "./Tsnr2Table.js";
import type { Header } from "./values.js";

/**
 * Redshifts and classifications of one healpix pixel's coadd (DESI
 * `redrock-{SURVEY}-{PROGRAM}-{PIXNUM}.fits`, formerly zbest; docs/sources.md#redrock, #datamodel). REDSHIFTS,
 * FIBERMAP and TSNR2 are row-matched, one row per target. The TEMNAMnn/TEMVERnn keywords redrock
 * writes per template are not required.
 *
 * @format fits
 * @header SPGRP str - grouping of the spectra: healpix
 * @header SPGRPVAL int - grouping value: the healpix pixel
 * @header HPXPIXEL int - nested healpix pixel
 * @header HPXNSIDE int - healpix nside (64)
 * @header HPXNEST bool - true: nested pixel numbering
 * @header SURVEY str - survey: main, sv1, …
 * @header PROGRAM str - observing program: dark, bright, …
 * @header RRVER str - name and version of the redshift fitter
 */
export interface Redrock {
  /** Primary header (the primary HDU has no data). */
  readonly header: Header;
  /**
   * Best fit of each target.
   * @hdu REDSHIFTS
   */
  readonly REDSHIFTS: RedshiftsTable;
  /**
   * Coadded fibermap of each target, copied from the coadd.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: CoaddFibermapTable;
  /**
   * Per-exposure fibermap, copied from the coadd.
   * @hdu EXP_FIBERMAP
   */
  readonly EXP_FIBERMAP: ExpFibermapTable;
  /**
   * Template S/N² of each target, copied from the coadd's SCORES.
   * @hdu TSNR2
   */
  readonly TSNR2: Tsnr2Table;
}
