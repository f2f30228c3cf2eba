/** Resolution of a map from its pixel count. */
import { MAX_NSIDE } from "./constants.js";

/**
 * The nside of a map of `npix` pixels (npix = 12·nside²), as healpy's `npix2nside`. Accepts a
 * safe-integer number or a BigInt; throws a `RangeError` when `npix` is not 12·nside² for an
 * nside in 1..2^29.
 */
export function npix2nside(npix: number | bigint): number {
  const valid = typeof npix === "bigint" || Number.isSafeInteger(npix);
  const big = valid ? BigInt(npix) : 0n;
  if (big > 0n && big % 12n === 0n) {
    const q = big / 12n;
    let r = BigInt(Math.round(Math.sqrt(Number(q))));
    while (r * r > q) r -= 1n;
    while ((r + 1n) * (r + 1n) <= q) r += 1n;
    if (r * r === q && r <= BigInt(MAX_NSIDE)) return Number(r);
  }
  throw new RangeError(`npix must be 12·nside² for an integer nside from 1 to 2^29, got ${String(npix)}.`);
}
