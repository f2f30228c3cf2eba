import type { FibermapTable } from "./FibermapTable.js";
import type { Header } from "./values.js";

/**
 * The fibermap of a tile: which target each of the 5000 fibers holds and where (DESI
 * `fibermap-{EXPID}.fits`, docs/sources.md#datamodel). Fiber assignment writes it once per tile with
 * design values; the exposure simulator copies it per exposure with the achieved fiber positions
 * and EXPTIME.
 *
 * @format fits
 * @header TILEID int - tile ID
 * @header TILERA float deg - right ascension of the tile centre
 * @header TILEDEC float deg - declination of the tile centre
 * @header SURVEY str - survey: main, sv1, …
 * @header PROGRAM str - observing program: dark, bright, … (lower case)
 * @header FAPRGRM str - fiber assignment's program, the same as PROGRAM
 */
export interface Fibermap {
  /** Primary header (the primary HDU has no data). */
  readonly header: Header;
  /**
   * One row per fiber, in fiber order.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: FibermapTable;
}
