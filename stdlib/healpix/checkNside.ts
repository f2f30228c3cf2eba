/**
 * Validation of nside values, and the one place that decides which nside each pixel-number
 * representation accepts.
 */
import { MAX_EXACT_NSIDE, MAX_NSIDE } from "./constants.js";

/**
 * The representation of pixel numbers an API works with: `number` (exact for nside ≤ 2^24)
 * or `bigint` (nside ≤ 2^29).
 */
export type PixelApi = "number" | "bigint";

/**
 * Whether `nside` is a valid HEALPix resolution: an integer in 1..2^29, and a power of two
 * when `nest` is true (the RING scheme accepts any nside). Same rule as healpy's `isnsideok`.
 */
export function isNsideValid(nside: number, nest = false): boolean {
  if (!Number.isInteger(nside) || nside < 1 || nside > MAX_NSIDE) return false;
  return !nest || (nside & (nside - 1)) === 0;
}

/**
 * Throws a `RangeError` unless `nside` is valid for the scheme and for the pixel-number
 * representation `api`. `bigName` names the BigInt function to suggest when a `number`
 * function is called beyond 2^24.
 */
export function checkNside(nside: number, nest: boolean, api: PixelApi, bigName?: string): void {
  if (!Number.isInteger(nside) || nside < 1 || nside > MAX_NSIDE) {
    throw new RangeError(`nside must be an integer from 1 to 2^29 (${MAX_NSIDE}), got ${String(nside)}.`);
  }
  if (nest && (nside & (nside - 1)) !== 0) {
    throw new RangeError(`nside ${nside} is not a power of two, which the NESTED scheme requires; use a power of two or the RING scheme.`);
  }
  if (api === "number" && nside > MAX_EXACT_NSIDE) {
    const hint = bigName !== undefined ? `use \`${bigName}\`, which returns BigInt pixel numbers` : "use the BigInt variant";
    throw new RangeError(
      `nside ${nside} exceeds 2^24 (${MAX_EXACT_NSIDE}), the largest nside whose pixel numbers are exact JavaScript numbers ` +
        `(npix = 12·nside² must stay below 2^53); ${hint}.`,
    );
  }
}

/** Throws a `RangeError` unless `order` is an integer from 0 to 29. */
export function checkOrder(order: number): void {
  if (!Number.isInteger(order) || order < 0 || order > 29) {
    throw new RangeError(`order must be an integer from 0 to 29, got ${String(order)}.`);
  }
}
