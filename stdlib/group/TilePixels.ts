import type { Header } from "../datamodel/values.js";

/**
 * Which healpix pixels the targets of each petal of each observed tile fall in (desispec's
 * `fibermap2tilepix`, docs/sources.md#healpix): one row per (tile, petal, pixel) holding at least
 * one fiber whose TARGET_RA/DEC is in the pixel, with the number of such fibers. The regrouping
 * reads it to know, before opening any cframe, which cframes hold rows of a pixel.
 *
 * @format ecsv
 */
export interface TilePixels {
  /** Table metadata: NSIDE, NEST, SURVEY and PROGRAM of the grouping. */
  readonly meta: Header;
  /**
   * Tile ID.
   * @column TILEID i32
   */
  readonly TILEID: Int32Array;
  /**
   * Spectrograph (petal) the fibers feed: FIBER // 500, the cframe's SPECGRPH.
   * @column PETAL i16
   */
  readonly PETAL: Int16Array;
  /**
   * Nested healpix pixel at NSIDE of the fibers' TARGET_RA/DEC.
   * @column HEALPIX i32
   */
  readonly HEALPIX: Int32Array;
  /**
   * Fibers of the petal whose target lies in the pixel (sky fibers included, as desispec groups them).
   * @column NFIBER i32
   */
  readonly NFIBER: Int32Array;
}
