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

/** The median of the first `n` values of `buf` (reordered). */
export function medianInPlace(buf: Float64Array, n: number): number {
  const s = buf.subarray(0, n).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? s[mid]! : 0.5 * (s[mid - 1]! + s[mid]!);
}
