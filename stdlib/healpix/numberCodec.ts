/**
 * Pixel numbers as JavaScript numbers. Exact while npix = 12·nside² < 2^53, i.e. for every
 * nside up to 2^24 (`MAX_EXACT_NSIDE`); the public functions refuse larger nside before any
 * value reaches this codec.
 */
import { compactBits32, spreadBits16 } from "./bitInterleave.js";
import type { Grid } from "./Grid.js";
import type { PixelCodec } from "./PixelCodec.js";
import type { RingPos, Xyf } from "./PixelCoords.js";

const TWO_24 = 16777216;

/** ⌊√v⌋ for an integer 0 ≤ v < 2^52 (the double square root, corrected by one step). */
function isqrt(v: number): number {
  const r = Math.floor(Math.sqrt(v));
  if (r * r > v) return r - 1;
  if ((r + 1) * (r + 1) <= v) return r + 1;
  return r;
}

function encodeNest(g: Grid, face: number, ix: number, iy: number): number {
  if (ix < 32768 && iy < 32768) return face * g.npface + (spreadBits16(ix) | (spreadBits16(iy) << 1));
  // Beyond 15 bits per axis the interleave exceeds 31 bits: build it from two 12-bit halves.
  const lo = spreadBits16(ix & 0xfff) | (spreadBits16(iy & 0xfff) << 1);
  const hi = spreadBits16(ix >>> 12) | (spreadBits16(iy >>> 12) << 1);
  return face * g.npface + hi * TWO_24 + lo;
}

function decodeNest(g: Grid, pix: number, out: Xyf): void {
  const face = Math.floor(pix / g.npface);
  const p = pix - face * g.npface;
  out.face = face;
  if (p < 1073741824) {
    out.ix = compactBits32(p);
    out.iy = compactBits32(p >>> 1);
    return;
  }
  const lo = p % TWO_24;
  const hi = (p - lo) / TWO_24;
  out.ix = compactBits32(lo) | (compactBits32(hi) << 12);
  out.iy = compactBits32(lo >>> 1) | (compactBits32(hi >>> 1) << 12);
}

function ringStart(g: Grid, ring: number): number {
  const n = g.nside;
  if (ring < n) return 2 * ring * (ring - 1);
  if (ring < 3 * n) return g.ncap + (ring - n) * 4 * n;
  const r = 4 * n - ring;
  return g.npix - 2 * r * (r + 1);
}

function decodeRing(g: Grid, pix: number, out: RingPos): void {
  const n = g.nside;
  if (pix < g.ncap) {
    const ring = Math.floor((1 + isqrt(1 + 2 * pix)) / 2);
    out.ring = ring;
    out.k = pix - 2 * ring * (ring - 1);
  } else if (pix < g.npix - g.ncap) {
    const ip = pix - g.ncap;
    const tmp = Math.floor(ip / (4 * n));
    out.ring = tmp + n;
    out.k = ip - tmp * 4 * n;
  } else {
    const ip = g.npix - pix;
    const r = Math.floor((1 + isqrt(2 * ip - 1)) / 2);
    out.ring = 4 * n - r;
    out.k = pix - (g.npix - 2 * r * (r + 1));
  }
}

function checkPixel(g: Grid, pix: number, index?: number): void {
  if (typeof pix !== "number" || !Number.isInteger(pix) || pix < 0 || pix >= g.npix) {
    const at = index === undefined ? "" : ` at index ${index}`;
    throw new RangeError(`pixel number must be an integer from 0 to ${g.npix - 1} at nside ${g.nside}${at}, got ${String(pix)}.`);
  }
}

/** The `number` pixel codec. */
export const numberCodec: PixelCodec<number> = Object.freeze({
  api: "number",
  none: -1,
  encodeNest,
  decodeNest,
  ringStart,
  decodeRing,
  offset: (pix: number, n: number): number => pix + n,
  checkPixel,
});
