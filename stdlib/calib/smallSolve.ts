/**
 * The inverse of a small symmetric positive-definite matrix (`n` × `n`, row-major) by Gauss–Jordan
 * elimination with partial pivoting, or null when it is singular to working precision. `work`
 * and `out` (n² values or more each) may be passed to avoid allocating; the inverse is written to
 * `out` and returned.
 */
export function invertSmall(a: Float64Array, n: number, work = new Float64Array(n * n), out = new Float64Array(n * n)): Float64Array | null {
  const m = work;
  for (let k = 0; k < n * n; k++) m[k] = a[k]!;
  const inv = out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(m[i * n + i]!));
  if (!(scale > 0)) return null;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    const piv = m[p * n + c]!;
    if (!(Math.abs(piv) > 1e-13 * scale)) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
        [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k]!, inv[c * n + k]!];
      }
    }
    for (let k = 0; k < n; k++) {
      m[c * n + k]! /= piv;
      inv[c * n + k]! /= piv;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r * n + k]! -= f * m[c * n + k]!;
        inv[r * n + k]! -= f * inv[c * n + k]!;
      }
    }
  }
  return inv;
}
