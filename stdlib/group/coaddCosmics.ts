/**
 * Cosmic-ray rejection across the exposures of one target in one band, as desispec's coadd does it
 * (`coaddition._mask_cosmics`, `_iterative_masker`; docs/sources.md#coadd): the flux *gradients* of
 * the exposures are compared pixel by pixel; where their χ² about the weighted mean gradient passes
 * the threshold of `nsig` σ, the most deviant exposure is dropped until the rest agree, and both
 * pixels of each dropped gradient are masked. Needs at least 3 exposures with data.
 */
import { median } from "../math/index.js";
import { chi2Isf, chi2Threshold, percentile } from "./coaddStats.js";

/** Fewer exposures than this are not searched for cosmics. */
export const MIN_FOR_COSMICS = 3;

/** One exposure's spectrum in one band: flux and the ivar already zeroed where masked. */
export interface BandRow {
  readonly flux: ArrayLike<number>;
  readonly ivar: ArrayLike<number>;
}

/**
 * Fills the values at pixels where `good` is false by linear interpolation in wavelength between the
 * nearest good pixels, holding the end values beyond them (numpy `interp`).
 */
function interpolateOverBad(wave: ArrayLike<number>, values: ArrayLike<number>, good: readonly boolean[]): Float64Array {
  const n = values.length;
  const out = Float64Array.from(values);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (good[i]) {
      prev = i;
      continue;
    }
    let next = i + 1;
    while (next < n && !good[next]) next++;
    for (let k = i; k < next; k++) {
      if (prev < 0) out[k] = values[next]!;
      else if (next >= n) out[k] = values[prev]!;
      else {
        const t = (wave[k]! - wave[prev]!) / (wave[next]! - wave[prev]!);
        out[k] = values[prev]! + t * (values[next]! - values[prev]!);
      }
    }
    i = next - 1;
  }
  return out;
}

/** The gradient of one exposure and its inverse variance, after interpolating over its masked pixels. */
function gradientOf(wave: ArrayLike<number>, row: BandRow): { grad: Float64Array; gradivar: Float64Array } | undefined {
  const n = row.flux.length;
  const good = Array.from({ length: n }, (_, i) => row.ivar[i]! > 0);
  if (!good.includes(true)) return undefined;
  const flux = interpolateOverBad(wave, row.flux, good);
  const ivar = interpolateOverBad(wave, row.ivar, good);
  const grad = new Float64Array(n - 1);
  const gradivar = new Float64Array(n - 1);
  for (let i = 0; i + 1 < n; i++) {
    grad[i] = flux[i + 1]! - flux[i]!;
    const v0 = 1 / (ivar[i]! === 0 ? 1 : ivar[i]!);
    const v1 = 1 / (ivar[i + 1]! === 0 ? 1 : ivar[i + 1]!);
    const v = v0 + v1;
    gradivar[i] = v > 0 ? 1 / v : 0;
  }
  return { grad, gradivar };
}

/**
 * Which of the values `vec` (with inverse variances `ivar`) to drop: while their χ² about the weighted
 * mean passes the threshold (for the number still kept, or the fixed `threshold`), the most deviant
 * one is dropped, down to {@link MIN_FOR_COSMICS} - 1.
 */
export function iterativeMasker(vec: readonly number[], ivar: readonly number[], nsig: number, threshold: number | undefined): boolean[] {
  const good = vec.map(() => true);
  for (;;) {
    let sw = 0;
    let swx = 0;
    for (let i = 0; i < vec.length; i++) {
      if (!good[i]) continue;
      sw += ivar[i]!;
      swx += ivar[i]! * vec[i]!;
    }
    const mean = swx / sw;
    let chi2 = 0;
    let worst = -1;
    let worstMetric = -Infinity;
    let kept = 0;
    for (let i = 0; i < vec.length; i++) {
      const metric = (vec[i]! - mean) ** 2 * ivar[i]!;
      const m = good[i] ? metric : 0;
      if (good[i]) {
        chi2 += metric;
        kept++;
      }
      if (m > worstMetric) {
        worstMetric = m;
        worst = i;
      }
    }
    const limit = threshold ?? chi2Threshold(kept, nsig);
    if (!(chi2 > limit)) break;
    good[worst] = false;
    if (good.filter(Boolean).length < MIN_FOR_COSMICS) break;
  }
  return good.map((g) => !g);
}

/**
 * The cosmic mask of one target's exposures in one band: `mask[e][i]` is true where pixel `i` of
 * exposure `e` is rejected. Rows with no valid pixel take no part.
 */
export function maskCosmics(wave: ArrayLike<number>, rows: readonly BandRow[], nsig: number): boolean[][] {
  const nwave = wave.length;
  const mask = rows.map(() => new Array<boolean>(nwave).fill(false));
  if (rows.length < MIN_FOR_COSMICS || nwave < 2) return mask;
  const pos: number[] = [];
  const grads: Float64Array[] = [];
  const gradivars: Float64Array[] = [];
  rows.forEach((row, e) => {
    const g = gradientOf(wave, row);
    if (g === undefined) return;
    pos.push(e);
    grads.push(g.grad);
    gradivars.push(g.gradivar);
  });
  const nspec = pos.length;
  if (nspec < MIN_FOR_COSMICS) return mask;
  const ngrad = nwave - 1;
  const chi2 = new Float64Array(ngrad);
  const delta = grads.map(() => new Float64Array(ngrad));
  const noWeight = new Array<boolean>(ngrad).fill(false);
  for (let i = 0; i < ngrad; i++) {
    let sw = 0;
    let swx = 0;
    for (let s = 0; s < nspec; s++) {
      sw += gradivars[s]![i]!;
      swx += gradivars[s]![i]! * grads[s]![i]!;
    }
    noWeight[i] = sw === 0;
    const mean = swx / (sw === 0 ? 1 : sw);
    let c = 0;
    for (let s = 0; s < nspec; s++) {
      const d = grads[s]![i]! - mean;
      delta[s]![i] = d;
      c += gradivars[s]![i]! * d * d;
    }
    chi2[i] = c;
  }
  if (noWeight.every(Boolean)) return mask;
  // A target whose exposures disagree far beyond their noise (a variable object) gets a threshold
  // from the spread of its own χ² instead of the χ² distribution's tail.
  const medChi2 = median(chi2);
  let fixed: number | undefined;
  let threshold: number;
  if (medChi2 > 2 * chi2Isf(0.5, nspec - 1)) {
    threshold = medChi2 + (percentile(chi2, 84) - medChi2) * nsig;
    fixed = threshold;
  } else threshold = chi2Threshold(nspec, nsig);
  for (let i = 0; i < ngrad; i++) {
    if (!(chi2[i]! > threshold) || noWeight[i]) continue;
    const bad = iterativeMasker(
      delta.map((d) => d[i]!),
      gradivars.map((g) => g[i]!),
      nsig,
      fixed,
    );
    bad.forEach((b, s) => {
      if (!b) return;
      mask[pos[s]!]![i] = true;
      mask[pos[s]!]![i + 1] = true;
    });
  }
  return mask;
}
