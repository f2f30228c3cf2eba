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

/** The fiber-specific part of a resolution model. */
export interface FiberLsf {
  /** Multiplies the nominal σ ({@link resolutionSigma}). */
  readonly widthScale: number;
  /** Wavelength shift of the fiber's trace in pixels: light of true pixel j lands at j + shift. */
  readonly shift: number;
}

/**
 * Writes one fiber's resolution matrix in the dia storage of a frame's RESOLUTION (docs/sources.md#resolution):
 * R[i, j] with j = i + offset[d] (offsets +5 … −5) at `out[base + d·nwave + j]`; slots whose row
 * would be off the grid are left as they are (0 in a fresh array). Row i is the pixel-integrated
 * Gaussian of σ = σ_nominal · widthScale centred at i − shift,
 * Φ((j − i + shift + ½)/σ) − Φ((j − i + shift − ½)/σ), normalised to 1 over the columns inside
 * the grid. The kernel is computed exactly every 64 rows and linearly interpolated between (σ
 * changes by 0.1 % over 64 rows). A delta function through these rows has variance σ² + 1/12
 * pixel².
 */
export function writeResolution(camera: string, nwave: number, lsf: FiberLsf, out: Float32Array | Float64Array, base: number): void {
  if (nwave === 0) return;
  const nnode = Math.max(2, Math.ceil((nwave - 1) / NODE_STEP) + 1);
  const nodes = new Float64Array(nnode * NDIAG);
  const sq = Math.SQRT2;
  for (let m = 0; m < nnode; m++) {
    const i = Math.min(nwave - 1, m * NODE_STEP);
    const sigma = resolutionSigma(camera, i, nwave) * lsf.widthScale;
    let prev = erf((-HALF - 0.5 + lsf.shift) / (sigma * sq));
    let sum = 0;
    for (let d = NDIAG - 1; d >= 0; d--) {
      // d = NDIAG − 1 is offset −5 (column i − 5): walk the columns left to right.
      const next = erf((HALF - d + 0.5 + lsf.shift) / (sigma * sq));
      const w = 0.5 * (next - prev);
      nodes[m * NDIAG + d] = w;
      sum += w;
      prev = next;
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
