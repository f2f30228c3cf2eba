import { igmTransmissionAt, LYA } from "./igm.js";
import type { PreparedTarget } from "./prepareTarget.js";
import { rebinAt } from "./rebin.js";
import { solveSymmetric } from "./solveSymmetric.js";
import { oiiPenalty, type TemplateModel } from "./TemplateModel.js";

/** χ² reported when the normal matrix is singular (redrock's value). */
export const BAD_CHI2 = 9999999;

/** The fit of one template at one redshift. */
export interface ZFit {
  /** χ² plus the [OII] penalty; {@link BAD_CHI2} if singular. */
  readonly chi2: number;
  readonly coeff: Float64Array;
}

/** How many exact solves this process has made (what bounds the fitter's speed). */
export const solveCounter = { count: 0 };

/** Scratch arrays reused across calls, per band. */
const scratch = new Map<number, Float64Array>();
function buffer(tag: number, n: number): Float64Array {
  let b = scratch.get(tag);
  if (b === undefined || b.length < n) {
    b = new Float64Array(n);
    scratch.set(tag, b);
  }
  return b;
}

/** Each band wavelength grid's mean IGM transmission blueward of Lyα (independent of z there). */
const igmCache = new WeakMap<Float64Array, Float64Array>();
function igmOf(wave: Float64Array): Float64Array {
  let t = igmCache.get(wave);
  if (t === undefined) {
    t = wave.map((l) => igmTransmissionAt(l, Infinity));
    igmCache.set(wave, t);
  }
  return t;
}

/**
 * The exact fit of `model` to `target` at redshift `z`, as redrock's per-redshift solve: the
 * template rebinned onto each band's pixels (times the IGM transmission for quasars), convolved
 * with the target's own resolution matrix, Tb = R T; then M = Tbᵀ W Tb, y = Tbᵀ W f, M c = y and
 * χ² = Σ w (f − Tb c)² (+ the [OII] penalty for galaxies). Singular M gives {@link BAD_CHI2}.
 *
 * Computed one basis vector at a time over contiguous arrays: R applied diagonal by diagonal,
 * then √W Tb, and M and y as dot products of those columns.
 */
export function exactChi2(target: PreparedTarget, model: TemplateModel, z: number): ZFit {
  solveCounter.count++;
  const nb = model.nbasis;
  const m = new Float64Array(nb * nb);
  const y = new Float64Array(nb);
  const lyaCut = (1 + z) * LYA;
  for (const band of target.bands) {
    const { lo, hi } = band;
    if (hi === lo) continue;
    const n = band.wave.length;
    const half = (band.ndiag - 1) >> 1;
    // Only the pixels with weight and the template under their resolution rows are needed.
    const tlo = Math.max(0, lo - half);
    const thi = Math.min(n, hi + half);
    const nt = thi - tlo;
    const nu = hi - lo;
    const t = buffer(0, nt * nb);
    const u = buffer(1, nu * nb);
    rebinAt(model.table, z, band.edges.subarray(tlo, thi + 1), t, true);
    if (model.template.igm) {
      const tr = igmOf(band.wave);
      const wave = band.wave;
      for (let p = tlo; p < thi && wave[p]! < lyaCut; p++) for (let b = 0; b < nb; b++) t[b * nt + p - tlo]! *= tr[p]!;
    }
    convolveColumns(band, t, tlo, nt, u, nb);
    for (let a = 0; a < nb; a++) {
      const oa = a * nu;
      y[a]! += dot(u, oa, band.swf, lo, nu);
      let b = a;
      for (; b + 1 < nb; b += 2) {
        dotPair(u, oa, b * nu, (b + 1) * nu, nu);
        m[a * nb + b]! += pair[0]!;
        m[a * nb + b + 1]! += pair[1]!;
      }
      if (b < nb) m[a * nb + b]! += dot(u, oa, u, b * nu, nu);
    }
  }
  for (let a = 0; a < nb; a++) for (let b = 0; b < a; b++) m[a * nb + b] = m[b * nb + a]!;
  return finishFit(target.wf2, m, y, nb, model);
}

/**
 * u_b = √w · (R t_b) over the band's pixels with weight, lo ≤ p < hi, for each of the nb basis
 * vectors (u one column of hi − lo after the other; t holds pixels tlo… in columns of nt), each
 * row's terms summed in order of column. Two columns at a time share the loads of R; 11
 * diagonals (DESI's) are unrolled away from the band's ends.
 */
