import { igmTransmissionAt } from "./igm.js";
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

/**
 * The exact fit of `model` to `target` at redshift `z`, as redrock's per-redshift solve: the
 * template rebinned onto each band's pixels (times the IGM transmission for quasars), convolved
 * with the target's own resolution matrix, Tb = R T; then M = Tbᵀ W Tb, y = Tbᵀ W f, M c = y and
 * χ² = Σ w (f − Tb c)² (+ the [OII] penalty for galaxies). Singular M gives {@link BAD_CHI2}.
 */
export function exactChi2(target: PreparedTarget, model: TemplateModel, z: number): ZFit {
  const nb = model.nbasis;
  const m = new Float64Array(nb * nb);
  const y = new Float64Array(nb);
  const tb = new Float64Array(nb);
  // The upper triangle of M, row after row.
  const mu = new Float64Array((nb * (nb + 1)) / 2);
  for (const band of target.bands) {
    const n = band.wave.length;
    const t = buffer(0, n * nb);
    rebinAt(model.table, z, band.edges, t);
    if (model.template.igm) {
      for (let p = 0; p < n; p++) {
        const tr = igmTransmissionAt(band.wave[p]!, z);
        if (tr !== 1) for (let b = 0; b < nb; b++) t[p * nb + b]! *= tr;
      }
    }
    const half = (band.ndiag - 1) >> 1;
    const r = band.r;
    const bw = band.w;
    const bf = band.flux;
    for (let p = 0; p < n; p++) {
      const w = bw[p]!;
      if (w === 0) continue;
      const k0 = Math.max(-half, -p);
      const k1 = Math.min(half, n - 1 - p);
      // The first diagonal sets tb, the others add to it.
      let rv = r[(half - k0) * n + p + k0]!;
      let o = (p + k0) * nb;
      for (let b = 0; b < nb; b++) tb[b] = rv * t[o + b]!;
      for (let k = k0 + 1; k <= k1; k++) {
        const j = p + k;
        rv = r[(half - k) * n + j]!;
        if (rv === 0) continue;
        o = j * nb;
        for (let b = 0; b < nb; b++) tb[b]! += rv * t[o + b]!;
      }
      const wf = w * bf[p]!;
      let q = 0;
      for (let a = 0; a < nb; a++) {
        const ta = tb[a]!;
        const wa = w * ta;
        y[a]! += wf * ta;
        for (let b = a; b < nb; b++) mu[q++]! += wa * tb[b]!;
      }
    }
  }
  let q = 0;
  for (let a = 0; a < nb; a++) for (let b = a; b < nb; b++) m[a * nb + b] = mu[q++]!;
  for (let a = 0; a < nb; a++) for (let b = 0; b < a; b++) m[a * nb + b] = m[b * nb + a]!;
  return finishFit(target.wf2, m, y, nb, model);
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
