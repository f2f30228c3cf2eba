import { simWaveGrid } from "../instrument/index.js";
import { abMagnitude, observedSpectrum, makeTemplateRow, type TemplateRow } from "../templates/index.js";

/**
 * The grid of F-star models the standard-star fit draws from: the stdlib's stellar templates
 * (`starModel` of stdlib/templates, built from parameters only) at the nodes Teff 5600–7800 K in
 * 200 K steps, log g 3.5–5.0 in 0.5 dex steps and [Fe/H] −2.5 to +0.5 in 0.5 dex steps (12 × 4 × 7
 * = 336 models). DESI fits a library of ≈ 1500 Kurucz models on a (Teff, log g, [Fe/H]) grid in the
 * same way (docs/sources.md#stdstars); this grid is regular, so it never sits on the continuous
 * parameters a simulation draws its stars from, and the fit interpolates in Teff between nodes.
 */
export const STAR_TEFF: readonly number[] = Array.from({ length: 12 }, (_, i) => 5600 + 200 * i);
export const STAR_LOGG: readonly number[] = [3.5, 4.0, 4.5, 5.0];
export const STAR_FEH: readonly number[] = [-2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5];

/** Number of models in the grid. */
export const NSTAR_MODELS = STAR_TEFF.length * STAR_LOGG.length * STAR_FEH.length;

/** A grid node: indices into {@link STAR_TEFF}, {@link STAR_LOGG}, {@link STAR_FEH}. */
export interface StarNode {
  readonly t: number;
  readonly g: number;
  readonly m: number;
}

/** The flat index of a node. */
export function nodeIndex(n: StarNode): number {
  return (n.t * STAR_LOGG.length + n.g) * STAR_FEH.length + n.m;
}

/**
 * The canonical F model desispec fits radial velocities with: Teff 6000 K, log g 4, [Fe/H] −1.5
 * (docs/sources.md#stdstars).
 */
export const CANONICAL_NODE: StarNode = { t: 2, g: 1, m: 2 };

/** The magnitude every grid model is normalised to (decam2014-r), before scaling to a star's photometry. */
export const GRID_MAG = 20;

const cache = new Map<number, Float64Array>();
let gridWave: Float64Array | undefined;

/** The wavelengths of every grid model: the simulation grid, 3600–9824 Å at 0.8 Å. */
export function starGridWave(): Float64Array {
  gridWave ??= simWaveGrid();
  return gridWave;
}

/**
 * The rest-frame model at node `n` on {@link starGridWave}, 1e-17 erg/(s cm² Å), with AB
 * magnitude {@link GRID_MAG} in decam2014-r; built once per process.
 */
export function starGridModel(n: StarNode): Float64Array {
  const k = nodeIndex(n);
  let spectrum = cache.get(k);
  if (spectrum === undefined) {
    spectrum = observedSpectrum(starRow(STAR_TEFF[n.t]!, STAR_LOGG[n.g]!, STAR_FEH[n.m]!), starGridWave());
    cache.set(k, spectrum);
  }
  return spectrum;
}

const colours = new Map<number, number>();

/** The rest-frame g − r (decam2014, AB) of the model at node `n`. */
export function starGridColour(n: StarNode): number {
  const k = nodeIndex(n);
  let c = colours.get(k);
  if (c === undefined) {
    c = abMagnitude(starGridWave(), starGridModel(n), "decam2014-g") - GRID_MAG;
    colours.set(k, c);
  }
  return c;
}

/** A template-library row for a star of the given parameters at rest, normalised to {@link GRID_MAG}. */
export function starRow(teff: number, logg: number, feh: number): TemplateRow {
  return makeTemplateRow({ TRUESPECTYPE: "STAR", TEMPLATETYPE: "STAR", MAG: GRID_MAG, MAGFILTER: "decam2014-r", TEFF: teff, LOGG: logg, FEH: feh });
}
