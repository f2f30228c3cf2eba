import { cameraSpec } from "./cameras.js";
import { erf } from "../math/index.js";

/** Diagonals of a stored resolution matrix, offsets +5 … −5 (desispec resolution.py; docs/sources.md#resolution). */
export const NDIAG = 11;

/** Half the band width: offsets run from +HALF to −HALF. */
const HALF = (NDIAG - 1) / 2;

/** Pixels between the rows at which the kernel is computed exactly; rows between are interpolated. */
const NODE_STEP = 64;

/**
 * Nominal Gaussian σ of an arm's line-spread function at pixel `i` of its `nwave`-pixel grid, in
 * 0.8 Å pixels: the arm's σ (0.95 in b and r, 1.05 in z; docs/sources.md#resolution) growing by 5 % from the
 * blue end of the arm to its red end. Each fiber's actual width is this times its own factor.
 */
export function resolutionSigma(camera: string, i: number, nwave: number): number {
  const s = cameraSpec(camera);
  const x = nwave > 1 ? i / (nwave - 1) - 0.5 : 0;
  return s.sigmaPixels * (1 + 0.05 * x);
}

/**
 * The fiber-specific part of a line-spread model (docs/sources.md#lsf). The profile, in output
 * pixels τ from where the light lands, is a Gauss–Hermite core with a third-order (skew) term plus
 * power-law (Lorentzian) wings of different scales on the blue and red sides:
 * p(τ) = (1 − wing) · φ(u) (1 + h3 · He3(u)) / σ + wing · L(τ), u = τ/σ, He3(u) = u³ − 3u,
 * L a two-sided Lorentzian with half-widths `wingBlue` (τ < 0) and `wingRed` (τ > 0), continuous
 * at 0. The skew term leaves the centroid and the area unchanged.
 */
export interface FiberLsf {
  /** Multiplies the nominal σ ({@link resolutionSigma}) at the arm's centre. */
  readonly widthScale: number;
  /** Relative change of that multiplier from the arm's centre to either end (linear in pixel). */
  readonly widthTilt?: number;
  /** Wavelength shift of the fiber's trace in pixels at the arm's centre: light of true pixel j lands at j + shift. */
  readonly shift: number;
  /** Change of the shift, in pixels, from the arm's centre to either end (linear in pixel). */
  readonly shiftTilt?: number;
  /** Gauss–Hermite skew coefficient of the core (0: symmetric). */
  readonly h3?: number;
  /** Fraction of the light in the wings (0: no wings). */
  readonly wing?: number;
  /** Lorentzian half-width of the wing on the blue side, pixels. */
  readonly wingBlue?: number;
  /** Lorentzian half-width of the wing on the red side, pixels. */
  readonly wingRed?: number;
}

/** φ(u) · He2(u): the antiderivative of −φ · He3, which makes the skew term's CDF closed-form. */
function phiHe2(u: number): number {
  return Math.exp(-0.5 * u * u) * 0.3989422804014327 * (u * u - 1);
}

/** The cumulative profile of `lsf` at τ pixels (core of width `sigma`); {@link FiberLsf}. */
export function lsfCdf(lsf: FiberLsf, sigma: number, tau: number): number {
  const u = tau / sigma;
  const core = 0.5 * (1 + erf(u / Math.SQRT2)) - (lsf.h3 ?? 0) * phiHe2(u);
  const a = lsf.wing ?? 0;
  if (a === 0) return core;
  const gb = lsf.wingBlue ?? 1;
  const gr = lsf.wingRed ?? 1;
  const wb = gb / (gb + gr);
  const tail = tau < 0 ? wb * (1 + (2 / Math.PI) * Math.atan(tau / gb)) : wb + (1 - wb) * (2 / Math.PI) * Math.atan(tau / gr);
  return (1 - a) * core + a * tail;
}

/** The core σ (pixels) and shift (pixels) of `lsf` at pixel `i` of an `nwave`-pixel grid of arm `camera`. */
export function lsfAt(camera: string, lsf: FiberLsf, i: number, nwave: number): { readonly sigma: number; readonly shift: number } {
  const half = (nwave - 1) / 2;
  const x = half > 0 ? (i - half) / half : 0;
  const sigma = resolutionSigma(camera, i, nwave) * lsf.widthScale * (1 + (lsf.widthTilt ?? 0) * x);
  return { sigma, shift: lsf.shift + (lsf.shiftTilt ?? 0) * x };
}

