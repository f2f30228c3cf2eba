import { galaxyContinuumInto, galaxyMix } from "./galaxyPopulations.js";
import { galaxyLines } from "./galaxyLines.js";
import { igmSpec } from "./igmSpec.js";
import type { SourceModel } from "./SourceModel.js";
import type { TemplateRow } from "./TemplateRow.js";

/** Defaults for parameters a row leaves at 0: [D4000, VDISP km/s] per template class. */
const DEFAULTS: Readonly<Record<string, readonly [number, number]>> = {
  ELG: [1.1, 80],
  LRG: [1.9, 250],
  BGS: [1.5, 150],
};

/**
 * A galaxy (ELG, LRG, BGS): the two-population continuum with the truth D4000 (see
 * `galaxyPopulations.ts`) as the shape, and the emission lines at their truth fluxes (see
 * `galaxyLines.ts`). D4000 and VDISP default per class when not positive (ELG 1.1/80 km/s,
 * LRG 1.9/250, BGS and others 1.5/150).
 */
export function galaxyModel(row: TemplateRow): SourceModel {
  const [d0, v0] = DEFAULTS[row.TEMPLATETYPE.trim().toUpperCase()] ?? [1.5, 150];
  const z = Math.max(0, row.TRUEZ);
  const d4000 = row.D4000 > 0 ? row.D4000 : d0;
  const vdisp = row.VDISP > 0 ? row.VDISP : v0;
  const mix = galaxyMix(d4000);
  return {
    z,
    restShapeInto: (restWave, out) => galaxyContinuumInto(mix, restWave, out, 1, false),
    lines: galaxyLines(row, z, vdisp),
    igm: igmSpec(row, z),
  };
}
