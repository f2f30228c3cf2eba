import { invertSmall } from "./smallSolve.js";

/** Extra Gaussian width of the line-spread function whose effect the width adjustment scales, Å (desispec: 0.3). */
export const DSIGMA_ANGSTROM = 0.3;

/** Half-width of the window fitted around each sky-line peak, Å (desispec: 3 Å → 4 pixels of 0.8 Å). */
const PEAK_HALF_WIDTH_ANGSTROM = 3;

/** Selection of a peak's fit (desispec): χ²/dof below this, and errors on the shift and width below these. */
const MAX_PEAK_CHI2 = 2;
const MAX_DWAVE_ERR = 0.1;
const MAX_DLSF_ERR = 0.3;

/** What {@link adjustSkyLines} measured on each fiber. */
export interface LineAdjustment {
  /** Pixel indices of the sky-line peaks used. */
  readonly peaks: readonly number[];
  /** Per fiber: mean wavelength adjustment, Å (0 where none was measured). */
  readonly dwave: Float64Array;
  /** Per fiber: mean line-width adjustment, in units of {@link DSIGMA_ANGSTROM} (0 where none). */
  readonly dlsf: Float64Array;
}

/**
 * The local maxima of `meansky` above 10 % of its maximum, more than 10 pixels from either end:
 * the sky-line peaks desispec adjusts on.
 */
export function skyPeaks(meansky: Float64Array): number[] {
  const n = meansky.length;
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, meansky[i]!);
  const peaks: number[] = [];
  for (let i = 11; i < n - 11; i++) {
    const v = meansky[i]!;
    if (v > meansky[i - 1]! && v > meansky[i + 1]! && v > 0.1 * max) peaks.push(i);
  }
  return peaks;
}

/**
 * desispec's `adjust_wavelength` and `adjust_lsf` (docs/sources.md#sky-subtraction) for the fibers
 * `fibers`: around each peak (±3 Å) the fiber's flux is fitted as a + b·m + c·∂m/∂λ + d·∂m/∂σ with
 * m the fiber's sky model (`csky`, `[fiber, wave]`), ∂m/∂σ the change of m under an extra 0.3 Å
 * Gaussian; a peak counts when χ²/dof (with 5 % of the model added to the variance) < 2 and the
 * errors on c and d are under 0.1 Å and 0.3. The counted peaks' c and d are fitted by a straight
 * line in wavelength (weighted, 3σ clipped; a constant with fewer than 3 peaks), where desispec
 * interpolates between peaks or projects on PCA components, and `csky` gets c(λ)·∂m/∂λ +
 * d(λ)·∂m/∂σ. The scales b give each fiber's throughput against the model (weighted mean, 3σ
 * clipped, as desispec's `calculate_throughput_corrections`). `csky` is modified in place.
 */
export function adjustSkyLines(
  wave: ArrayLike<number>,
  csky: Float64Array,
  flux: Float64Array,
  ivar: Float64Array,
  nwave: number,
  fibers: readonly number[],
  peaks: readonly number[],
  opts: { readonly wavelength: boolean; readonly lsf: boolean },
): LineAdjustment {
  const nfiber = csky.length / nwave;
  const out: LineAdjustment = {
    peaks,
    dwave: new Float64Array(nfiber),
    dlsf: new Float64Array(nfiber),
  };
  const adjust = lineAdjuster(wave, nwave, peaks, opts);
  for (const f of fibers) {
    const r = adjust(csky, flux, ivar, f);
    if (r === null) continue;
    out.dwave[f] = r[0];
    out.dlsf[f] = r[1];
  }
  return out;
}

/**
 * {@link adjustSkyLines} one fiber at a time: the returned function adjusts row `f` of `csky` in
 * place and returns its mean [wavelength, width] adjustments, or null where no peak counted.
 */