/**
 * Writes one fiber's resolution matrix in the dia storage of a frame's RESOLUTION (docs/sources.md#resolution):
 * R[i, j] with j = i + offset[d] (offsets +5 … −5) at `out[base + d·nwave + j]`; slots whose row
 * would be off the grid are left as they are (0 in a fresh array). Row i holds the profile of
 * {@link FiberLsf} integrated over output pixel i for light of each column j landing at
 * j + shift: P(i − j − shift + ½) − P(i − j − shift − ½) with P = {@link lsfCdf} and σ, shift
 * from {@link lsfAt}, clipped at 0 and normalised to 1 over the 11 columns (the wings beyond ±5
 * pixels are cut, as in a stored 11-diagonal matrix). The kernel is computed exactly every 64
 * rows and linearly interpolated between. For a pure Gaussian (no skew, no wing), a delta
 * function through these rows has variance σ² + 1/12 pixel².
 */
export function writeResolution(camera: string, nwave: number, lsf: FiberLsf, out: Float32Array | Float64Array, base: number): void {
  if (nwave === 0) return;
  const nnode = Math.max(2, Math.ceil((nwave - 1) / NODE_STEP) + 1);
  const nodes = new Float64Array(nnode * NDIAG);
  for (let m = 0; m < nnode; m++) {
    const i = Math.min(nwave - 1, m * NODE_STEP);
    const { sigma, shift } = lsfAt(camera, lsf, i, nwave);
    let sum = 0;
    for (let d = 0; d < NDIAG; d++) {
      // d is offset HALF − d: column j = i + HALF − d, so i − j = d − HALF.
      const t = d - HALF - shift;
      const w = Math.max(0, lsfCdf(lsf, sigma, t + 0.5) - lsfCdf(lsf, sigma, t - 0.5));
      nodes[m * NDIAG + d] = w;
      sum += w;
    }
    for (let d = 0; d < NDIAG; d++) nodes[m * NDIAG + d]! /= sum;
  }
  for (let d = 0; d < NDIAG; d++) {
    const off = HALF - d;
    const [lo, hi] = validRows(d, nwave);
    const row = base + d * nwave + off;
    for (let m = 0; m < nnode - 1; m++) {
      const i0 = m * NODE_STEP;
      const i1 = Math.min(nwave - 1, (m + 1) * NODE_STEP);
      const first = Math.max(lo, i0);
      const last = Math.min(hi, m === nnode - 2 ? nwave : i1);
      const a = nodes[m * NDIAG + d]!;
      const slope = (nodes[(m + 1) * NDIAG + d]! - a) / Math.max(1, i1 - i0);
      for (let i = first; i < last; i++) out[row + i] = a + slope * (i - i0);
    }
  }
  // Rows near the ends lose the columns off the grid and are renormalised.
  for (const i of edgeRows(nwave)) {
    let sum = 0;
    for (let d = 0; d < NDIAG; d++) {
      const j = i + HALF - d;
      if (j >= 0 && j < nwave) sum += out[base + d * nwave + j]!;
    }
    for (let d = 0; d < NDIAG; d++) {
      const j = i + HALF - d;
      if (j >= 0 && j < nwave) out[base + d * nwave + j]! /= sum;
    }
  }
}

/** The rows within 5 pixels of either end of an `nwave`-pixel grid. */
function edgeRows(nwave: number): number[] {
  const rows = new Set<number>();
  for (let i = 0; i < Math.min(HALF, nwave); i++) {
    rows.add(i);
    rows.add(nwave - 1 - i);
  }
  return [...rows];
}

/** The first and one-past-last row of diagonal `d` whose column lies on an `nwave`-pixel grid. */
function validRows(d: number, nwave: number): readonly [number, number] {
  const off = HALF - d;
  return [Math.max(0, -off), Math.min(nwave, nwave - off)];
}

/**
 * Applies a resolution matrix in dia storage (`data` from `base`, as {@link writeResolution}
 * writes it) to `input` (`nwave` values from `inOffset`), writing `nwave` values to `out`:
 * out[i] = Σ_j R[i, j] · input[j].
 */
export function applyResolution(data: ArrayLike<number>, base: number, nwave: number, input: ArrayLike<number>, inOffset: number, out: Float64Array): void {
  out.fill(0, 0, nwave);
  for (let d = 0; d < NDIAG; d++) {
    const off = HALF - d;
    const [lo, hi] = validRows(d, nwave);
    const row = base + d * nwave + off;
    const shift = inOffset + off;
    for (let i = lo; i < hi; i++) out[i]! += data[row + i]! * input[i + shift]!;
  }
}
