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
    if (i >= HALF && i + HALF < nwave) {
      // Every diagonal on the grid: written out (row i + HALF − d1 of A gets columns down to i − HALF).
      const c = base + i + HALF;
      const r0 = data[c + 0 * (nwave - 1)]!;
      const r1 = data[c + 1 * (nwave - 1)]!;
      const r2 = data[c + 2 * (nwave - 1)]!;
      const r3 = data[c + 3 * (nwave - 1)]!;
      const r4 = data[c + 4 * (nwave - 1)]!;
      const r5 = data[c + 5 * (nwave - 1)]!;
      const r6 = data[c + 6 * (nwave - 1)]!;
      const r7 = data[c + 7 * (nwave - 1)]!;
      const r8 = data[c + 8 * (nwave - 1)]!;
      const r9 = data[c + 9 * (nwave - 1)]!;
      const r10 = data[c + 10 * (nwave - 1)]!;
      rhs[i + 5]! += r0 * wi * yi;
      const w0 = wi * r0;
      const k0 = (i + 5) * bw - 0;
      ad[k0 + 0]! += w0 * r0;
      ad[k0 + 1]! += w0 * r1;
      ad[k0 + 2]! += w0 * r2;
      ad[k0 + 3]! += w0 * r3;
      ad[k0 + 4]! += w0 * r4;
      ad[k0 + 5]! += w0 * r5;
      ad[k0 + 6]! += w0 * r6;
      ad[k0 + 7]! += w0 * r7;
      ad[k0 + 8]! += w0 * r8;
      ad[k0 + 9]! += w0 * r9;
      ad[k0 + 10]! += w0 * r10;
      rhs[i + 4]! += r1 * wi * yi;
      const w1 = wi * r1;
      const k1 = (i + 4) * bw - 1;
      ad[k1 + 1]! += w1 * r1;
      ad[k1 + 2]! += w1 * r2;
      ad[k1 + 3]! += w1 * r3;
      ad[k1 + 4]! += w1 * r4;
      ad[k1 + 5]! += w1 * r5;
      ad[k1 + 6]! += w1 * r6;
      ad[k1 + 7]! += w1 * r7;
      ad[k1 + 8]! += w1 * r8;
      ad[k1 + 9]! += w1 * r9;
      ad[k1 + 10]! += w1 * r10;
      rhs[i + 3]! += r2 * wi * yi;
      const w2 = wi * r2;
      const k2 = (i + 3) * bw - 2;
      ad[k2 + 2]! += w2 * r2;
      ad[k2 + 3]! += w2 * r3;
      ad[k2 + 4]! += w2 * r4;
      ad[k2 + 5]! += w2 * r5;
      ad[k2 + 6]! += w2 * r6;
      ad[k2 + 7]! += w2 * r7;
      ad[k2 + 8]! += w2 * r8;
      ad[k2 + 9]! += w2 * r9;
      ad[k2 + 10]! += w2 * r10;
      rhs[i + 2]! += r3 * wi * yi;
      const w3 = wi * r3;
      const k3 = (i + 2) * bw - 3;
      ad[k3 + 3]! += w3 * r3;
      ad[k3 + 4]! += w3 * r4;
      ad[k3 + 5]! += w3 * r5;
      ad[k3 + 6]! += w3 * r6;
      ad[k3 + 7]! += w3 * r7;
      ad[k3 + 8]! += w3 * r8;
      ad[k3 + 9]! += w3 * r9;
      ad[k3 + 10]! += w3 * r10;
      rhs[i + 1]! += r4 * wi * yi;
      const w4 = wi * r4;
      const k4 = (i + 1) * bw - 4;
      ad[k4 + 4]! += w4 * r4;
      ad[k4 + 5]! += w4 * r5;
      ad[k4 + 6]! += w4 * r6;
      ad[k4 + 7]! += w4 * r7;
      ad[k4 + 8]! += w4 * r8;
      ad[k4 + 9]! += w4 * r9;
      ad[k4 + 10]! += w4 * r10;
      rhs[i + 0]! += r5 * wi * yi;
      const w5 = wi * r5;
      const k5 = (i + 0) * bw - 5;
      ad[k5 + 5]! += w5 * r5;
      ad[k5 + 6]! += w5 * r6;
      ad[k5 + 7]! += w5 * r7;
      ad[k5 + 8]! += w5 * r8;
      ad[k5 + 9]! += w5 * r9;
      ad[k5 + 10]! += w5 * r10;
      rhs[i + -1]! += r6 * wi * yi;
      const w6 = wi * r6;
      const k6 = (i + -1) * bw - 6;
      ad[k6 + 6]! += w6 * r6;
      ad[k6 + 7]! += w6 * r7;
      ad[k6 + 8]! += w6 * r8;
      ad[k6 + 9]! += w6 * r9;
      ad[k6 + 10]! += w6 * r10;
      rhs[i + -2]! += r7 * wi * yi;
      const w7 = wi * r7;
      const k7 = (i + -2) * bw - 7;
      ad[k7 + 7]! += w7 * r7;
      ad[k7 + 8]! += w7 * r8;
      ad[k7 + 9]! += w7 * r9;
      ad[k7 + 10]! += w7 * r10;
      rhs[i + -3]! += r8 * wi * yi;
      const w8 = wi * r8;
      const k8 = (i + -3) * bw - 8;
      ad[k8 + 8]! += w8 * r8;
      ad[k8 + 9]! += w8 * r9;
      ad[k8 + 10]! += w8 * r10;
      rhs[i + -4]! += r9 * wi * yi;
      const w9 = wi * r9;
      const k9 = (i + -4) * bw - 9;
      ad[k9 + 9]! += w9 * r9;
      ad[k9 + 10]! += w9 * r10;
      rhs[i + -5]! += r10 * wi * yi;
      const w10 = wi * r10;
      const k10 = (i + -5) * bw - 10;
      ad[k10 + 10]! += w10 * r10;
      continue;
    }
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
