import { isNsideValid } from "./checkNside.js";
import { MAX_EXACT_NSIDE } from "./constants.js";

/**
 * A kernel's `nside` parameter, checked: throws a RangeError naming `kernel` unless it is a power
 * of two from 1 to `max` (2^24 by default, the most the `number` API takes), as nested pixel
 * numbers need ({@link isNsideValid}'s rule for the NESTED scheme, capped at `max`). The check
 * every kernel that groups by nested HEALPix pixel shares.
 */
export function checkNestedNside(nside: unknown, kernel: string, max = MAX_EXACT_NSIDE): number {
  if (typeof nside !== "number" || !isNsideValid(nside, true) || nside > max) {
    throw new RangeError(`${kernel}: nside ${String(nside)} is not a power of two from 1 to ${max}; nested HEALPix pixels need one (DESI uses 64)`);
  }
  return nside;
}
