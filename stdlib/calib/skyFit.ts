import { type BandedFactor, type BandedMatrix, bandedMatrix, factorBanded, solveBanded } from "./banded.js";
import { medianInPlace } from "./columnMedian.js";
import { NORMAL_BAND, addNormal, addTransposed, convolve, fiberResolution, removeNormalRow } from "./resolution.js";

/** The frame data the sky fit reads: flat-fielded FLUX and IVAR (0 where masked) `[fiber, wave]`. */
export interface SkyFitData {
  readonly nfiber: number;
  readonly nwave: number;
  readonly flux: Float64Array;
  readonly ivar: Float64Array;
  readonly resolution: ArrayLike<number>;
}

/** Settings of {@link fitDeconvolvedSky}. */
export interface SkyFitOptions {
  /** Clipping threshold, σ. */
  readonly nsig: number;
  readonly minIterations: number;
  readonly maxIterations: number;
  /** Fit an achromatic throughput per sky fiber along with the sky. */
  readonly fitThroughput: boolean;
}

/** The deconvolved sky and what the fit kept. */
export interface SkyFit {
  /** The deconvolved sky s, one value per wavelength. */
  readonly deconvolved: Float64Array;
  /** The LDLᵀ factors of the last normal equations (their inverse is the covariance of s). */
  readonly factor: BandedFactor;
  /** Wavelengths no sky pixel constrains. */
  readonly free: readonly number[];
  /** Throughput of each fitted sky fiber relative to the others (1 without `fitThroughput`). */
  readonly throughput: Float64Array;
  /** IVAR of the sky fibers' pixels after clipping `[skyfiber, wave]`. */
  readonly ivar: Float64Array;
  /** Sky fibers dropped as a whole (indices into the fitted list). */
  readonly dropped: readonly number[];
  readonly iterations: number;
  readonly rejected: number;
}

/**
 * Fits one deconvolved sky spectrum s to the sky fibers `fibers` as desispec's `compute_sky`
 * does (docs/sources.md#sky-subtraction): each sky fiber's flux is t_f · R_f · s; s solves the
 * ivar-weighted normal equations Σ_f t_f² R_fᵀ W_f R_f s = Σ_f t_f R_fᵀ W_f D_f (banded, LDLᵀ).
 * Each iteration then rejects outliers: in the first only the worst sky fiber per wavelength
 * beyond `nsig` σ, later every pixel beyond it, and a whole fiber whose median residual exceeds 7
 * times the NMAD of those medians; it stops when nothing more is rejected after `minIterations`.
 * With `fitThroughput`, t_f is refitted each iteration (median 1 over the kept fibers), the
 * per-fiber counterpart of desispec's throughput-correction model.
 */
export function fitDeconvolvedSky(data: SkyFitData, fibers: readonly number[], o: SkyFitOptions): SkyFit {
  const { nwave, flux, resolution } = data;
  const nsky = fibers.length;
  const ivar = new Float64Array(nsky * nwave);
  fibers.forEach((f, k) => ivar.set(data.ivar.subarray(f * nwave, (f + 1) * nwave), k * nwave));
  const t = new Float64Array(nsky).fill(1);
  const dropped = new Set<number>();
  const model = new Float64Array(nsky * nwave);
  const wy = new Float64Array(nwave);
  // Each sky fiber's Rᵀ W R, built once and updated as pixels are rejected; the normal matrix of
  // an iteration is Σ t_f² of them.
  const blocks: BandedMatrix[] = fibers.map((f, k) => {
    const block = bandedMatrix(nwave, NORMAL_BAND);
    addNormal(fiberResolution(resolution, f, nwave), ivar.subarray(k * nwave, (k + 1) * nwave), wy, block, new Float64Array(nwave));
    return block;
  });
  const reject = (k: number, i: number): void => {
    removeNormalRow(fiberResolution(resolution, fibers[k]!, nwave), i, ivar[k * nwave + i]!, blocks[k]!);
    ivar[k * nwave + i] = 0;
  };
  let s = new Float64Array(nwave) as Float64Array;
  let factor: BandedFactor | undefined;
  let free: number[] = [];
  let rejected = 0;
  let it = 0;
  for (; it < o.maxIterations; it++) {
    const a = bandedMatrix(nwave, NORMAL_BAND);
    const rhs = new Float64Array(nwave);
    for (let k = 0; k < nsky; k++) {
      if (dropped.has(k)) continue;
      const row = fibers[k]! * nwave;
      const tk = t[k]!;
      const t2 = tk * tk;
      const bd = blocks[k]!.data;
      const ad = a.data;
      const len = bd.length;
      for (let j = 0; j < len; j++) ad[j] = ad[j]! + t2 * bd[j]!;
      for (let i = 0; i < nwave; i++) wy[i] = ivar[k * nwave + i]! * tk * flux[row + i]!;
      addTransposed(fiberResolution(resolution, fibers[k]!, nwave), wy, rhs);
    }
    ({ factor, free } = factorBanded(a));
    s = solveBanded(factor, rhs);
    for (let k = 0; k < nsky; k++) convolve(fiberResolution(resolution, fibers[k]!, nwave), s, model.subarray(k * nwave, (k + 1) * nwave));
    if (o.fitThroughput) fitThroughputs(data, fibers, ivar, model, dropped, t);
    for (let k = 0; k < nsky; k++) for (let i = 0; i < nwave; i++) model[k * nwave + i]! *= t[k]!;
    const n = rejectOutliers(data, fibers, ivar, model, dropped, it, o.nsig, reject);
    rejected += n;
    if (n === 0 && it >= o.minIterations - 1) {
      it++;
      break;
    }
  }
  return { deconvolved: s, factor: factor!, free, throughput: t, ivar, dropped: [...dropped].sort((a, b) => a - b), iterations: it, rejected };
}

