import { checkWavelengths } from "./checkWavelengths.js";
import { applyIgm } from "./lyaForest.js";
import { buildSourceModel } from "./buildSourceModel.js";
import type { TemplateRow } from "./TemplateRow.js";

/**
 * The intergalactic transmission (Lyα and Lyβ forest, Lyman-limit absorption) that
 * {@link observedSpectrum} applies to a row, at the increasing observed wavelengths
 * `obsWave`: 1 where nothing absorbs, and everywhere for stars and sky.
 */
export function igmTransmission(row: TemplateRow, obsWave: Float64Array): Float64Array {
  checkWavelengths(obsWave, "igmTransmission");
  const out = new Float64Array(obsWave.length).fill(1);
  const model = buildSourceModel(row);
  if (model !== null && model.igm !== null) applyIgm(model.igm, obsWave, out);
  return out;
}
