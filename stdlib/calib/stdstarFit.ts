import { NDIAG } from "../instrument/index.js";
import { convolveRows } from "./resolution.js";
import { STAR_FEH, STAR_LOGG, STAR_TEFF, starGridModel, starGridWave, type StarNode, nodeIndex } from "./starGrid.js";

/** Camera pixels summed into one pixel of the fit (3.2 Å): F-star lines are tens of Å wide. */
export const FIT_REBIN = 4;
/** Rebinned pixels per block of the smooth normalisation (64 Å): wider blocks let the throughput's curvature bias Teff. */
const NORM_NODE = 20;
/** Fractional template error added to the variance (desispec match_templates; docs/sources.md#stdstars). */
const TEMPLATE_ERROR = 0.1;
/** Half-width (Å) of the windows masked around sky lines, telluric bands and interstellar Ca H&K. */
const LINE_HALF_WIDTH = 6;
/** Sky lines (vacuum Å) masked in the fit (desispec stdstars; docs/sources.md#stdstars). */
const SKY_LINES = [4047.5, 4359.3, 5462.3, 5578.9, 5891.3, 5897.3, 6301.8, 6365.4, 7823.3, 7855.2];
/** Interstellar Ca H and K (vacuum Å). */
const CA_HK = [3934.78, 3969.59];
/** Telluric bands (vacuum Å) and the red limit of the fit (desispec masks everything above 8270 Å). */
const TELLURIC: readonly (readonly [number, number])[] = [
  [6850, 6960],
  [7580, 7700],
];
const RED_LIMIT = 8270;

/** One camera of the standards' data, rebinned. */
export interface CameraData {
  /** Index of the camera's first pixel on the model grid (the simulation grid). */
  readonly offset: number;
  /** Camera pixels. */
  readonly nwave: number;
  /** Mean stored resolution of the petal's standards in this camera (dia storage, 11 × nwave). */
  readonly resolution: Float64Array;
}

/** One standard star's rebinned data over the three cameras, concatenated b, r, z. */
export interface StarData {
  readonly flux: Float64Array;
  readonly ivar: Float64Array;
}

/** Whether camera wavelength `w` (Å) is used by the fit. */
export function fitPixel(w: number): boolean {
  if (w > RED_LIMIT) return false;
  for (const l of SKY_LINES) if (Math.abs(w - l) < LINE_HALF_WIDTH) return false;
  for (const l of CA_HK) if (Math.abs(w - l) < LINE_HALF_WIDTH) return false;
  for (const [lo, hi] of TELLURIC) if (w >= lo && w <= hi) return false;
  return true;
}

/** Number of rebinned pixels of a camera of `nwave` pixels. */
export function rebinnedLength(nwave: number): number {
  return Math.floor(nwave / FIT_REBIN);
}

/** Rebins one camera's flux and ivar into `flux`/`ivar` from `out`: ivar-weighted means of {@link FIT_REBIN} pixels over the pixels `use` marks ({@link fitPixels}). */
export function rebinData(
  use: Uint8Array,
  f: ArrayLike<number>,
  w: ArrayLike<number>,
  base: number,
  flux: Float64Array,
  ivar: Float64Array,
  out: number,
): void {
  const n = rebinnedLength(use.length);
  for (let j = 0; j < n; j++) {
    let sw = 0;
    let swf = 0;
    for (let q = 0; q < FIT_REBIN; q++) {
      const i = j * FIT_REBIN + q;
      const wi = use[i] !== 0 ? w[base + i]! : 0;
      sw += wi;
      swf += wi * f[base + i]!;
    }
    flux[out + j] = sw > 0 ? swf / sw : 0;
    ivar[out + j] = sw;
  }
}

/** {@link fitPixel} of each wavelength, 1 or 0. */
export function fitPixels(wave: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: wave.length }, (_, i) => (fitPixel(wave[i]!) ? 1 : 0));
}

/**
 * The models of one petal's fit: each grid model convolved by the standards' mean resolution per
 * camera (once), then shifted to a radial velocity and rebinned per star.
 */
export class ModelBank {
  private readonly convolved = new Map<number, Float64Array[]>();
  /** Sampling tables of recently used redshifts, least recently used first. */
  private readonly tables = new Map<number, ShiftTable>();
  readonly length: number;

  constructor(readonly cameras: readonly CameraData[]) {
    this.length = cameras.reduce((s, c) => s + rebinnedLength(c.nwave), 0);
  }

