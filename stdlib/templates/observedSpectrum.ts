import { addEmissionLines } from "./addEmissionLines.js";
import { checkWavelengths } from "./checkWavelengths.js";
import { applyIgm } from "./lyaForest.js";
import { buildSourceModel } from "./buildSourceModel.js";
import { spectrumScale } from "./spectrumScale.js";
import type { TemplateRow } from "./TemplateRow.js";

/**
 * The spectrum of a truth row as it arrives at the top of the atmosphere: flux density in
 * 1e-17 erg/(s cm² Å) at the increasing vacuum wavelengths `obsWave` (Å), with AB magnitude
 * MAG through MAGFILTER over the filter's whole curve. Continuum and continuum-tied features
 * are sampled at each wavelength; galaxy emission lines are averaged over each pixel (edges
 * halfway between wavelengths) and keep their truth fluxes; the Lyα forest and Lyman-limit
 * absorption of extragalactic sources multiply everything. All zeros for SKY. Deterministic:
 * the same row gives the same array bit for bit.
 */
export function observedSpectrum(row: TemplateRow, obsWave: Float64Array): Float64Array {
  checkWavelengths(obsWave, "observedSpectrum");
  const out = new Float64Array(obsWave.length);
  const model = buildSourceModel(row);
  if (model === null) return out;
  const scale = spectrumScale(row, model) / (1 + model.z);
  const rest = new Float64Array(obsWave.length);
  for (let i = 0; i < rest.length; i++) rest[i] = (obsWave[i] as number) / (1 + model.z);
  model.restShapeInto(rest, out);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
  addEmissionLines(model.lines, obsWave, out);
  if (model.igm !== null) applyIgm(model.igm, obsWave, out);
  return out;
}
