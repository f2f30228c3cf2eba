/**
 * Throws an Error unless `a` and `b` are the same wavelength grid (same length, equal within
 * 10^-6 Å); `what` names the two products in the message.
 */
export function sameWavelengths(a: Float64Array, b: Float64Array, what: string): void {
  let same = a.length === b.length;
  for (let i = 0; same && i < a.length; i++) same = Math.abs((a[i] ?? 0) - (b[i] ?? 0)) <= 1e-6;
  if (!same) throw new Error(`${what} have different wavelength grids (${a.length} and ${b.length} pixels from ${a[0] ?? "?"} and ${b[0] ?? "?"} Å)`);
}
