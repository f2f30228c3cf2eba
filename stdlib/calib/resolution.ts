import type { BandedMatrix } from "./banded.js";

/**
 * Diagonals of a frame's stored resolution matrix, offsets +5 … −5 (the data model's RESOLUTION,
 * docs/sources.md#resolution).
 */
export const NDIAG = 11;

/** Half the band: offsets run from +HALF to −HALF. */
export const HALF = (NDIAG - 1) / 2;

/** Half-bandwidth of Rᵀ W R for a resolution of {@link NDIAG} diagonals. */
export const NORMAL_BAND = 2 * HALF;

/**
 * One fiber's resolution rows in the frame's dia storage: R[i, j] with j = i + (HALF − d) is
 * `data[base + d·nwave + j]` (scipy's dia convention, indexed by the column).
 */
export interface ResolutionRows {
  readonly data: ArrayLike<number>;
  readonly base: number;
  readonly nwave: number;
}

/** The resolution rows of fiber `f` of a frame's RESOLUTION (`[fiber, 11, wave]`). */
export function fiberResolution(data: ArrayLike<number>, f: number, nwave: number): ResolutionRows {
  return { data, base: f * NDIAG * nwave, nwave };
}

/** out = R · input (`nwave` values each). */
export function convolve(r: ResolutionRows, input: ArrayLike<number>, out: Float64Array): Float64Array {
  const { data, base, nwave } = r;
  out.fill(0, 0, nwave);
  for (let d = 0; d < NDIAG; d++) {
    const off = HALF - d;
    const lo = Math.max(0, -off);
    const hi = Math.min(nwave, nwave - off);
    const row = base + d * nwave + off;
    for (let i = lo; i < hi; i++) out[i]! += data[row + i]! * input[i + off]!;
  }
  return out;
}

/**
 * Adds Rᵀ·diag(w)·R to `a` (half-bandwidth {@link NORMAL_BAND}) and Rᵀ·(w·y) to `rhs`: one
 * fiber's share of the normal equations of a deconvolved spectrum s fitted as y ≈ R·s with
 * weights w (0 leaves a pixel out).
 */
export function addNormal(r: ResolutionRows, w: ArrayLike<number>, y: ArrayLike<number>, a: BandedMatrix, rhs: Float64Array): void {
  const { data, base, nwave } = r;
  const bw = a.b + 1;
  const cols = new Int32Array(NDIAG);
  const vals = new Float64Array(NDIAG);
  for (let i = 0; i < nwave; i++) {
    const wi = w[i]!;
    if (!(wi > 0)) continue;
    let m = 0;
    // Columns in increasing order: offsets −5 … +5 are d = NDIAG − 1 … 0.
    for (let d = NDIAG - 1; d >= 0; d--) {
      const j = i + HALF - d;
      if (j < 0 || j >= nwave) continue;
      const v = data[base + d * nwave + j]!;
      if (v === 0) continue;
      cols[m] = j;
      vals[m] = v;
      m++;
    }
    const wy = wi * y[i]!;
    for (let p = 0; p < m; p++) {
      const jp = cols[p]!;
      const wv = wi * vals[p]!;
      rhs[jp]! += vals[p]! * wy;
      const rowp = jp * bw + jp;
      for (let q = 0; q <= p; q++) a.data[rowp - cols[q]!]! += wv * vals[q]!;
    }
  }
}

/** The mean over `fibers` of their resolution rows, as one fiber's rows. */
export function meanResolution(data: ArrayLike<number>, fibers: readonly number[], nwave: number): ResolutionRows {
  const out = new Float64Array(NDIAG * nwave);
  for (const f of fibers) {
    const base = f * NDIAG * nwave;
    for (let k = 0; k < NDIAG * nwave; k++) out[k]! += data[base + k]!;
  }
  if (fibers.length > 0) for (let k = 0; k < out.length; k++) out[k]! /= fibers.length;
  return { data: out, base: 0, nwave };
}

/**
 * The diagonal of R·C·Rᵀ for a covariance C known inside its band of half-width ≥ 2·HALF
 * (`c` in lower-band storage, as `bandedInverse` returns it): the variance of R·s at each pixel.
 */
export function convolvedVariance(r: ResolutionRows, c: BandedMatrix): Float64Array {
  const { data, base, nwave } = r;
  const bw = c.b + 1;
  const out = new Float64Array(nwave);
  for (let i = 0; i < nwave; i++) {
    let s = 0;
    for (let dp = 0; dp < NDIAG; dp++) {
      const jp = i + HALF - dp;
      if (jp < 0 || jp >= nwave) continue;
      const vp = data[base + dp * nwave + jp]!;
      for (let dq = 0; dq < NDIAG; dq++) {
        const jq = i + HALF - dq;
        if (jq < 0 || jq >= nwave) continue;
        const hi = Math.max(jp, jq);
        s += vp * data[base + dq * nwave + jq]! * c.data[hi * bw + (hi - Math.min(jp, jq))]!;
      }
    }
    out[i] = s;
  }
  return out;
}
