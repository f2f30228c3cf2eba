import { addEmissionLines } from "./addEmissionLines.js";
import { checkWavelengths } from "./checkWavelengths.js";
import { buildSourceModel } from "./buildSourceModel.js";
import { spectrumScale } from "./spectrumScale.js";
import type { TemplateRow } from "./TemplateRow.js";

/**
 * The intrinsic spectrum of a truth row in its rest frame, at the increasing vacuum rest
 * wavelengths `restWave` (Å): f_λ,rest(λ) = (1 + z) f_λ,obs(λ (1 + z)) with the same
 * normalisation as {@link observedSpectrum} but without intergalactic absorption (no Lyα
 * forest, no Lyman-limit absorption), in 1e-17 erg/(s cm² Å) — so ∫ f dλ of a line is the
 * same in both frames. What redshift-fitting templates are built from. All zeros for SKY.
 */
export function restFrameSpectrum(row: TemplateRow, restWave: Float64Array): Float64Array {
  checkWavelengths(restWave, "restFrameSpectrum");
  const out = new Float64Array(restWave.length);
  const model = buildSourceModel(row);
  if (model === null) return out;
  const scale = spectrumScale(row, model);
  model.restShapeInto(restWave, out);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
  if (model.lines.length > 0) {
    const opz = 1 + model.z;
    const obs = new Float64Array(restWave.length);
    for (let i = 0; i < obs.length; i++) obs[i] = (restWave[i] as number) * opz;
    addEmissionLines(model.lines, obs, out, opz);
  }
  return out;
}