function convolveColumns(band: PreparedTarget["bands"][number], t: Float64Array, tlo: number, nt: number, u: Float64Array, nb: number): void {
  const { lo, hi } = band;
  const n = band.wave.length;
  const nd = band.ndiag;
  const half = (nd - 1) >> 1;
  const nu = hi - lo;
  const rows = band.rows;
  const sw = band.sw;
  const inner0 = nd === 11 ? Math.max(lo, half) : hi;
  const inner1 = nd === 11 ? Math.min(hi, n - half) : hi;
  for (let b = 0; b < nb; b += 2) {
    const pair = b + 1 < nb;
    // Column offsets shifted so that global pixel indices address them.
    const to = b * nt - tlo;
    const to2 = pair ? to + nt : to;
    const uo = b * nu - lo;
    const uo2 = pair ? uo + nu : uo;
    for (let p = lo; p < hi; p++) {
      if (p === inner0 && inner1 > inner0) {
        convolve11(rows, t, u, sw, to, to2, uo, uo2, inner0, inner1);
        p = inner1 - 1;
        continue;
      }
      const k0 = Math.max(-half, -p);
      const k1 = Math.min(half, n - 1 - p);
      const q = p * nd + half;
      let s = 0;
      let s2 = 0;
      for (let k = k0; k <= k1; k++) {
        const rv = rows[q + k]!;
        s += rv * t[to + p + k]!;
        s2 += rv * t[to2 + p + k]!;
      }
      u[uo + p] = s * sw[p]!;
      if (pair) u[uo2 + p] = s2 * sw[p]!;
    }
  }
}

/** The 11-diagonal rows p0 ≤ p < p1 of {@link convolveColumns} for the columns at t offsets o, o2 and u offsets uo, uo2 (the second pair may repeat the first). */
function convolve11(
  rows: Float64Array,
  t: Float64Array,
  u: Float64Array,
  sw: Float64Array,
  o: number,
  o2: number,
  uo: number,
  uo2: number,
  p0: number,
  p1: number,
): void {
  for (let p = p0; p < p1; p++) {
    const q = p * 11;
    const r0 = rows[q]!;
    const r1 = rows[q + 1]!;
    const r2 = rows[q + 2]!;
    const r3 = rows[q + 3]!;
    const r4 = rows[q + 4]!;
    const r5 = rows[q + 5]!;
    const r6 = rows[q + 6]!;
    const r7 = rows[q + 7]!;
    const r8 = rows[q + 8]!;
    const r9 = rows[q + 9]!;
    const r10 = rows[q + 10]!;
    const a = o + p - 5;
    const c = o2 + p - 5;
    const s =
      r0 * t[a]! +
      r1 * t[a + 1]! +
      r2 * t[a + 2]! +
      r3 * t[a + 3]! +
      r4 * t[a + 4]! +
      r5 * t[a + 5]! +
      r6 * t[a + 6]! +
      r7 * t[a + 7]! +
      r8 * t[a + 8]! +
      r9 * t[a + 9]! +
      r10 * t[a + 10]!;
    const s2 =
      r0 * t[c]! +
      r1 * t[c + 1]! +
      r2 * t[c + 2]! +
      r3 * t[c + 3]! +
      r4 * t[c + 4]! +
      r5 * t[c + 5]! +
      r6 * t[c + 6]! +
      r7 * t[c + 7]! +
      r8 * t[c + 8]! +
      r9 * t[c + 9]! +
      r10 * t[c + 10]!;
    const w = sw[p]!;
    u[uo + p] = s * w;
    u[uo2 + p] = s2 * w;
  }
}

const pair = new Float64Array(2);
/** pair = (Σ u[oa + i] u[ob + i], Σ u[oa + i] u[oc + i]) for i < n: two dot products sharing the loads of the first column. */
function dotPair(u: Float64Array, oa: number, ob: number, oc: number, n: number): void {
  let s0 = 0;
  let s1 = 0;
  let t0 = 0;
  let t1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a0 = u[oa + i]!;
    const a1 = u[oa + i + 1]!;
    s0 += a0 * u[ob + i]!;
    s1 += a1 * u[ob + i + 1]!;
    t0 += a0 * u[oc + i]!;
    t1 += a1 * u[oc + i + 1]!;
  }
  if (i < n) {
    s0 += u[oa + i]! * u[ob + i]!;
    t0 += u[oa + i]! * u[oc + i]!;
  }
  pair[0] = s0 + s1;
  pair[1] = t0 + t1;
}

/** Σ a[ao + i] b[bo + i] for i < n, with four partial sums. */
function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[ao + i]! * b[bo + i]!;
    s1 += a[ao + i + 1]! * b[bo + i + 1]!;
    s2 += a[ao + i + 2]! * b[bo + i + 2]!;
    s3 += a[ao + i + 3]! * b[bo + i + 3]!;
  }
  for (; i < n; i++) s0 += a[ao + i]! * b[bo + i]!;
  return s0 + s1 + s2 + s3;
}

/** Solves the normal equations and forms χ² = Σwf² − 2cᵀy + cᵀMc plus the [OII] penalty. */
export function finishFit(wf2: number, m: Float64Array, y: Float64Array, nb: number, model: TemplateModel): ZFit {
  const c = solveSymmetric(m, y, nb);
  if (c === null) return { chi2: BAD_CHI2, coeff: new Float64Array(nb) };
  let cy = 0;
  let cmc = 0;
  for (let a = 0; a < nb; a++) {
    cy += c[a]! * y[a]!;
    let s = 0;
    for (let b = 0; b < nb; b++) s += m[a * nb + b]! * c[b]!;
    cmc += c[a]! * s;
  }
  return { chi2: wf2 - 2 * cy + cmc + oiiPenalty(model, c), coeff: c };
}
