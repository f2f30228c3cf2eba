import type { EmissionLine } from "./EmissionLine.js";

/**
 * One target's spectrum before normalisation: a rest-frame shape of arbitrary scale (stellar
 * or quasar continuum with every feature tied to it), emission lines with absolute observed
 * fluxes, and whether the intergalactic medium absorbs it. The renderer scales the shape so
 * that shape + lines has the row's magnitude.
 */
export interface SourceModel {
  /** Redshift mapping rest to observed wavelengths: λ_obs = λ_rest (1 + z). */
  readonly z: number;
  /** Writes the rest-frame shape (f_λ, arbitrary units) at the increasing `restWave` into `out`. */
  restShapeInto(restWave: Float64Array, out: Float64Array): void;
  /** Lines with absolute fluxes, observed frame; not scaled by the normalisation. */
  readonly lines: readonly EmissionLine[];
  /** Seed words of the Lyman-alpha forest and Lyman-limit absorption, or null for none. */
  readonly igm: IgmSpec | null;
}

/** What the intergalactic absorption of one extragalactic source depends on. */
export interface IgmSpec {
  /** Source redshift. */
  readonly z: number;
  /** Four 32-bit words of the row's forest stream. */
  readonly forestWords: Uint32Array;
  /** Optical depth at the source's Lyman limit (911.75 Å rest). */
  readonly tauLymanLimit: number;
}
