/** Pixels within, or overlapping, a disc on the sphere (healpy's `query_disc`). */
import { bigintCodec } from "./bigintCodec.js";
import { checkVector } from "./checkDirection.js";
import { checkNside } from "./checkNside.js";
import { MAX_ORDER } from "./constants.js";
import { makeGrid } from "./Grid.js";
import { numberCodec } from "./numberCodec.js";
import type { PixelCodec } from "./PixelCodec.js";
import { queryDiscInto } from "./queryDiscCore.js";
import { createRangeCollector } from "./RangeSink.js";
import { vecToPointing } from "./sphereMath.js";
import type { Vec3 } from "./types.js";

/** Options of the disc queries; every field is optional. */
export interface QueryDiscOptions {
  /**
   * false (default): the pixels whose centres lie in the disc. true: the pixels that overlap
   * it, as HEALPix approximates them (a superset: a few pixels just outside may be included).
   */
  readonly inclusive?: boolean;
  /** NESTED pixel numbers when true, RING (default) otherwise. */
  readonly nest?: boolean;
  /**
   * Oversampling of the inclusive test, which is done at resolution fact·nside (default 4, as
   * healpy); a power of two in the NESTED scheme, and fact·nside may not exceed 2^29.
   */
  readonly fact?: number;
}

/** The most pixels {@link queryDisc} and {@link queryDiscBig} return as a list; beyond, use the range variants. */
export const MAX_QUERY_PIXELS = 2 ** 30;

function rangesOf<P extends number | bigint>(codec: PixelCodec<P>, nside: number, vec: Vec3, radius: number, options: QueryDiscOptions): P[] {
  const nest = options.nest ?? false;
  const inclusive = options.inclusive ?? false;
  const fact = options.fact ?? 4;
  checkNside(nside, nest, codec.api, "queryDiscBig");
  const [x, y, z] = vec;
  checkVector(x, y, z);
  if (!(radius >= 0) || radius === Infinity) {
    throw new RangeError(`radius must be a finite non-negative angle in radians, got ${String(radius)}.`);
  }
  if (inclusive) {
    if (!Number.isInteger(fact) || fact < 1) throw new RangeError(`fact must be a positive integer, got ${String(fact)}.`);
    if (nest && (fact & (fact - 1)) !== 0) {
      throw new RangeError(`fact must be a power of two in the NESTED scheme, got ${fact}.`);
    }
    if (fact > Math.floor(2 ** MAX_ORDER / nside)) {
      throw new RangeError(`fact·nside must not exceed 2^29, got fact ${fact} at nside ${nside}.`);
    }
  }
  const g = makeGrid(nside);
  const ptg = { theta: 0, phi: 0 };
  vecToPointing(x, y, z, ptg);
  const sink = createRangeCollector(codec, g);
  queryDiscInto(g, ptg.theta, ptg.phi, radius, inclusive ? fact : 0, nest, sink);
  return sink.ranges;
}

/**
 * The sorted pixel numbers selected by the disc of `radius` radians around the direction
 * `vec` (any non-zero length), equal to healpy's `query_disc(nside, vec, radius, inclusive,
 * fact, nest)` (HEALPix C++ 3.83). Throws a `RangeError` for invalid arguments, nside above
 * 2^24 (use {@link queryDiscBig}), or more than {@link MAX_QUERY_PIXELS} pixels (use
 * {@link queryDiscRanges}).
 */
export function queryDisc(nside: number, vec: Vec3, radius: number, options: QueryDiscOptions = {}): Float64Array {
  const ranges = rangesOf(numberCodec, nside, vec, radius, options);
  let count = 0;
  for (let i = 0; i < ranges.length; i += 2) count += (ranges[i + 1] ?? 0) - (ranges[i] ?? 0);
  if (count > MAX_QUERY_PIXELS) {
    throw new RangeError(`the disc holds ${count} pixels, more than the ${MAX_QUERY_PIXELS} queryDisc returns as a list; use queryDiscRanges.`);
  }
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    for (let p = ranges[i] ?? 0, end = ranges[i + 1] ?? 0; p < end; p++) out[j++] = p;
  }
  return out;
}

/**
 * The pixels of {@link queryDisc} as sorted, disjoint, non-adjacent half-open ranges, flat:
 * [start0, end0, start1, end1, …]; compact even for discs holding billions of pixels.
 */
export function queryDiscRanges(nside: number, vec: Vec3, radius: number, options: QueryDiscOptions = {}): Float64Array {
  return Float64Array.from(rangesOf(numberCodec, nside, vec, radius, options));
}

/** {@link queryDisc} with BigInt pixel numbers, for every nside up to 2^29. */
export function queryDiscBig(nside: number, vec: Vec3, radius: number, options: QueryDiscOptions = {}): BigInt64Array {
  const ranges = rangesOf(bigintCodec, nside, vec, radius, options);
  let count = 0n;
  for (let i = 0; i < ranges.length; i += 2) count += (ranges[i + 1] ?? 0n) - (ranges[i] ?? 0n);
  if (count > BigInt(MAX_QUERY_PIXELS)) {
    throw new RangeError(`the disc holds ${count} pixels, more than the ${MAX_QUERY_PIXELS} queryDiscBig returns as a list; use queryDiscRangesBig.`);
  }
  const out = new BigInt64Array(Number(count));
  let j = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    for (let p = ranges[i] ?? 0n, end = ranges[i + 1] ?? 0n; p < end; p++) out[j++] = p;
  }
  return out;
}

/** {@link queryDiscRanges} with BigInt pixel numbers, for every nside up to 2^29. */
export function queryDiscRangesBig(nside: number, vec: Vec3, radius: number, options: QueryDiscOptions = {}): BigInt64Array {
  return BigInt64Array.from(rangesOf(bigintCodec, nside, vec, radius, options));
}
