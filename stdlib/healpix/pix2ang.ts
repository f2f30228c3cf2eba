/** Pixel number → direction (θ, φ) of its centre. */
import { bigintCodec } from "./bigintCodec.js";
import { checkNside } from "./checkNside.js";
import { makeGrid } from "./Grid.js";
import { locOfPixel, newScratch, thetaOfLoc } from "./locate.js";
import { numberCodec } from "./numberCodec.js";
import type { PixelCodec } from "./PixelCodec.js";
import type { Angles } from "./types.js";

function pix2angWith<P extends number | bigint>(codec: PixelCodec<P>, nside: number, pix: P, nest: boolean): Angles {
  const g = makeGrid(nside);
  codec.checkPixel(g, pix);
  const loc = locOfPixel(codec, g, pix, nest, newScratch());
  return { theta: thetaOfLoc(loc), phi: loc.phi };
}

/**
 * Colatitude and longitude (radians, φ ∈ [0, 2π)) of the centre of pixel `pix`, as healpy's
 * `pix2ang`. Throws a `RangeError` for a pixel number outside 0..npix−1 or nside above 2^24
 * (use {@link pix2angBig}).
 */
export function pix2ang(nside: number, pix: number, nest = false): Angles {
  checkNside(nside, nest, "number", "pix2angBig");
  return pix2angWith(numberCodec, nside, pix, nest);
}

/** {@link pix2ang} for a BigInt pixel number, for every nside up to 2^29. */
export function pix2angBig(nside: number, pix: bigint, nest = false): Angles {
  checkNside(nside, nest, "bigint");
  return pix2angWith(bigintCodec, nside, pix, nest);
}
