/**
 * Solves M c = y for a symmetric n × n matrix (row-major), as redrock's PCA solve does with a
 * general linear solve: Gaussian elimination with partial pivoting. Returns null when M is
 * singular (a zero pivot, or one below 1e-12 of the largest diagonal), the case redrock reports
 * as χ² = 9,999,999.
 */
export function solveSymmetric(m: Float64Array, y: Float64Array, n: number): Float64Array | null {
  const a = Float64Array.from(m);
  const c = Float64Array.from(y);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]!));
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  const tiny = scale * 1e-12;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]!) > Math.abs(a[p * n + k]!)) p = i;
    if (!(Math.abs(a[p * n + k]!) > tiny)) return null;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]!;
        a[k * n + j] = a[p * n + j]!;
        a[p * n + j] = t;
      }
      const t = c[k]!;
      c[k] = c[p]!;
      c[p] = t;
    }
    const piv = a[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k]! / piv;
      if (f === 0) continue;
      for (let j = k; j < n; j++) a[i * n + j]! -= f * a[k * n + j]!;
      c[i]! -= f * c[k]!;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = c[k]!;
    for (let j = k + 1; j < n; j++) s -= a[k * n + j]! * c[j]!;
    c[k] = s / a[k * n + k]!;
  }
  for (let k = 0; k < n; k++) if (!Number.isFinite(c[k]!)) return null;
  return c;
}
