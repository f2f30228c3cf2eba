import { rebinTable, type RebinTable } from "./rebin.js";
import type { Template } from "./Template.js";

/** The [OII] window (Å, rest) over which redrock checks a galaxy model's [OII] flux. */
export const OII_WINDOW: readonly [number, number] = [3724, 3733];

/** A template prepared once for fitting: its rebinning table and its [OII] penalty samples. */
export interface TemplateModel {
  readonly template: Template;
  readonly nbasis: number;
  readonly table: RebinTable;
  /** Sum of each basis vector over the template samples inside {@link OII_WINDOW} (GALAXY only, else null). */
  readonly oiiSums: Float64Array | null;
  /** Velocity (km/s) within which two minima are the same solution: 1000, or 100 for stars. */
  readonly dvLimit: number;
}

/** Prepares `t` for fitting. */
export function templateModel(t: Template): TemplateModel {
  const nbasis = t.basis.length;
  let oiiSums: Float64Array | null = null;
  if (t.spectype === "GALAXY") {
    oiiSums = new Float64Array(nbasis);
    for (let k = 0; k < t.wave.length; k++) {
      if (t.wave[k]! < OII_WINDOW[0] || t.wave[k]! > OII_WINDOW[1]) continue;
      for (let b = 0; b < nbasis; b++) oiiSums[b]! += t.basis[b]![k]!;
    }
  }
  return { template: t, nbasis, table: rebinTable(t.wave, t.basis), oiiSums, dvLimit: t.spectype === "STAR" ? 100 : 1000 };
}

/**
 * redrock's ad hoc penalty for a galaxy model whose [OII] window sums to a negative flux: the
 * negative of that sum, 0 otherwise (docs/sources.md#redrock).
 */
export function oiiPenalty(model: TemplateModel, coeff: Float64Array): number {
  if (model.oiiSums === null) return 0;
  let s = 0;
  for (let b = 0; b < model.nbasis; b++) s += coeff[b]! * model.oiiSums[b]!;
  return s < 0 ? -s : 0;
}
