/**
 * The first index `i` of the increasing array `xs` with `xs[i] >= x` (`xs.length` when there
 * is none): a binary search, used to find the pixels a line or a feature touches.
 */
export function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
