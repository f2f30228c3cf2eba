import type { Header } from "./values.js";

/**
 * The tiles of the survey: one row per pointing of the focal plane, with its pass and program
 * (desimodel's tiles file, abridged; docs/sources.md#datamodel).
 *
 * @format ecsv
 */
export interface TileTable {
  /** Table metadata (the ECSV header's `meta`); no key is required. */
  readonly meta: Header;
  /**
   * Tile ID.
   * @column TILEID i32
   */
  readonly TILEID: Int32Array;
  /**
   * Right ascension of the tile centre.
   * @column RA f64 deg
   */
  readonly RA: Float64Array;
  /**
   * Declination of the tile centre.
   * @column DEC f64 deg
   */
  readonly DEC: Float64Array;
  /**
   * Pass (layer of the tiling) the tile belongs to, from 0.
   * @column PASS i16
   */
  readonly PASS: Int16Array;
  /**
   * Program of the tile: DARK or BRIGHT.
   * @column PROGRAM str
   */
  readonly PROGRAM: readonly string[];
  /**
   * 1 if the tile is inside the survey footprint, else 0.
   * @column IN_DESI i16
   */
  readonly IN_DESI: Int16Array;
  /**
   * Median Galactic reddening E(B-V) over the tile.
   * @column EBV_MED f32 mag
   */
  readonly EBV_MED: Float32Array;
}
