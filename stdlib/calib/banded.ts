/**
 * A symmetric matrix of `n` rows with half-bandwidth `b` (A[i, j] = 0 for |i − j| > b), stored
 * by rows as its lower band: A[i, i − k] at `data[i·(b + 1) + k]`, k = 0 … b. The normal
 * equations of the calibration fits (a resolution matrix of 11 diagonals squared, a cubic
 * spline's basis) have this shape.
 */
export interface BandedMatrix {
  readonly n: number;
  readonly b: number;
  readonly data: Float64Array;
}

/** A zero {@link BandedMatrix} of `n` rows and half-bandwidth `b`. */
export function bandedMatrix(n: number, b: number): BandedMatrix {
  return { n, b, data: new Float64Array(n * (b + 1)) };
}

/** The LDLᵀ factors of a {@link BandedMatrix}: L unit lower (same band storage, diagonal unused) and D. */
export interface BandedFactor {
  readonly n: number;
  readonly b: number;
  readonly l: Float64Array;
  readonly d: Float64Array;
}

/**
 * Factors a symmetric positive-definite banded matrix as L·D·Lᵀ in O(n·b²). A row whose
 * diagonal is not positive (a parameter no datum constrains) is treated as the identity row,
 * so the solve returns 0 for it; its index is returned in `free`.
 */
export function factorBanded(a: BandedMatrix): { factor: BandedFactor; free: number[] } {
  const { n, b } = a;
  const w = b + 1;
  const l = new Float64Array(n * w);
  const d = new Float64Array(n);
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    const j0 = Math.max(0, i - b);
    for (let j = j0; j < i; j++) {
      let s = a.data[i * w + (i - j)]!;
      const k0 = Math.max(j0, j - b);
      for (let k = k0; k < j; k++) s -= l[i * w + (i - k)]! * l[j * w + (j - k)]! * d[k]!;
      l[i * w + (i - j)] = d[j] !== 0 ? s / d[j]! : 0;
    }
    let s = a.data[i * w]!;
    for (let k = j0; k < i; k++) {
      const lik = l[i * w + (i - k)]!;
      s -= lik * lik * d[k]!;
    }
    // A free row: the identity row (its off-diagonal entries are 0 when nothing constrains it).
    if (!(s > 1e-12 * Math.abs(a.data[i * w]!)) || !(a.data[i * w]! > 0)) {
      free.push(i);
      for (let j = j0; j < i; j++) l[i * w + (i - j)] = 0;
      d[i] = 0;
    } else d[i] = s;
  }
  return { factor: { n, b, l, d }, free };
}

/** Solves A x = rhs with the factors of A; free rows get x = 0. */
export function solveBanded(f: BandedFactor, rhs: ArrayLike<number>): Float64Array {
  const { n, b, l, d } = f;
  const w = b + 1;
  const x = Float64Array.from(rhs);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = Math.max(0, i - b); k < i; k++) s -= l[i * w + (i - k)]! * x[k]!;
    x[i] = s;
  }
  for (let i = 0; i < n; i++) x[i] = d[i]! > 0 ? x[i]! / d[i]! : 0;
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k <= Math.min(n - 1, i + b); k++) s -= l[k * w + (k - i)]! * x[k]!;
    x[i] = s;
  }
  return x;
}

/**
 * The elements of A⁻¹ inside A's band (Takahashi's recurrence on the LDLᵀ factors, O(n·b²)),
 * in the same lower-band storage: enough for the variance of any product of A⁻¹ with a matrix
 * whose rows span at most b + 1 columns. Free rows have 0 variance.
 */
export function bandedInverse(f: BandedFactor): BandedMatrix {
  const { n, b, l, d } = f;
  const w = b + 1;
  const z = new Float64Array(n * w);
  // z(j, k) for |j − k| ≤ b, read symmetrically.
  const at = (j: number, k: number): number => (j >= k ? z[j * w + (j - k)]! : z[k * w + (k - j)]!);
  for (let i = n - 1; i >= 0; i--) {
    const last = Math.min(n - 1, i + b);
    if (d[i] === 0) continue;
    for (let j = last; j > i; j--) {
      let s = 0;
      for (let k = i + 1; k <= last; k++) s -= at(j, k) * l[k * w + (k - i)]!;
      z[j * w + (j - i)] = s;
    }
    let s = 1 / d[i]!;
    for (let k = i + 1; k <= last; k++) s -= l[k * w + (k - i)]! * z[k * w + (k - i)]!;
    z[i * w] = s;
  }
  return { n, b, data: z };
}
