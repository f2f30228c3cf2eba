import { selectKth } from "../math/index.js";
/**
 * The median at each wavelength over the fibers whose weight there is positive, of `values`
 * laid out `[fiber, wave]`; `fallback` where no fiber has weight.
 */
export function columnMedian(values: ArrayLike<number>, weight: ArrayLike<number>, nfiber: number, nwave: number, fallback: number): Float64Array {
  const out = new Float64Array(nwave);
  // A block of columns at a time, each fiber's stretch of it read in order: the values of a column
  // are gathered in fiber order, as a column-by-column pass gathers them.
  const bufs = new Float64Array(COLUMN_BLOCK * nfiber);
  const count = new Int32Array(COLUMN_BLOCK);
  for (let i0 = 0; i0 < nwave; i0 += COLUMN_BLOCK) {
    const nb = Math.min(COLUMN_BLOCK, nwave - i0);
    count.fill(0);
    for (let f = 0; f < nfiber; f++) {
      const row = f * nwave + i0;
      for (let b = 0; b < nb; b++) if (weight[row + b]! > 0) bufs[b * nfiber + count[b]!++] = values[row + b]!;
    }
    for (let b = 0; b < nb; b++) {
      const m = count[b]!;
      out[i0 + b] = m === 0 ? fallback : medianInPlace(bufs.subarray(b * nfiber, (b + 1) * nfiber), m);
    }
  }
  return out;
}

/** Columns {@link columnMedian} gathers together. */
const COLUMN_BLOCK = 32;

/** The median of the first `n` values of `buf` (reordered), by selection in O(n). */
export function medianInPlace(buf: Float64Array, n: number): number {
  const mid = n >> 1;
  const upper = selectKth(buf, n, mid);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of `mid` after selection.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (buf[i]! > lower) lower = buf[i]!;
  return 0.5 * (lower + upper);
}
