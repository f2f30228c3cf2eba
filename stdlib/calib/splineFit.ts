import { bandedMatrix, factorBanded, solveBanded } from "./banded.js";

/**
 * Relative weight of the first-difference penalty that ties a coefficient to its neighbours, so
 * that coefficients no datum reaches (a masked stretch wider than a knot interval) follow the
 * curve instead of being left undetermined; against the mean diagonal of the normal equations.
 */
const TIE = 1e-6;

/**
 * A weighted least-squares cubic B-spline through (`x[i]`, `y[i]`) with weights `w[i]` (an
 * inverse variance; 0 leaves a point out), on uniform knots `spacing` apart spanning the points
 * with positive weight, evaluated at every `x`: the smoothing desispec's `spline_fit` does with
 * scipy's `splrep` (docs/sources.md#fiberflat), solved here as banded normal equations.
 * `x` must be increasing and unchanged from call to call (the basis of the last knot grid is
 * reused when the next fit has the same). Returns null when fewer than 4 points have weight.
 */
export function splineFit(x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>, spacing: number): Float64Array | null {
  const n = x.length;
  let first = -1;
  let last = -1;
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (w[i]! > 0 && Number.isFinite(y[i]!)) {
      if (first < 0) first = i;
      last = i;
      used++;
    }
  }
  if (used < 4) return null;
  const x0 = x[first]!;
  const span = x[last]! - x0;
  const nint = Math.max(1, Math.min(Math.ceil(span / spacing), used - 3));
  const h = span > 0 ? span / nint : 1;
  const ncoef = nint + 3;
  const a = bandedMatrix(ncoef, 3);
  const rhs = new Float64Array(ncoef);
  const { index, values } = basisAt(x, x0, h, nint);
  for (let i = first; i <= last; i++) {
    const wi = w[i]!;
    if (!(wi > 0) || !Number.isFinite(y[i]!)) continue;
    const m = index[i]!;
    for (let p = 0; p < 4; p++) {
      const bp = values[4 * i + p]!;
      rhs[m + p]! += wi * bp * y[i]!;
      for (let q = 0; q <= p; q++) a.data[(m + p) * 4 + (p - q)]! += wi * bp * values[4 * i + q]!;
    }
  }
  let diag = 0;
  for (let k = 0; k < ncoef; k++) diag += a.data[k * 4]!;
  const tie = (TIE * diag) / ncoef;
  for (let k = 0; k + 1 < ncoef; k++) {
    a.data[k * 4]! += tie;
    a.data[(k + 1) * 4]! += tie;
    a.data[(k + 1) * 4 + 1]! -= tie;
  }
  const coef = solveBanded(factorBanded(a).factor, rhs);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = index[i]!;
    let s = 0;
    for (let p = 0; p < 4; p++) s += coef[m + p]! * values[4 * i + p]!;
    out[i] = s;
  }
  return out;
}

/** The basis of the last knot grid {@link basisAt} computed: fits of one camera's fibers share it. */
let lastBasis: { x: ArrayLike<number>; x0: number; h: number; nint: number; index: Int32Array; values: Float64Array } | undefined;

/** {@link cubicBasis} at every `x` for knots from `x0`, `h` apart, `nint` intervals: first coefficient and 4 values per point. */
function basisAt(x: ArrayLike<number>, x0: number, h: number, nint: number): { index: Int32Array; values: Float64Array } {
  const n = x.length;
  const c = lastBasis;
  if (c !== undefined && c.x === x && c.x0 === x0 && c.h === h && c.nint === nint && c.index.length === n) return c;
  const index = new Int32Array(n);
  const values = new Float64Array(4 * n);
  const basis = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    index[i] = cubicBasis((x[i]! - x0) / h, nint, basis);
    values.set(basis, 4 * i);
  }
  lastBasis = { x, x0, h, nint, index, values };
  return lastBasis;
}

/**
 * The four non-zero uniform cubic B-spline basis values at `t` knot intervals from the first knot
 * (clamped to the `nint` intervals), written to `out`; returns the index of the first coefficient.
 */
function cubicBasis(t: number, nint: number, out: Float64Array): number {
  const m = Math.min(nint - 1, Math.max(0, Math.floor(t)));
  const u = t - m;
  const v = 1 - u;
  out[0] = (v * v * v) / 6;
  out[1] = (3 * u * u * u - 6 * u * u + 4) / 6;
  out[2] = (-3 * u * u * u + 3 * u * u + 3 * u + 1) / 6;
  out[3] = (u * u * u) / 6;
  return m;
}
