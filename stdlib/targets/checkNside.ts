/**
 * The largest nside whose nested pixel numbers fit the 20-bit BRICKID field of a TARGETID
 * (12·256² = 786 432 < 2^20 = 1 048 576; desitarget targetmask.yaml `targetid_mask`,
 * docs/sources.md#targetmask).
 */
export const MAX_TARGET_NSIDE = 256;

/**
 * Throws a RangeError unless `nside` is a power of two from 1 to `max` (2^24 by default, the
 * most the `number` HEALPix API takes), as nested pixel numbers need.
 */
export function checkNside(nside: unknown, kernel: string, max = 2 ** 24): number {
  if (typeof nside !== "number" || !Number.isInteger(nside) || nside < 1 || nside > max || (nside & (nside - 1)) !== 0) {
    throw new RangeError(`${kernel}: nside ${String(nside)} is not a power of two from 1 to ${max}; nested HEALPix pixels need one (DESI uses 64)`);
  }
  return nside;
}
