import type { TargetsTable } from "./TargetsTable.js";
import type { Header } from "./values.js";

/**
 * The mock targets of one healpix pixel: science targets, standard stars and sky positions with
 * their photometry, targeting bits and initial priorities (desitarget's
 * `targets-…-hp-{PIXNUM}.fits`, abridged; docs/sources.md#datamodel). The input of fiber assignment.
 *
 * @format fits
 * @header HPXPIXEL int - nested healpix pixel
 * @header HPXNSIDE int - healpix nside (64)
 * @header HPXNEST bool - true: nested pixel numbering
 * @header FILENSID int - nside of the pixels the file holds (desitarget's file partition)
 * @header FILENEST bool - true: FILEHPX is in nested numbering
 * @header FILEHPX int - the pixel the file holds, at FILENSID
 */
export interface Targets {
  /** Primary header (the primary HDU has no data). */
  readonly header: Header;
  /**
   * One row per target.
   * @hdu TARGETS
   * @header FILENSID int - nside of the pixels the file holds (desitarget reads it here)
   * @header FILENEST bool - true: FILEHPX is in nested numbering
   * @header FILEHPX int - the pixel the file holds, at FILENSID
   */
  readonly TARGETS: TargetsTable;
}
