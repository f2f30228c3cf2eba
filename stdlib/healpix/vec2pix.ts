/** Direction vector → pixel number. */
import { bigintCodec } from "./bigintCodec.js";
import { checkVector } from "./checkDirection.js";
import { checkNside } from "./checkNside.js";
import { makeGrid } from "./Grid.js";
import { newScratch, pixelOfVector } from "./locate.js";
import { pixelOfVectorNumber } from "./pixelOfLocNumber.js";
import type { Vec3 } from "./types.js";

/**
 * The pixel containing the direction of `vec` (any finite non-zero length), as healpy's
 * `vec2pix`. Throws a `RangeError` for a zero or non-finite vector or nside above 2^24
 * (use {@link vec2pixBig}).
 */
export function vec2pix(nside: number, vec: Vec3, nest = false): number {
  checkNside(nside, nest, "number", "vec2pixBig");
  const [x, y, z] = vec;
  checkVector(x, y, z);
  return pixelOfVectorNumber(makeGrid(nside), x, y, z, nest);
}

/** {@link vec2pix} with a BigInt pixel number, for every nside up to 2^29. */
export function vec2pixBig(nside: number, vec: Vec3, nest = false): bigint {
  checkNside(nside, nest, "bigint");
  const [x, y, z] = vec;
  checkVector(x, y, z);
  return pixelOfVector(bigintCodec, makeGrid(nside), x, y, z, nest, newScratch());
}
