import type { TruthTable } from "./TruthTable.js";
import type { Header } from "./values.js";

/**
 * What the simulation knows about the mock targets of one healpix pixel: true redshift, class and
 * spectral template parameters, row-matched to the pixel's Targets (desitarget's mock
 * `truth-…-hp-{PIXNUM}.fits`, abridged; docs/sources.md#templates). Spectra are rebuilt from these
 * parameters rather than stored.
 *
 * @format fits
 * @header HPXPIXEL int - nested healpix pixel
 * @header HPXNSIDE int - healpix nside (64)
 * @header HPXNEST bool - true: nested pixel numbering
 * @header FILENSID int - nside of the pixels the file holds (desitarget's file partition)
 * @header FILENEST bool - true: FILEHPX is in nested numbering
 * @header FILEHPX int - the pixel the file holds, at FILENSID
 */
export interface Truth {
  /** Primary header (the primary HDU has no data). */
  readonly header: Header;
  /**
   * One row per target, in the order of the Targets file.
   * @hdu TRUTH
   * @header FILENSID int - nside of the pixels the file holds (desitarget reads it here)
   * @header FILENEST bool - true: FILEHPX is in nested numbering
   * @header FILEHPX int - the pixel the file holds, at FILENSID
   */
  readonly TRUTH: TruthTable;
}