export function lineAdjuster(
  wave: ArrayLike<number>,
  nwave: number,
  peaks: readonly number[],
  opts: { readonly wavelength: boolean; readonly lsf: boolean },
): (csky: Float64Array, flux: Float64Array, ivar: Float64Array, f: number) => [number, number] | null {
  const dw = Math.abs(wave[nwave - 1]! - wave[0]!) / (nwave - 1);
  const hw = Math.floor(PEAK_HALF_WIDTH_ANGSTROM / dw) + 1;
  const grad = new Float64Array(nwave);
  const wide = new Float64Array(nwave);
  const kernel = widthKernel(DSIGMA_ANGSTROM / dw);
  const np = 2 + (opts.wavelength ? 1 : 0) + (opts.lsf ? 1 : 0);
  return (csky, flux, ivar, f) => {
    const row = f * nwave;
    const m = csky.subarray(row, row + nwave);
    gradient(m, wave, grad);
    smoothWith(m, kernel, wide);
    for (let i = 0; i < nwave; i++) wide[i] = (wide[i]! - m[i]!) / DSIGMA_ANGSTROM;
    const fits = { cw: [] as number[], c: [] as number[], ce: [] as number[], dw: [] as number[], d: [] as number[], de: [] as number[] };
    for (const p of peaks) {
      const r = fitPeak(flux, ivar, row, m, grad, wide, p - hw, p + hw + 1, np, opts);
      if (r === null) continue;
      if (r.chi2 >= MAX_PEAK_CHI2) continue;
      if (opts.wavelength && r.ce > 0 && r.ce < MAX_DWAVE_ERR) {
        fits.cw.push(wave[p]!);
        fits.c.push(r.c);
        fits.ce.push(r.ce);
      }
      if (opts.lsf && r.de > 0 && r.de < MAX_DLSF_ERR) {
        fits.dw.push(wave[p]!);
        fits.d.push(r.d);
        fits.de.push(r.de);
      }
    }
    if (fits.cw.length === 0 && fits.dw.length === 0) return null;
    const cfit = fits.cw.length > 0 ? lineThrough(fits.cw, fits.c, fits.ce) : null;
    const dfit = fits.dw.length > 0 ? lineThrough(fits.dw, fits.d, fits.de) : null;
    let sc = 0;
    let sd = 0;
    for (let i = 0; i < nwave; i++) {
      const ci = cfit === null ? 0 : cfit[0] + cfit[1] * wave[i]!;
      const di = dfit === null ? 0 : dfit[0] + dfit[1] * wave[i]!;
      m[i]! += ci * grad[i]! + di * wide[i]!;
      sc += ci;
      sd += di;
    }
    return [sc / nwave, sd / nwave];
  };
}

/**
 * Error added in quadrature to each line's scale when combining them, against line-to-line
 * systematics (desispec: 0.005; smaller here, so that the bright lines weigh as their noise says).
 */
const LINE_SCALE_FLOOR = 0.001;

/** Half-width of the window of each sky line in a throughput correction, Å (desispec: 4 Å). */
const THROUGHPUT_HALF_WIDTH_ANGSTROM = 4;

/**
 * Each fiber's throughput against its sky model on the sky lines, as desispec's
 * `calculate_throughput_corrections` (docs/sources.md#sky-subtraction): per peak, the fiber's flux
 * over ±4 Å fitted as a + b·m (m the fiber's model, `csky`), and the b combined by a weighted mean
 * with 0.005 added in quadrature to each error, dropping the worst while its χ² exceeds 9 times
 * the median. Returns the scale and its error per fiber (1 and 0 where nothing was measured).
 */
export function lineThroughput(
  wave: ArrayLike<number>,
  csky: Float64Array,
  flux: Float64Array,
  ivar: Float64Array,
  nwave: number,
  fibers: readonly number[],
  peaks: readonly number[],
): { readonly scale: Float64Array; readonly error: Float64Array } {
  const nfiber = csky.length / nwave;
  const scale = new Float64Array(nfiber).fill(1);
  const error = new Float64Array(nfiber);
  for (const f of fibers) [scale[f], error[f]] = fiberLineThroughput(wave, csky, flux, ivar, nwave, f, peaks);
  return { scale, error };
}

