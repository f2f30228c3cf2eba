/** Renumbering between the NESTED and RING schemes. */
import { bigintCodec } from "./bigintCodec.js";
import { checkNside } from "./checkNside.js";
import { makeGrid, type Grid } from "./Grid.js";
import { newScratch, pixelOfXyf, xyfOfPixel, type Scratch } from "./locate.js";
import { numberCodec } from "./numberCodec.js";
import type { PixelCodec } from "./PixelCodec.js";

/** Converts a validated pixel number from one scheme to the other (`fromNest` names the source). */
export function convertScheme<P extends number | bigint>(codec: PixelCodec<P>, g: Grid, pix: P, fromNest: boolean, s: Scratch): P {
  const xyf = xyfOfPixel(codec, g, pix, fromNest, s);
  return pixelOfXyf(codec, g, xyf.face, xyf.ix, xyf.iy, !fromNest, s);
}

function convert<P extends number | bigint>(codec: PixelCodec<P>, nside: number, pix: P, fromNest: boolean): P {
  const g = makeGrid(nside);
  codec.checkPixel(g, pix);
  return convertScheme(codec, g, pix, fromNest, newScratch());
}

/**
 * The RING number of NESTED pixel `pix`, as healpy's `nest2ring`. nside must be a power of two
 * up to 2^24 (use {@link nest2ringBig} beyond); throws a `RangeError` otherwise.
 */
export function nest2ring(nside: number, pix: number): number {
  checkNside(nside, true, "number", "nest2ringBig");
  return convert(numberCodec, nside, pix, true);
}

/** The NESTED number of RING pixel `pix`, as healpy's `ring2nest` (nside a power of two up to 2^24). */
export function ring2nest(nside: number, pix: number): number {
  checkNside(nside, true, "number", "ring2nestBig");
  return convert(numberCodec, nside, pix, false);
}

/** {@link nest2ring} for BigInt pixel numbers, nside up to 2^29. */
export function nest2ringBig(nside: number, pix: bigint): bigint {
  checkNside(nside, true, "bigint");
  return convert(bigintCodec, nside, pix, true);
}

/** {@link ring2nest} for BigInt pixel numbers, nside up to 2^29. */
export function ring2nestBig(nside: number, pix: bigint): bigint {
  checkNside(nside, true, "bigint");
  return convert(bigintCodec, nside, pix, false);
}
