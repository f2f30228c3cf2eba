/**
 * The boundary between the geometry, which works on small exact coordinates, and pixel numbers,
 * which need 62 bits at nside 2^29. One codec stores them as `number` (exact up to nside 2^24),
 * the other as `bigint`; every public function is written once against this interface.
 */
import type { PixelApi } from "./checkNside.js";
import type { Grid } from "./Grid.js";
import type { RingPos, Xyf } from "./PixelCoords.js";

/** Encoding and decoding of pixel numbers of type `P` for one representation. */
export interface PixelCodec<P extends number | bigint> {
  /** Which representation this is; decides the largest nside accepted. */
  readonly api: PixelApi;
  /** The "no pixel" marker, -1 (used by neighbours). */
  readonly none: P;
  /** NESTED pixel number of face coordinates. */
  encodeNest(g: Grid, face: number, ix: number, iy: number): P;
  /** Face coordinates of a NESTED pixel number (assumed in range). */
  decodeNest(g: Grid, pix: P, out: Xyf): void;
  /** RING pixel number of the first pixel of `ring`; `ring` = 4·nside gives npix. */
  ringStart(g: Grid, ring: number): P;
  /** Ring coordinates of a RING pixel number (assumed in range). */
  decodeRing(g: Grid, pix: P, out: RingPos): void;
  /** `pix + n` for a small non-negative `n` (exactly representable as a double). */
  offset(pix: P, n: number): P;
  /**
   * Throws a `RangeError` unless `pix` is a pixel number of `g` (an integer in 0..npix−1);
   * `index` locates it in an input array for the message.
   */
  checkPixel(g: Grid, pix: P, index?: number): void;
}
