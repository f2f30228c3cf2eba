/** Number of pixels of a resolution. */
import { checkNside } from "./checkNside.js";

/**
 * 12·nside², the number of pixels at `nside`. Throws a `RangeError` for an invalid nside or one
 * above 2^24, where the count is no longer an exact number (use {@link nside2npixBig}).
 */
export function nside2npix(nside: number): number {
  checkNside(nside, false, "number", "nside2npixBig");
  return 12 * nside * nside;
}

/** 12·nside² as a BigInt, for every nside up to 2^29. */
export function nside2npixBig(nside: number): bigint {
  checkNside(nside, false, "bigint");
  return 12n * BigInt(nside) ** 2n;
}