/** {@link lineThroughput} of fiber `f`: [scale, error]. */
export function fiberLineThroughput(
  wave: ArrayLike<number>,
  csky: Float64Array,
  flux: Float64Array,
  ivar: Float64Array,
  nwave: number,
  f: number,
  peaks: readonly number[],
): [number, number] {
  const dw = Math.abs(wave[nwave - 1]! - wave[0]!) / (nwave - 1);
  const hw = Math.floor(THROUGHPUT_HALF_WIDTH_ANGSTROM / dw);
  const row = f * nwave;
  const b: number[] = [];
  const be: number[] = [];
  for (const p of peaks) {
    let sw = 0;
    let sm = 0;
    let smm = 0;
    let sf = 0;
    let smf = 0;
    for (let i = Math.max(0, p - hw); i <= Math.min(nwave - 1, p + hw); i++) {
      const w = ivar[row + i]!;
      if (!(w > 0)) continue;
      const m = csky[row + i]!;
      const y = flux[row + i]!;
      sw += w;
      sm += w * m;
      smm += w * m * m;
      sf += w * y;
      smf += w * m * y;
    }
    const det = sw * smm - sm * sm;
    if (!(sw > 0) || !(det > 1e-12 * sw * smm)) continue;
    b.push((sw * smf - sm * sf) / det);
    be.push(Math.sqrt(sw / det));
  }
  return clippedMean(b, be);
}

/** A normalised Gaussian of σ `sigma` pixels, 2·⌊4σ⌋ + 3 taps (desispec's width kernel). */
function widthKernel(sigma: number): Float64Array {
  const hw = Math.floor(4 * sigma) + 1;
  const k = Float64Array.from({ length: 2 * hw + 1 }, (_, j) => Math.exp(-0.5 * ((j - hw) / sigma) ** 2));
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

/** out = x convolved with the symmetric `kernel` (zero beyond the ends, as desispec's "same" convolution). */
function smoothWith(x: ArrayLike<number>, kernel: Float64Array, out: Float64Array): void {
  const n = out.length;
  const hw = (kernel.length - 1) / 2;
  const at = (i: number): void => {
    let s = 0;
    for (let j = -hw; j <= hw; j++) {
      const k = i + j;
      if (k >= 0 && k < n) s += kernel[j + hw]! * x[k]!;
    }
    out[i] = s;
  };
  const first = Math.min(hw, n);
  const last = Math.max(first, n - hw);
  for (let i = 0; i < first; i++) at(i);
  for (let i = last; i < n; i++) at(i);
  for (let i = first; i < last; i++) {
    let s = 0;
    for (let j = 0, k = i - hw; j < kernel.length; j++, k++) s += kernel[j]! * x[k]!;
    out[i] = s;
  }
}

/** ∂x/∂λ by central differences (one-sided at the ends), as numpy's gradient. */
function gradient(x: ArrayLike<number>, wave: ArrayLike<number>, out: Float64Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    out[i] = (x[b]! - x[a]!) / (wave[b]! - wave[a]!);
  }
}

/** Scratch buffers of {@link fitPeak} (at most 4 parameters), reused from call to call. */
const SCRATCH = {
  a: new Float64Array(16),
  rhs: new Float64Array(4),
  basis: new Float64Array(4),
  work: new Float64Array(16),
  inv: new Float64Array(16),
  x: new Float64Array(4),
};