  /** The node's model convolved per camera. */
  private conv(n: StarNode): Float64Array[] {
    const k = nodeIndex(n);
    let c = this.convolved.get(k);
    if (c === undefined) {
      const model = starGridModel(n);
      c = this.cameras.map((cam) => {
        const out = new Float64Array(cam.nwave);
        convolveRows(cam.resolution, 0, cam.nwave, model, cam.offset, out);
        return out;
      });
      this.convolved.set(k, c);
    }
    return c;
  }

  /** Where each camera pixel samples a model shifted to redshift `z` (kept for the last {@link TABLE_CACHE} redshifts). */
  private table(z: number): ShiftTable {
    let t = this.tables.get(z);
    if (t !== undefined) {
      this.tables.delete(z);
    } else {
      t = shiftTable(this.cameras, z);
      if (this.tables.size >= TABLE_CACHE) this.tables.delete(this.tables.keys().next().value!);
    }
    this.tables.set(z, t);
    return t;
  }

  /** The node's model at redshift `z`, rebinned like the data, into `out`. */
  shifted(n: StarNode, z: number, out: Float64Array): void {
    shiftRebin(this.conv(n), this.cameras, this.table(z), out);
  }

  /** A model linearly interpolated in Teff at (`teff`, node's log g and [Fe/H]) at redshift `z`, rebinned, into `out`. */
  interpolated(teff: number, n: StarNode, z: number, out: Float64Array): void {
    const [t0, t1, u] = teffBracket(teff);
    const a = this.conv({ ...n, t: t0 });
    const b = this.conv({ ...n, t: t1 });
    const mix = a.map((arr, c) => Float64Array.from(arr, (v, i) => (1 - u) * v + u * b[c]![i]!));
    shiftRebin(mix, this.cameras, this.table(z), out);
  }
}

/** Redshifts whose sampling tables a {@link ModelBank} keeps: more than one star's radial-velocity scan. */
const TABLE_CACHE = 160;

/** For each camera pixel (cameras concatenated), the model pixel below λ/(1+z) and the weight of the one above. */
interface ShiftTable {
  readonly below: Int32Array;
  readonly weight: Float64Array;
}

/** The {@link ShiftTable} of redshift `z`: linear interpolation in each camera's grid. */
function shiftTable(cameras: readonly CameraData[], z: number): ShiftTable {
  const wave = starGridWave();
  const step = wave[1]! - wave[0]!;
  const total = cameras.reduce((s, c) => s + rebinnedLength(c.nwave) * FIT_REBIN, 0);
  const below = new Int32Array(total);
  const weight = new Float64Array(total);
  let o = 0;
  for (const cam of cameras) {
    const w0 = wave[cam.offset]!;
    const n = rebinnedLength(cam.nwave) * FIT_REBIN;
    for (let i = 0; i < n; i++) {
      const x = (wave[cam.offset + i]! / (1 + z) - w0) / step;
      const i0 = Math.min(cam.nwave - 2, Math.max(0, Math.floor(x)));
      below[o + i] = i0;
      weight[o + i] = Math.min(1, Math.max(0, x - i0));
    }
    o += n;
  }
  return { below, weight };
}

/** The two Teff nodes around `teff` and the weight of the upper one. */
export function teffBracket(teff: number): [number, number, number] {
  const last = STAR_TEFF.length - 1;
  const x = Math.min(last, Math.max(0, (teff - STAR_TEFF[0]!) / (STAR_TEFF[1]! - STAR_TEFF[0]!)));
  const t0 = Math.min(last - 1, Math.floor(x));
  return [t0, t0 + 1, x - t0];
}

/** Samples each camera's convolved model at λ/(1+z) (linear in the camera grid, as `table` says) and rebins it. */
function shiftRebin(conv: readonly Float64Array[], cameras: readonly CameraData[], table: ShiftTable, out: Float64Array): void {
  const { below, weight } = table;
  let o = 0;
  let p = 0;
  cameras.forEach((cam, c) => {
    const m = conv[c]!;
    const n = rebinnedLength(cam.nwave);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = 0; q < FIT_REBIN; q++, p++) {
        const i0 = below[p]!;
        const t = weight[p]!;
        s += (1 - t) * m[i0]! + t * m[i0 + 1]!;
      }
      out[o + j] = s / FIT_REBIN;
    }
    o += n;
  });
}

