import { blackbody } from "./blackbody.js";
import { SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";
import { REST } from "./restWavelengths.js";
import { lookup, sampleTable, type Table } from "./Table.js";

/**
 * The galaxy continuum: a two-population model whose mix is solved so the narrow 4000 Å break
 * is exactly the truth D4000.
 *
 * - **Old population** (light of a ≳ 5 Gyr population is dominated by K giants): a 4600 K
 *   blackbody with the metal absorption of such a population — CaII K and H, CaI 4227, the
 *   CH G band, Mg b, Fe 5270/5335, Na D, the CaII triplet, weak Hβ and Hα — and a break at
 *   4000 Å: blueward of 3950 Å the flux is multiplied by `b`, the line blanketing that makes
 *   the real break, joined smoothly to 1 at 4000 Å. By default `b` makes the old population's
 *   D4000 = 2.1, typical of ellipticals (Kauffmann et al. 2003).
 * - **Young population** (OB and A stars of ongoing star formation): a power law
 *   f_λ ∝ λ^−1.8 (the UV slope β ≈ −2 of star-forming galaxies, Meurer et al. 1999), a Balmer
 *   jump (×0.8 below 3646 Å) and Balmer absorption Hα–H10 (Lorentzian, depth 0.3 and half
 *   width 4 Å: EW ≈ 4 Å), nothing below the Lyman limit. Its own D4000 is ≈ 1.03.
 *
 * Absorption features carry a fixed velocity dispersion of 200 km/s (a per-object VDISP would
 * need a convolution per spectrum); emission lines, added elsewhere, use the truth VDISP.
 * Both populations are sampled once, on 900–14000 Å at 0.25 Å, and split at the break into a
 * blue and a red part so the mix and the break amplitude are linear coefficients.
 */
export interface GalaxyPopulations {
  /** Young population blueward of the break (× (1 − s)), normalised to unit red-window f_ν. */
  readonly youngBlue: Table;
  /** Young population redward of the break (× s). */
  readonly youngRed: Table;
  /** Old population blueward of the break, before the blanketing factor b. */
  readonly oldBlue: Table;
  /** Old population redward of the break. */
  readonly oldRed: Table;
  /** Blue-window (3850–3950 Å) mean f_ν of each table, red-window mean being 1 for young and old. */
  readonly blueMean: { readonly youngBlue: number; readonly youngRed: number; readonly oldBlue: number; readonly oldRed: number };
}

/** Coefficients of the four tables for one galaxy: f_λ = Σ coefficient · table. */
export interface GalaxyMix {
  readonly youngBlue: number;
  readonly youngRed: number;
  readonly oldBlue: number;
  readonly oldRed: number;
}

const START = 900;
const END = 14000;
const STEP = 0.25;
const OLD_TEFF = 4600;
const YOUNG_SLOPE = -1.8;
const SIGMA_V = 200;
/** D4000 of the old population with the default blanketing. */
const OLD_D4000 = 2.1;

/** Narrow D4000 windows of Balogh et al. (1999), rest Å. */
export const D4000_BLUE: readonly [number, number] = [3850, 3950];
export const D4000_RED: readonly [number, number] = [4000, 4100];

/** [centre Å, depth, intrinsic sigma Å] of the old population's absorption features. */
const OLD_LINES: readonly (readonly [number, number, number])[] = [
  [REST.CAII_K, 0.45, 4],
  [REST.CAII_H, 0.4, 4],
  [REST.CAI_4227, 0.12, 2.5],
  [REST.GBAND, 0.2, 7],
  [REST.HBETA, 0.05, 3],
  [REST.MGB_1, 0.12, 2],
  [REST.MGB_2, 0.14, 2],
  [REST.MGB_3, 0.15, 2],
  [REST.FE_5270, 0.07, 2.5],
  [REST.FE_5335, 0.06, 2.5],
  [(REST.NAD_1 + REST.NAD_2) / 2, 0.12, 3.5],
  [REST.HALPHA, 0.04, 3],
  [REST.CAT_1, 0.12, 3],
  [REST.CAT_2, 0.18, 3],
  [REST.CAT_3, 0.16, 3],
];

/** [centre Å, depth] of the young population's Balmer absorption; half width 4 Å. */
const BALMER_ABSORPTION: readonly (readonly [number, number])[] = [
  [REST.HALPHA, 0.15],
  [REST.HBETA, 0.3],
  [REST.HGAMMA, 0.3],
  [REST.HDELTA, 0.3],
  [REST.HEPSILON, 0.3],
  [REST.H8, 0.3],
  [REST.H9, 0.3],
  [REST.H10, 0.3],
];
const BALMER_GAMMA = 4;

/** Weight of the red side in the break: 0 below 3950 Å, 1 above 4000 Å, a cosine in between. */
function breakStep(wave: number): number {
  if (wave <= 3950) return 0;
  if (wave >= 4000) return 1;
  return 0.5 - 0.5 * Math.cos((Math.PI * (wave - 3950)) / 50);
}

/** A cosine ramp from 0 at `a` to 1 at `b`. */
function ramp(wave: number, a: number, b: number): number {
  if (wave <= a) return 0;
  if (wave >= b) return 1;
  return 0.5 - 0.5 * Math.cos((Math.PI * (wave - a)) / (b - a));
}

function oldPopulation(wave: number): number {
  let f = blackbody(wave, OLD_TEFF);
  for (const [c, depth, sig0] of OLD_LINES) {
    const sv = (c * SIGMA_V) / SPEED_OF_LIGHT_KM_PER_S;
    const s2 = sig0 * sig0 + sv * sv;
    const d = wave - c;
    if (d * d < 64 * s2) f *= 1 - depth * Math.exp((-0.5 * d * d) / s2);
  }
  return f;
}

function youngPopulation(wave: number): number {
  if (wave < REST.LYMAN_LIMIT) return 0;
  let f = (wave / 4000) ** YOUNG_SLOPE;
  f *= 0.8 + 0.2 * ramp(wave, REST.BALMER_LIMIT, 3700);
  for (const [c, depth] of BALMER_ABSORPTION) {
    const x = (wave - c) / BALMER_GAMMA;
    f *= 1 - depth / (1 + x * x);
  }
  return f;
}

function windowMean(f: (wave: number) => number, [a, b]: readonly [number, number]): number {
  let sum = 0;
  let n = 0;
  for (let w = a; w <= b + 1e-9; w += STEP) {
    sum += f(w) * w * w;
    n++;
  }
  return sum / n;
}

let populations: GalaxyPopulations | undefined;

/** The populations, built on first use (≈ 50 k samples each) and then shared. */
export function galaxyPopulations(): GalaxyPopulations {
  if (populations !== undefined) return populations;
  const yNorm = 1 / windowMean(youngPopulation, D4000_RED);
  const oNorm = 1 / windowMean(oldPopulation, D4000_RED);
  const yb = (w: number): number => yNorm * youngPopulation(w) * (1 - breakStep(w));
  const yr = (w: number): number => yNorm * youngPopulation(w) * breakStep(w);
  const ob = (w: number): number => oNorm * oldPopulation(w) * (1 - breakStep(w));
  const or = (w: number): number => oNorm * oldPopulation(w) * breakStep(w);
  populations = {
    youngBlue: sampleTable(START, END, STEP, yb),
    youngRed: sampleTable(START, END, STEP, yr),
    oldBlue: sampleTable(START, END, STEP, ob),
    oldRed: sampleTable(START, END, STEP, or),
    blueMean: {
      youngBlue: windowMean(yb, D4000_BLUE),
      youngRed: windowMean(yr, D4000_BLUE),
      oldBlue: windowMean(ob, D4000_BLUE),
      oldRed: windowMean(or, D4000_BLUE),
    },
  };
  return populations;
}

/**
 * The mix with narrow break `d4000`: with both populations' red-window f_ν at 1, the break is
 * 1 / (blue-window mean), linear in the coefficients. A young fraction w ∈ [0, 1] (of the
 * light at 4000–4100 Å) is solved with the old population at its default blanketing; a break
 * stronger than the old population's alone keeps w = 0 and deepens the blanketing; one weaker
 * than the young population's keeps w = 1 and lifts its blue side. So every positive D4000 is
 * met exactly.
 */
export function galaxyMix(d4000: number): GalaxyMix {
  const p = galaxyPopulations();
  const m = p.blueMean;
  const target = 1 / d4000;
  const b0 = (1 / OLD_D4000 - m.oldRed) / m.oldBlue;
  const young = m.youngBlue + m.youngRed;
  const old = b0 * m.oldBlue + m.oldRed;
  const w = (target - old) / (young - old);
  if (w < 0) return { youngBlue: 0, youngRed: 0, oldBlue: Math.max(0, (target - m.oldRed) / m.oldBlue), oldRed: 1 };
  if (w > 1) return { youngBlue: Math.max(0, (target - m.youngRed) / m.youngBlue), youngRed: 1, oldBlue: 0, oldRed: 0 };
  return { youngBlue: w, youngRed: w, oldBlue: (1 - w) * b0, oldRed: 1 - w };
}

/** The mixed rest-frame f_λ at `wave` Å (red-window f_ν normalised to 1). */
export function galaxyContinuum(mix: GalaxyMix, wave: number): number {
  const p = galaxyPopulations();
  return (
    mix.youngBlue * lookup(p.youngBlue, wave) +
    mix.youngRed * lookup(p.youngRed, wave) +
    mix.oldBlue * lookup(p.oldBlue, wave) +
    mix.oldRed * lookup(p.oldRed, wave)
  );
}

/** Writes {@link galaxyContinuum} at each of `restWave` into `out`, scaled by `scale`, added when `add`. */
export function galaxyContinuumInto(mix: GalaxyMix, restWave: Float64Array, out: Float64Array, scale: number, add: boolean): void {
  const p = galaxyPopulations();
  const yb = p.youngBlue.values;
  const yr = p.youngRed.values;
  const ob = p.oldBlue.values;
  const or = p.oldRed.values;
  const last = yb.length - 1;
  const a = scale * mix.youngBlue;
  const b = scale * mix.youngRed;
  const c = scale * mix.oldBlue;
  const d = scale * mix.oldRed;
  for (let i = 0; i < restWave.length; i++) {
    const x = ((restWave[i] as number) - START) / STEP;
    let v = 0;
    if (x >= 0 && x < last) {
      const k = Math.floor(x);
      const t = x - k;
      const u = 1 - t;
      v =
        a * ((yb[k] as number) * u + (yb[k + 1] as number) * t) +
        b * ((yr[k] as number) * u + (yr[k + 1] as number) * t) +
        c * ((ob[k] as number) * u + (ob[k + 1] as number) * t) +
        d * ((or[k] as number) * u + (or[k + 1] as number) * t);
    } else if (x >= last) {
      // Beyond the table the populations are in their Rayleigh–Jeans tails: f_λ ∝ λ^-4.
      const r = (END / (restWave[i] as number)) ** 4;
      v = r * (a * (yb[last] as number) + b * (yr[last] as number) + c * (ob[last] as number) + d * (or[last] as number));
    }
    out[i] = add ? (out[i] as number) + v : v;
  }
}
