import { blackbody } from "./blackbody.js";
import { REST } from "./restWavelengths.js";
import { sampleTable, type Table } from "./Table.js";

/**
 * The quasar's smooth emission components that are the same for every object up to an
 * amplitude, each sampled once on 1000–8000 Å at 0.5 Å:
 *
 * - **UV FeII** (2200–3500 Å): a smooth stand-in for the Vestergaard & Wilkes (2001, ApJS 134,
 *   1) template — Gaussians (σ 35–70 Å, a few thousand km/s) at its main multiplet groups,
 *   2250–2650 Å (UV 1, 2, 3, 35, 36, 64), the shoulders of MgII (2740, 2880 Å), 2960–3030 Å
 *   (UV 60, 78) and a weak tail to 3500 Å — with unit integral.
 * - **Optical FeII** (4400–5500 Å): Gaussians at the two blends around Hβ of Boroson & Green
 *   (1992, ApJS 80, 109), 4434–4684 Å and 5150–5400 Å, plus the 4924/5018 Å multiplet-42
 *   lines, with unit integral; 45 % of it falls in 4434–4684 Å, the band R_FeII is defined in.
 * - **Balmer continuum** (Grandi 1982, ApJ 255, 25): B_λ(15 000 K) (1 − e^{−τ (λ/3646)³}) with
 *   τ = 1 at the edge, zero redward of 3646 Å with the edge smoothed over ≈ 15 Å by the
 *   blended high-order Balmer lines; unit value just blueward of the edge.
 */
export interface QsoPseudoContinua {
  readonly feiiUv: Table;
  readonly feiiOptical: Table;
  readonly balmerContinuum: Table;
}

/** Fraction of the optical FeII template inside 4434–4684 Å (where R_FeII is measured). */
export const FEII_OPTICAL_RFE_FRACTION = 0.45;

const UV: readonly (readonly [number, number, number])[] = [
  [2255, 35, 0.3],
  [2330, 35, 0.5],
  [2400, 40, 1.0],
  [2480, 40, 0.8],
  [2600, 45, 1.0],
  [2740, 40, 0.6],
  [2880, 40, 0.4],
  [2960, 40, 0.7],
  [3030, 40, 0.4],
  [3200, 60, 0.3],
  [3450, 70, 0.15],
];

const OPTICAL: readonly (readonly [number, number, number])[] = [
  [4470, 40, 0.5],
  [4555, 35, 1.0],
  [4635, 35, 0.7],
  [4925, 15, 0.25],
  [5018, 15, 0.3],
  [5190, 35, 0.7],
  [5265, 30, 0.6],
  [5320, 30, 0.8],
  [5420, 40, 0.3],
];

function gaussianSum(list: readonly (readonly [number, number, number])[]): (w: number) => number {
  let total = 0;
  for (const [, s, a] of list) total += a * s * Math.sqrt(2 * Math.PI);
  return (w) => {
    let f = 0;
    for (const [c, s, a] of list) {
      const x = (w - c) / s;
      if (x * x < 100) f += a * Math.exp(-0.5 * x * x);
    }
    return f / total;
  };
}

function balmerContinuum(w: number): number {
  const edge = REST.BALMER_LIMIT;
  const shape = (x: number): number => blackbody(x, 15000) * (1 - Math.exp(-((x / edge) ** 3)));
  const taper = 0.5 * (1 - Math.tanh((w - edge) / 8));
  return (shape(Math.min(w, edge)) / shape(edge)) * taper;
}

let cache: QsoPseudoContinua | undefined;

/** The tables, built on first use. */
export function qsoPseudoContinua(): QsoPseudoContinua {
  if (cache !== undefined) return cache;
  cache = {
    feiiUv: sampleTable(1000, 8000, 0.5, gaussianSum(UV)),
    feiiOptical: sampleTable(1000, 8000, 0.5, gaussianSum(OPTICAL)),
    balmerContinuum: sampleTable(1000, 8000, 0.5, balmerContinuum),
  };
  return cache;
}
