/**
 * Pixel numbers as BigInt, for every nside up to 2^29 (npix = 12·4^29 ≈ 3.5e18 < 2^63, so they
 * also fit `BigInt64Array` and FITS `K` columns). Coordinates stay small numbers; only the
 * final assembly and the decoding use BigInt arithmetic.
 */
import { compactBits32, spreadBits16 } from "./bitInterleave.js";
import type { Grid } from "./Grid.js";
import type { PixelCodec } from "./PixelCodec.js";
import type { RingPos, Xyf } from "./PixelCoords.js";

/** ⌊√v⌋ for a non-negative BigInt, exact at any size. */
function isqrt(v: bigint): bigint {
  let r = BigInt(Math.floor(Math.sqrt(Number(v))));
  while (r * r > v) r -= 1n;
  while ((r + 1n) * (r + 1n) <= v) r += 1n;
  return r;
}

function encodeNest(g: Grid, face: number, ix: number, iy: number): bigint {
  // Interleave 16 low and 13 high bits per axis separately; each half is an exact double.
  const lo = spreadBits16(ix) + 2 * spreadBits16(iy);
  const hi = spreadBits16(ix >>> 16) + 2 * spreadBits16(iy >>> 16);
  return (BigInt(face) << BigInt(2 * g.order)) + ((BigInt(hi) << 32n) | BigInt(lo));
}

function decodeNest(g: Grid, pix: bigint, out: Xyf): void {
  const shift = BigInt(2 * g.order);
  const face = pix >> shift;
  const p = pix - (face << shift);
  const lo = Number(p & 0xffffffffn);
  const hi = Number(p >> 32n);
  out.face = Number(face);
  out.ix = compactBits32(lo) | (compactBits32(hi) << 16);
  out.iy = compactBits32(lo >>> 1) | (compactBits32(hi >>> 1) << 16);
}

function ringStart(g: Grid, ring: number): bigint {
  const n = BigInt(g.nside);
  const r = BigInt(ring);
  if (ring < g.nside) return 2n * r * (r - 1n);
  if (ring < 3 * g.nside) return 2n * n * (n - 1n) + (r - n) * 4n * n;
  const s = 4n * n - r;
  return 12n * n * n - 2n * s * (s + 1n);
}

function decodeRing(g: Grid, pix: bigint, out: RingPos): void {
  const n = BigInt(g.nside);
  const ncap = 2n * n * (n - 1n);
  const npix = 12n * n * n;
  if (pix < ncap) {
    const ring = (1n + isqrt(1n + 2n * pix)) >> 1n;
    out.ring = Number(ring);
    out.k = Number(pix - 2n * ring * (ring - 1n));
  } else if (pix < npix - ncap) {
    const ip = pix - ncap;
    const tmp = ip / (4n * n);
    out.ring = Number(tmp + n);
    out.k = Number(ip - tmp * 4n * n);
  } else {
    const ip = npix - pix;
    const r = (1n + isqrt(2n * ip - 1n)) >> 1n;
    out.ring = Number(4n * n - r);
    out.k = Number(pix - (npix - 2n * r * (r + 1n)));
  }
}

function checkPixel(g: Grid, pix: bigint, index?: number): void {
  const npix = 12n * BigInt(g.nside) ** 2n;
  if (typeof pix !== "bigint" || pix < 0n || pix >= npix) {
    const at = index === undefined ? "" : ` at index ${index}`;
    throw new RangeError(`pixel number must be a bigint from 0n to ${npix - 1n}n at nside ${g.nside}${at}, got ${String(pix)}.`);
  }
}

/** The `bigint` pixel codec. */
export const bigintCodec: PixelCodec<bigint> = Object.freeze({
  api: "bigint",
  none: -1n,
  encodeNest,
  decodeNest,
  ringStart,
  decodeRing,
  offset: (pix: bigint, n: number): bigint => pix + BigInt(n),
  checkPixel,
});
