/** Direction (θ, φ) in radians → pixel number. */
import { bigintCodec } from "./bigintCodec.js";
import { checkAngles } from "./checkDirection.js";
import { checkNside } from "./checkNside.js";
import { makeGrid } from "./Grid.js";
import { newScratch, pixelOfAngles } from "./locate.js";
import { pixelOfAnglesNumber } from "./pixelOfLocNumber.js";

/**
 * The pixel containing the direction of colatitude `theta` and longitude `phi` (radians), in the
 * NESTED scheme when `nest` is true, else RING; identical to healpy's `ang2pix`. `theta` must
 * be in [0, π] (healpy's 1e-5 of slack beyond π is accepted), `phi` any finite angle.
 * Throws a `RangeError` for nside above 2^24 (use {@link ang2pixBig}) or invalid angles.
 */
export function ang2pix(nside: number, theta: number, phi: number, nest = false): number {
  checkNside(nside, nest, "number", "ang2pixBig");
  checkAngles(theta, phi);
  return pixelOfAnglesNumber(makeGrid(nside), theta, phi, nest);
}

/** {@link ang2pix} with a BigInt pixel number, for every nside up to 2^29. */
export function ang2pixBig(nside: number, theta: number, phi: number, nest = false): bigint {
  checkNside(nside, nest, "bigint");
  checkAngles(theta, phi);
  return pixelOfAngles(bigintCodec, makeGrid(nside), theta, phi, nest, newScratch());
}
