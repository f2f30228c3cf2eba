import { selectKth } from "../math/index.js";
/**
 * The median at each wavelength over the fibers whose weight there is positive, of `values`
 * laid out `[fiber, wave]`; `fallback` where no fiber has weight.
 */
export function columnMedian(values: ArrayLike<number>, weight: ArrayLike<number>, nfiber: number, nwave: number, fallback: number): Float64Array {
  const out = new Float64Array(nwave);
  const buf = new Float64Array(nfiber);
  for (let i = 0; i < nwave; i++) {
    let m = 0;
    for (let f = 0; f < nfiber; f++) if (weight[f * nwave + i]! > 0) buf[m++] = values[f * nwave + i]!;
    out[i] = m === 0 ? fallback : medianInPlace(buf, m);
  }
  return out;
}

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
