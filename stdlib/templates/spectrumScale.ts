import { addEmissionLines } from "./addEmissionLines.js";
import { filterCurve } from "./filterCurve.js";
import { filterQuadrature } from "./filterQuadrature.js";
import { applyIgm } from "./lyaForest.js";
import { REST } from "./restWavelengths.js";
import type { SourceModel } from "./SourceModel.js";
import type { TemplateRow } from "./TemplateRow.js";

/**
 * The factor s that gives a model its magnitude: the observed spectrum
 * s · shape(λ/(1+z))/(1+z) · T_IGM + lines · T_IGM has AB magnitude MAG through MAGFILTER.
 * The filter integral runs over the whole published curve on the library's own quadrature
 * (`filterQuadrature.ts`; 0.25 Å nodes where a Lyα forest falls in the band), so the scale
 * does not depend on the caller's grid. The emission lines keep their truth fluxes and the
 * continuum supplies the rest; if the lines alone are brighter than MAG, s = 0.
 */
export function spectrumScale(row: TemplateRow, model: SourceModel): number {
  if (!Number.isFinite(row.MAG)) throw new RangeError(`target ${row.TARGETID}: MAG is ${row.MAG}; a spectrum needs a finite magnitude`);
  const curve = filterCurve(row.MAGFILTER);
  const z = model.z;
  const fine = model.igm !== null && REST.LYA * (1 + z) > curve.band[0];
  const rule = filterQuadrature(row.MAGFILTER, fine);
  const n = rule.nodes.length;
  const rest = new Float64Array(n);
  for (let k = 0; k < n; k++) rest[k] = (rule.nodes[k] as number) / (1 + z);
  const shape = new Float64Array(n);
  model.restShapeInto(rest, shape);
  const lines = new Float64Array(n);
  addEmissionLines(model.lines, rule.nodes, lines);
  if (model.igm !== null) {
    applyIgm(model.igm, rule.nodes, shape);
    applyIgm(model.igm, rule.nodes, lines);
  }
  let phiShape = 0;
  let phiLines = 0;
  for (let k = 0; k < n; k++) {
    const w = rule.weights[k] as number;
    phiShape += w * (shape[k] as number);
    phiLines += w * (lines[k] as number);
  }
  phiShape /= 1 + z;
  const target = rule.abIntegral * 10 ** (-0.4 * row.MAG);
  if (!(phiShape > 0)) return 0;
  return Math.max(0, (target - phiLines) / phiShape);
}
