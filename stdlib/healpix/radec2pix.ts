/** Direction (RA, Dec) in degrees → pixel number. */
import { bigintCodec } from "./bigintCodec.js";
import { checkRaDec } from "./checkDirection.js";
import { checkNside } from "./checkNside.js";
import { DEG_TO_RAD, HALF_PI } from "./constants.js";
import { makeGrid } from "./Grid.js";
import { newScratch, pixelOfAngles } from "./locate.js";
import { pixelOfAnglesNumber } from "./pixelOfLocNumber.js";

/**
 * The pixel containing the direction (`raDeg`, `decDeg`), healpy's `ang2pix(..., lonlat=True)`:
 * θ = π/2 − dec·π/180, φ = ra·π/180, then {@link ang2pix}. DESI groups targets with
 * `radec2pix(64, TARGET_RA, TARGET_DEC, true)`.
 */
export function radec2pix(nside: number, raDeg: number, decDeg: number, nest = false): number {
  checkNside(nside, nest, "number", "radec2pixBig");
  const theta = HALF_PI - decDeg * DEG_TO_RAD;
  checkRaDec(raDeg, decDeg, theta);
  return pixelOfAnglesNumber(makeGrid(nside), theta, raDeg * DEG_TO_RAD, nest);
}

/** {@link radec2pix} with a BigInt pixel number, for every nside up to 2^29. */
export function radec2pixBig(nside: number, raDeg: number, decDeg: number, nest = false): bigint {
  checkNside(nside, nest, "bigint");
  const theta = HALF_PI - decDeg * DEG_TO_RAD;
  checkRaDec(raDeg, decDeg, theta);
  return pixelOfAngles(bigintCodec, makeGrid(nside), theta, raDeg * DEG_TO_RAD, nest, newScratch());
}
