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
  convolveRows(r.data, r.base, r.nwave, input, 0, out);
  return out;
}

/**
 * out[i] = Σ_j R[i, j] · input[inOffset + j] for the resolution rows at `base` of `data` (dia
 * storage, `nwave` columns). Pixel by pixel, the 11 terms summed in the order of the diagonals
 * (+5 first) in a register: the sum a diagonal-by-diagonal pass accumulates in `out`, with one
 * write per pixel; rows within {@link HALF} of either end skip the columns off the grid.
 */
export function convolveRows(data: ArrayLike<number>, base: number, nwave: number, input: ArrayLike<number>, inOffset: number, out: Float64Array): void {
  const edge = (i: number): void => {
    let s = 0;
    for (let d = 0; d < NDIAG; d++) {
      const j = i + HALF - d;
      if (j >= 0 && j < nwave) s += data[base + d * nwave + j]! * input[inOffset + j]!;
    }
    out[i] = s;
  };
  const first = Math.min(HALF, nwave);
  const last = Math.max(first, nwave - HALF);
  for (let i = 0; i < first; i++) edge(i);
  for (let i = last; i < nwave; i++) edge(i);
  // Diagonal d holds R[i, i + HALF − d] at column i + HALF − d.
  const n = nwave;
  const r0 = base + HALF;
  const x0 = inOffset + HALF;
  for (let i = first; i < last; i++) {
    const a = r0 + i;
    const x = x0 + i;
    out[i] =
      data[a]! * input[x]! +
      data[a + n - 1]! * input[x - 1]! +
      data[a + 2 * n - 2]! * input[x - 2]! +
      data[a + 3 * n - 3]! * input[x - 3]! +
      data[a + 4 * n - 4]! * input[x - 4]! +
      data[a + 5 * n - 5]! * input[x - 5]! +
      data[a + 6 * n - 6]! * input[x - 6]! +
      data[a + 7 * n - 7]! * input[x - 7]! +
      data[a + 8 * n - 8]! * input[x - 8]! +
      data[a + 9 * n - 9]! * input[x - 9]! +
      data[a + 10 * n - 10]! * input[x - 10]!;
  }
}

/**
 * Adds Rᵀ·diag(w)·R to `a` (half-bandwidth {@link NORMAL_BAND}) and Rᵀ·(w·y) to `rhs`: one
 * fiber's share of the normal equations of a deconvolved spectrum s fitted as y ≈ R·s with
 * weights w (0 leaves a pixel out): row i's entries R[i, i + o1] and R[i, i + o2] (o1 ≥ o2) add
 * w_i R[i, i + o1] R[i, i + o2] to A[i + o1, i + o2].
 */
export function addNormal(r: ResolutionRows, w: ArrayLike<number>, y: ArrayLike<number>, a: BandedMatrix, rhs: Float64Array): void {
  const { data, base, nwave } = r;
  const bw = a.b + 1;
  const ad = a.data;
  const v = ROW;
  // Pixel by pixel, so that the 66 products of a row land in 11 neighbouring rows of A; each entry
  // still receives its terms in the order of the diagonals, as a diagonal-pair pass adds them.
  for (let i = 0; i < nwave; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const yi = y[i]!;
    // Diagonals whose column i + HALF − d lies on the grid.
    const dlo = Math.max(0, i + HALF - nwave + 1);
    const dhi = Math.min(NDIAG - 1, i + HALF);
    for (let d = dlo; d <= dhi; d++) v[d] = data[base + d * nwave + i + HALF - d]!;
    for (let d1 = dlo; d1 <= dhi; d1++) {
      const j1 = i + HALF - d1;
      const r1 = v[d1]!;
      rhs[j1]! += r1 * wi * yi;
      const wr = wi * r1;
      const k = j1 * bw - d1;
      for (let d2 = d1; d2 <= dhi; d2++) ad[k + d2]! += wr * v[d2]!;
    }
  }
}

/** Scratch row of {@link addNormal}. */
const ROW = new Float64Array(NDIAG);

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