/** One peak's linear fit (see {@link adjustSkyLines}); null when it is off the grid or singular. */
function fitPeak(
  flux: Float64Array,
  ivar: Float64Array,
  row: number,
  m: Float64Array,
  grad: Float64Array,
  wide: Float64Array,
  b: number,
  e: number,
  np: number,
  opts: { readonly wavelength: boolean; readonly lsf: boolean },
): { b: number; be: number; c: number; ce: number; d: number; de: number; chi2: number } | null {
  if (b < 0 || e > m.length) return null;
  const a = SCRATCH.a.fill(0, 0, np * np);
  const rhs = SCRATCH.rhs.fill(0, 0, np);
  const basis = SCRATCH.basis;
  const fill = (i: number): void => {
    basis[0] = 1;
    basis[1] = m[i]!;
    if (opts.wavelength) basis[2] = grad[i]!;
    if (opts.lsf) basis[np - 1] = wide[i]!;
  };
  for (let i = b; i < e; i++) {
    const w = ivar[row + i]!;
    if (!(w > 0)) continue;
    fill(i);
    for (let p = 0; p < np; p++) {
      rhs[p]! += w * basis[p]! * flux[row + i]!;
      for (let q = 0; q < np; q++) a[p * np + q]! += w * basis[p]! * basis[q]!;
    }
  }
  const inv = invertSmall(a.subarray(0, np * np), np, SCRATCH.work, SCRATCH.inv);
  if (inv === null) return null;
  const x = SCRATCH.x.fill(0, 0, np);
  for (let p = 0; p < np; p++) for (let q = 0; q < np; q++) x[p]! += inv[p * np + q]! * rhs[q]!;
  let chi2 = 0;
  for (let i = b; i < e; i++) {
    const w = ivar[row + i]!;
    if (!(w > 0)) continue;
    fill(i);
    let r = flux[row + i]!;
    for (let p = 0; p < np; p++) r -= x[p]! * basis[p]!;
    chi2 += (r * r) / (1 / w + (0.05 * m[i]!) ** 2);
  }
  const err = (p: number): number => Math.sqrt(Math.max(0, inv[p * np + p]!));
  const ic = opts.wavelength ? 2 : -1;
  const id = opts.lsf ? np - 1 : -1;
  return {
    b: x[1]!,
    be: err(1),
    c: ic < 0 ? 0 : x[ic]!,
    ce: ic < 0 ? 0 : err(ic),
    d: id < 0 ? 0 : x[id]!,
    de: id < 0 ? 0 : err(id),
    chi2: chi2 / Math.max(1, e - b - np),
  };
}

/** [a0, a1] of the weighted straight line v ≈ a0 + a1·w (errors `e`), clipped at 3σ; a constant below 3 points. */
function lineThrough(w: readonly number[], v: readonly number[], e: readonly number[], degree = 1): [number, number] {
  const keep = w.map(() => true);
  let a0 = 0;
  let a1 = 0;
  for (let it = 0; it < 10; it++) {
    let s = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let n = 0;
    for (let k = 0; k < w.length; k++) {
      if (!keep[k]) continue;
      const iv = 1 / (e[k]! * e[k]!);
      s += iv;
      sx += iv * w[k]!;
      sy += iv * v[k]!;
      sxx += iv * w[k]! * w[k]!;
      sxy += iv * w[k]! * v[k]!;
      n++;
    }
    const det = s * sxx - sx * sx;
    if (degree > 0 && n >= 3 && det > 1e-12 * s * sxx) {
      a1 = (s * sxy - sx * sy) / det;
      a0 = (sy - a1 * sx) / s;
    } else {
      a1 = 0;
      a0 = s > 0 ? sy / s : 0;
    }
    const chi = w.map((x, k) => (keep[k] ? Math.abs(v[k]! - a0 - a1 * x) / e[k]! : 0));
    const worst = chi.indexOf(Math.max(...chi));
    if (n <= 2 || !(chi[worst]! > 3)) break;
    keep[worst] = false;
  }
  return [a0, a1];
}

/**
 * The weighted mean of `v` (errors `e`, with 0.005 added in quadrature as desispec does), dropping
 * the worst value while its χ² exceeds 9 times the median χ² (variance floor 0.02); [1, 0] when empty.
 */
function clippedMean(v: readonly number[], e: readonly number[]): [number, number] {
  const ok = v.map((x, k) => Number.isFinite(x) && e[k]! > 0);
  for (let it = 0; it < 50; it++) {
    let s = 0;
    let sv = 0;
    for (let k = 0; k < v.length; k++) {
      if (!ok[k]) continue;
      const iv = 1 / (e[k]! ** 2 + LINE_SCALE_FLOOR ** 2);
      s += iv;
      sv += iv * v[k]!;
    }
    if (!(s > 0)) return [1, 0];
    const mean = sv / s;
    const chi2 = v.map((x, k) => (ok[k] ? (x - mean) ** 2 / (e[k]! ** 2 + 0.02 ** 2) : 0));
    const pos = chi2.filter((c, k) => ok[k] && c > 0).sort((a, b) => a - b);
    const med = pos.length > 0 ? pos[pos.length >> 1]! : 0;
    const worst = chi2.indexOf(Math.max(...chi2));
    if (pos.length > 2 && chi2[worst]! > 9 * med) ok[worst] = false;
    else return [mean, 1 / Math.sqrt(s)];
  }
  return [1, 0];
}