/**
 * χ² of data against `model` times a smooth positive curve: per camera, the best scale in each
 * {@link NORM_NODE}-pixel block, linear between block centres (desispec divides data and model by
 * running medians instead), with a {@link TEMPLATE_ERROR} fractional model error in the variance.
 * Returns [χ², number of pixels used].
 */
export function normalisedChi2(star: StarData, model: Float64Array, cameras: readonly CameraData[]): [number, number] {
  let chi2 = 0;
  let npix = 0;
  let o = 0;
  for (const cam of cameras) {
    const n = rebinnedLength(cam.nwave);
    const nb = Math.max(1, Math.round(n / NORM_NODE));
    const scale = new Float64Array(nb);
    for (let b = 0; b < nb; b++) {
      const lo = Math.floor((b * n) / nb);
      const hi = Math.floor(((b + 1) * n) / nb);
      let num = 0;
      let den = 0;
      for (let j = lo; j < hi; j++) {
        const w = star.ivar[o + j]!;
        const m = model[o + j]!;
        num += w * star.flux[o + j]! * m;
        den += w * m * m;
      }
      scale[b] = den > 0 ? num / den : NaN;
    }
    fillGaps(scale);
    for (let j = 0; j < n; j++) {
      const w = star.ivar[o + j]!;
      if (!(w > 0)) continue;
      const x = (j + 0.5) * (nb / n) - 0.5;
      const b0 = Math.min(nb - 1, Math.max(0, Math.floor(x)));
      const b1 = Math.min(nb - 1, b0 + 1);
      const t = Math.min(1, Math.max(0, x - b0));
      const p = (1 - t) * scale[b0]! + t * scale[b1]!;
      const m = p * model[o + j]!;
      const r = star.flux[o + j]! - m;
      chi2 += (r * r) / (1 / w + (TEMPLATE_ERROR * m) ** 2);
      npix++;
    }
    o += n;
  }
  return [chi2, npix];
}

/**
 * χ² of data against `shape` × `model` × one scale fitted here, with the template error: the second
 * pass, where `shape` is the calibration shape the other standards of the petal measure.
 */
export function shapedChi2(star: StarData, model: Float64Array, shape: Float64Array): [number, number] {
  let num = 0;
  let den = 0;
  const n = model.length;
  for (let j = 0; j < n; j++) {
    const w = star.ivar[j]!;
    const m = shape[j]! * model[j]!;
    if (!(w > 0) || !(m > 0)) continue;
    num += w * star.flux[j]! * m;
    den += w * m * m;
  }
  const a = den > 0 ? num / den : 0;
  let chi2 = 0;
  let npix = 0;
  for (let j = 0; j < n; j++) {
    const w = star.ivar[j]!;
    const m = a * shape[j]! * model[j]!;
    if (!(w > 0) || !(shape[j]! > 0)) continue;
    const r = star.flux[j]! - m;
    chi2 += (r * r) / (1 / w + (TEMPLATE_ERROR * m) ** 2);
    npix++;
  }
  return [chi2, npix];
}

/** Replaces NaN entries by the nearest finite one (1 when none is finite). */
function fillGaps(a: Float64Array): void {
  let last = NaN;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) last = a[i]!;
  if (!Number.isFinite(last)) a.fill(1);
  for (let i = a.length - 1; i >= 0; i--) {
    if (Number.isFinite(a[i]!)) last = a[i]!;
    else a[i] = last;
  }
}

/** The parabola's vertex through three equally spaced points (x − 1, x, x + 1 in units), as an offset in [−1, 1]. */
export function parabolaOffset(ym: number, y0: number, yp: number): number {
  const d = ym - 2 * y0 + yp;
  if (!(d > 0)) return 0;
  return Math.max(-1, Math.min(1, (0.5 * (ym - yp)) / d));
}

/** Every (log g, [Fe/H]) node pair. */
export const GM_NODES: readonly (readonly [number, number])[] = STAR_LOGG.flatMap((_, g) => STAR_FEH.map((__, m) => [g, m] as const));

/** Mean of the stored resolution of the given fibers of a frame (dia storage, [fiber, 11, nwave]). */
export function meanResolution(resolution: ArrayLike<number>, fibers: readonly number[], nwave: number): Float64Array {
  const out = new Float64Array(NDIAG * nwave);
  for (const f of fibers) {
    const base = f * NDIAG * nwave;
    for (let k = 0; k < NDIAG * nwave; k++) out[k]! += resolution[base + k]!;
  }
  for (let k = 0; k < out.length; k++) out[k]! /= Math.max(1, fibers.length);
  return out;
}
