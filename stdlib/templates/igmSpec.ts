import { seededRng, seedWords } from "./Rng.js";
import type { IgmSpec } from "./SourceModel.js";
import type { TemplateRow } from "./TemplateRow.js";

/**
 * The intergalactic absorption of an extragalactic row at redshift `z`: its forest stream and
 * an optical depth at its Lyman limit drawn uniformly in [2, 4] (transmission 2–14 %). Null at
 * z ≤ 0.
 */
export function igmSpec(row: TemplateRow, z: number): IgmSpec | null {
  if (!(z > 0)) return null;
  return {
    z,
    forestWords: seedWords(row.SEED, "forest"),
    tauLymanLimit: seededRng(row.SEED, "lls").between(2, 4),
  };
}