/** t_f = Σ w D m / Σ w m² for each kept sky fiber (m = R_f s), then divided by their median. */
function fitThroughputs(data: SkyFitData, fibers: readonly number[], ivar: Float64Array, model: Float64Array, dropped: Set<number>, t: Float64Array): void {
  const { nwave, flux } = data;
  const kept: number[] = [];
  for (let k = 0; k < fibers.length; k++) {
    if (dropped.has(k)) continue;
    const row = fibers[k]! * nwave;
    let num = 0;
    let den = 0;
    for (let i = 0; i < nwave; i++) {
      const wi = ivar[k * nwave + i]!;
      const m = model[k * nwave + i]!;
      num += wi * flux[row + i]! * m;
      den += wi * m * m;
    }
    if (den > 0 && num > 0) {
      t[k] = num / den;
      kept.push(t[k]!);
    }
  }
  if (kept.length === 0) return;
  const med = medianInPlace(Float64Array.from(kept), kept.length);
  for (let k = 0; k < t.length; k++) t[k]! /= med;
}

/** One iteration's outlier rejection (see {@link fitDeconvolvedSky}); returns the pixels rejected. */
function rejectOutliers(
  data: SkyFitData,
  fibers: readonly number[],
  ivar: Float64Array,
  model: Float64Array,
  dropped: Set<number>,
  it: number,
  nsig: number,
  reject: (k: number, i: number) => void,
): number {
  const { nwave, flux } = data;
  const nsky = fibers.length;
  const limit = nsig * nsig;
  const chi2 = new Float64Array(nsky * nwave);
  const medres = new Float64Array(nsky);
  const buf = new Float64Array(nwave);
  for (let k = 0; k < nsky; k++) {
    const row = fibers[k]! * nwave;
    let m = 0;
    for (let i = 0; i < nwave; i++) {
      const wi = ivar[k * nwave + i]!;
      const r = flux[row + i]! - model[k * nwave + i]!;
      chi2[k * nwave + i] = wi * r * r;
      if (wi > 0) buf[m++] = r;
    }
    medres[k] = m > 0 ? medianInPlace(buf, m) : 0;
  }
  const nonzero = Array.from(medres).filter((v, k) => v !== 0 && !dropped.has(k));
  if (nonzero.length > 2) {
    const nmad = 1.48 * medianInPlace(Float64Array.from(nonzero, Math.abs), nonzero.length);
    for (let k = 0; k < nsky; k++) {
      if (dropped.has(k) || !(Math.abs(medres[k]!) > 7 * nmad)) continue;
      dropped.add(k);
      ivar.fill(0, k * nwave, (k + 1) * nwave);
    }
  }
  let n = 0;
  if (it === 0) {
    for (let i = 0; i < nwave; i++) {
      let worst = -1;
      for (let k = 0; k < nsky; k++) if (chi2[k * nwave + i]! > limit && (worst < 0 || chi2[k * nwave + i]! > chi2[worst * nwave + i]!)) worst = k;
      if (worst >= 0 && ivar[worst * nwave + i]! > 0) {
        reject(worst, i);
        n++;
      }
    }
  } else {
    for (let k = 0; k < chi2.length; k++) {
      if (chi2[k]! > limit && ivar[k]! > 0) {
        reject(Math.floor(k / nwave), k % nwave);
        n++;
      }
    }
  }
  return n;
}
