/** Pixel number → unit vector of its centre. */
import { bigintCodec } from "./bigintCodec.js";
import { checkNside } from "./checkNside.js";
import { makeGrid } from "./Grid.js";
import { locOfPixel, newScratch, vectorOfLoc } from "./locate.js";
import { numberCodec } from "./numberCodec.js";
import type { Vec3 } from "./types.js";

/**
 * Unit vector (x, y, z) of the centre of pixel `pix`, as healpy's `pix2vec`. Throws a
 * `RangeError` for a pixel number outside 0..npix−1 or nside above 2^24 (use {@link pix2vecBig}).
 */
export function pix2vec(nside: number, pix: number, nest = false): Vec3 {
  checkNside(nside, nest, "number", "pix2vecBig");
  const g = makeGrid(nside);
  numberCodec.checkPixel(g, pix);
  return vectorOfLoc(locOfPixel(numberCodec, g, pix, nest, newScratch()));
}

/** {@link pix2vec} for a BigInt pixel number, for every nside up to 2^29. */
export function pix2vecBig(nside: number, pix: bigint, nest = false): Vec3 {
  checkNside(nside, nest, "bigint");
  const g = makeGrid(nside);
  bigintCodec.checkPixel(g, pix);
  return vectorOfLoc(locOfPixel(bigintCodec, g, pix, nest, newScratch()));
}
