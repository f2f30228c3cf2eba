/**
 * A template's basis vectors prepared for rebinning: the running integral of each vector's
 * piecewise-linear interpolant over the rest wavelengths, so that the mean over any interval
 * costs two lookups.
 */
export interface RebinTable {
  readonly wave: Float64Array;
  /** cum[b][k] = ∫ from wave[0] to wave[k] of basis b. */
  readonly cum: readonly Float64Array[];
  readonly basis: readonly Float64Array[];
  /** cum and basis interleaved by sample: [k · nbasis + b]. */
  readonly cumRows: Float64Array;
  readonly basisRows: Float64Array;
}

/** Builds the {@link RebinTable} of basis vectors sampled at `wave`. */
export function rebinTable(wave: Float64Array, basis: readonly Float64Array[]): RebinTable {
  const cum = basis.map((y) => {
    const c = new Float64Array(wave.length);
    for (let k = 1; k < wave.length; k++) c[k] = c[k - 1]! + 0.5 * (y[k]! + y[k - 1]!) * (wave[k]! - wave[k - 1]!);
    return c;
  });
  const nb = basis.length;
  const cumRows = new Float64Array(wave.length * nb);
  const basisRows = new Float64Array(wave.length * nb);
  for (let k = 0; k < wave.length; k++) {
    for (let b = 0; b < nb; b++) {
      cumRows[k * nb + b] = cum[b]![k]!;
      basisRows[k * nb + b] = basis[b]![k]!;
    }
  }
  return { wave, cum, basis, cumRows, basisRows };
}

/**
 * Trapezoidal rebinning as redrock's `trapz_rebin` (docs/sources.md#redrock): the template
 * redshifted to `z` (wavelengths × (1 + z), flux density unchanged, no (1 + z) factor) is
 * averaged over each observed pixel between consecutive `edges` (exact integral of the
 * piecewise-linear interpolant; 0 outside the template's wavelengths). Writes basis b of pixel
 * p to `out[p * nbasis + b]`, or with `columns` to `out[b * npix + p]` (one basis vector after
 * the other).
 */
export function rebinAt(table: RebinTable, z: number, edges: Float64Array, out: Float64Array, columns = false): void {
  const { wave, basis } = table;
  const nb = basis.length;
  const npix = edges.length - 1;
  const opz = 1 + z;
  const nw = wave.length;
  const prev = new Float64Array(nb);
  let r0 = edges[0]! / opz;
  let k = lowerSegment(wave, r0, 0);
  integralAt(table, k, r0, prev);
  const cur = new Float64Array(nb);
  for (let p = 0; p < npix; p++) {
    const r1 = edges[p + 1]! / opz;
    while (k < nw - 2 && wave[k + 1]! <= r1) k++;
    integralAt(table, k, r1, cur);
    const inv = 1 / (r1 - r0);
    const o = columns ? p : p * nb;
    const step = columns ? npix : 1;
    for (let b = 0; b < nb; b++) {
      out[o + b * step] = (cur[b]! - prev[b]!) * inv;
      prev[b] = cur[b]!;
    }
    r0 = r1;
  }
}

/** Index k of the segment [wave[k], wave[k+1]] holding x (clamped to the ends), searching from `from`. */
function lowerSegment(wave: Float64Array, x: number, from: number): number {
  let lo = from;
  let hi = wave.length - 2;
  if (x <= wave[lo]!) return lo;
  if (x >= wave[hi]!) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (wave[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** ∫ from wave[0] to x of every basis vector (x clamped to the template's range), into `out`. */
function integralAt(table: RebinTable, k: number, x: number, out: Float64Array): void {
  const { wave, cumRows, basisRows } = table;
  const nw = wave.length;
  const nb = out.length;
  if (x <= wave[0]!) {
    out.fill(0);
    return;
  }
  if (x >= wave[nw - 1]!) {
    for (let b = 0; b < nb; b++) out[b] = cumRows[(nw - 1) * nb + b]!;
    return;
  }
  const x0 = wave[k]!;
  const h = wave[k + 1]! - x0;
  const d = x - x0;
  const t = (d * d) / (2 * h);
  const o = k * nb;
  for (let b = 0; b < nb; b++) {
    const y0 = basisRows[o + b]!;
    out[b] = cumRows[o + b]! + y0 * d + (basisRows[o + nb + b]! - y0) * t;
  }
}
