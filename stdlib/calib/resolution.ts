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
 * weights w (0 leaves a pixel out). Computed diagonal pair by diagonal pair: row i's entries
 * R[i, i + o1] and R[i, i + o2] (o1 ≥ o2) add to A[i + o1, i + o2].
 */
export function addNormal(r: ResolutionRows, w: ArrayLike<number>, y: ArrayLike<number>, a: BandedMatrix, rhs: Float64Array): void {
  const { data, base, nwave } = r;
  const bw = a.b + 1;
  const ad = a.data;
  for (let d1 = 0; d1 < NDIAG; d1++) {
    const o1 = HALF - d1;
    const r1 = base + d1 * nwave + o1;
    const lo1 = Math.max(0, -o1);
    const hi1 = Math.min(nwave, nwave - o1);
    for (let i = lo1; i < hi1; i++) rhs[i + o1]! += data[r1 + i]! * w[i]! * y[i]!;
    for (let d2 = d1; d2 < NDIAG; d2++) {
      const o2 = HALF - d2;
      const r2 = base + d2 * nwave + o2;
      const lo = Math.max(lo1, -o2);
      const hi = Math.min(hi1, nwave - o2);
      // A[i + o1, i + o2] lives at row i + o1, offset o1 − o2 of the lower band.
      let k = (lo + o1) * bw + (o1 - o2);
      for (let i = lo; i < hi; i++, k += bw) ad[k]! += w[i]! * data[r1 + i]! * data[r2 + i]!;
    }
  }
}

/** Adds Rᵀ·v to `rhs` (`v` one value per row of R). */
export function addTransposed(r: ResolutionRows, v: ArrayLike<number>, rhs: Float64Array): void {
  const { data, base, nwave } = r;
  for (let d = 0; d < NDIAG; d++) {
    const o = HALF - d;
    const row = base + d * nwave + o;
    const lo = Math.max(0, -o);
    const hi = Math.min(nwave, nwave - o);
    for (let i = lo; i < hi; i++) rhs[i + o]! += data[row + i]! * v[i]!;
  }
}

/**
 * Subtracts pixel i's share w·R[i, ·]ᵀR[i, ·] from `a`: the update of the normal matrix when one
 * pixel of weight `w` is rejected.
 */
export function removeNormalRow(r: ResolutionRows, i: number, w: number, a: BandedMatrix): void {
  const { data, base, nwave } = r;
  const bw = a.b + 1;
  for (let d1 = 0; d1 < NDIAG; d1++) {
    const j1 = i + HALF - d1;
    if (j1 < 0 || j1 >= nwave) continue;
    const v1 = w * data[base + d1 * nwave + j1]!;
    for (let d2 = d1; d2 < NDIAG; d2++) {
      const j2 = i + HALF - d2;
      if (j2 < 0 || j2 >= nwave) continue;
      a.data[j1 * bw + (j1 - j2)]! -= v1 * data[base + d2 * nwave + j2]!;
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
