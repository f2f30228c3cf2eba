import type { AbsorptionLine } from "./absorptionLine.js";
import { REST } from "./restWavelengths.js";

/** The physical parameters a star's lines depend on. */
export interface StellarParameters {
  /** Effective temperature, K. */
  readonly teff: number;
  /** log10 surface gravity, cm/s². */
  readonly logg: number;
  /** [Fe/H], dex. */
  readonly feh: number;
  /** Atmosphere: "H" (normal stars, DA white dwarfs) or "He" (DB white dwarfs, no hydrogen). */
  readonly atmosphere: "H" | "He";
  /** Whether metal lines are drawn (not for white dwarfs, whose metals sink). */
  readonly metals: boolean;
}

/**
 * Strength of the hydrogen lines relative to their maximum near 9500 K (A0–A2), where the
 * population of the n = 2 level peaks: a Gaussian in T falling fast to the cool side
 * (hydrogen not excited) and slowly to the hot side (hydrogen ionised).
 */
export function balmerStrength(teff: number): number {
  const x = (teff - 9500) / (teff <= 9500 ? 2800 : 12000);
  return Math.exp(-x * x);
}

/**
 * Strength of neutral-metal lines: 10^[Fe/H] · 10^(2.5 (θ − 0.87)), θ = 5040/T (unit for
 * the Sun, stronger in cooler stars as metals recombine). `ionised` lines (CaII) fade faster
 * toward hot stars, with 4 instead of 2.5.
 */
export function metalStrength(teff: number, feh: number, ionised: boolean): number {
  const theta = 5040 / teff;
  return 10 ** feh * 10 ** ((ionised ? 4 : 2.5) * (theta - 0.87));
}

/** Balmer lines: rest λ, optical depth relative to Hβ (√ of f·λ, Wiese & Fuhr 2009), width relative to Hβ. */
const BALMER: readonly (readonly [number, number, number])[] = [
  [REST.HALPHA, 2.69, 0.85],
  [REST.HBETA, 1, 1],
  [REST.HGAMMA, 0.58, 1.15],
  [REST.HDELTA, 0.4, 1.3],
  [REST.HEPSILON, 0.3, 1.45],
  [REST.H8, 0.23, 1.6],
  [REST.H9, 0.19, 1.75],
  [REST.H10, 0.16, 1.9],
];

/** Central optical depth of Hβ at the Balmer maximum, and its width (Å) at log g = 4. */
const HBETA_TAU = 25;
const HBETA_GAMMA = 0.8;

/** HeI lines of DB white dwarfs (vacuum Å): optical depth at the DB maximum near 20 000 K. */
const HELIUM: readonly (readonly [number, number])[] = [
  [4027.33, 3],
  [4472.73, 6],
  [4923.3, 3],
  [5017.08, 2],
  [5877.25, 6],
  [6679.99, 3],
  [7067.2, 2],
];

/** Metal lines: rest λ, solar central optical depth, HWHM Å, whether the ion is CaII. */
const METALS: readonly (readonly [number, number, number, boolean])[] = [
  [REST.CAII_K, 300, 0.25, true],
  [REST.CAII_H, 150, 0.25, true],
  [REST.CAI_4227, 15, 0.15, false],
  [REST.GBAND, 0.35, 12, false],
  [REST.MGB_1, 20, 0.2, false],
  [REST.MGB_2, 30, 0.2, false],
  [REST.MGB_3, 40, 0.2, false],
  [REST.FE_5270, 5, 0.15, false],
  [REST.FE_5335, 4, 0.15, false],
  [REST.NAD_2, 40, 0.2, false],
  [REST.NAD_1, 20, 0.2, false],
  [REST.CAT_1, 20, 0.3, true],
  [REST.CAT_2, 60, 0.3, true],
  [REST.CAT_3, 40, 0.3, true],
];

/**
 * The absorption lines of a star with parameters `p`:
 *
 * - Balmer series Hα–H10 with central optical depth 25 · strength(T) for Hβ, scaled along the
 *   series, and a Stark width growing with gravity, γ = 0.8 Å · 10^(0.25 (log g − 4)): narrow
 *   in giants, broad in dwarfs, very broad in white dwarfs (log g ≈ 8);
 * - for DB white dwarfs, HeI lines instead, strongest near 20 000 K;
 * - metal lines (CaII K & H, CaI 4227, the CH G band, Mg b, Fe 5270/5335, Na D, the CaII
 *   triplet) with optical depths ∝ {@link metalStrength}, so [Fe/H] deepens them along a
 *   curve of growth.
 */
export function stellarLines(p: StellarParameters): AbsorptionLine[] {
  const lines: AbsorptionLine[] = [];
  const pressure = 10 ** (0.25 * (p.logg - 4));
  if (p.atmosphere === "H") {
    const tau = HBETA_TAU * balmerStrength(p.teff);
    for (const [center, t, g] of BALMER) lines.push({ center, tau: tau * t, gamma: HBETA_GAMMA * g * pressure, depth: 0.85 });
  } else {
    const x = (p.teff - 20000) / 8000;
    const s = Math.exp(-x * x);
    for (const [center, t] of HELIUM) lines.push({ center, tau: s * t, gamma: 1.5 * pressure, depth: 0.7 });
  }
  if (p.metals) {
    const neutral = metalStrength(p.teff, p.feh, false);
    const ionised = metalStrength(p.teff, p.feh, true);
    for (const [center, tau, gamma, ca] of METALS) lines.push({ center, tau: tau * (ca ? ionised : neutral), gamma, depth: 0.9 });
  }
  return lines;
}
