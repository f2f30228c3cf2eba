import type { ExampleExposures } from "./ExampleExposures.js";
import { simulationMeta } from "./simulationMeta.js";
import type { TargetTruth } from "./TargetTruth.js";
import { tileTargets } from "./tileTargets.js";

/**
 * The targets row `row` of an exposures table observed: its tile's targets (see `tileTargets`),
 * or none for a flat. What `simulate` puts in a frame's fibermap and what `observedPixels` and
 * `pixelExposures` group by pixel.
 */
export function exposureTargets(exposures: ExampleExposures, row: number): TargetTruth[] {
  if (exposures.FLAVOR[row] !== "science") return [];
  const { simseed, nfiber, radius } = simulationMeta(exposures.meta);
  return tileTargets(simseed, exposures.TILEID[row] ?? -1, exposures.RA[row] ?? 0, exposures.DEC[row] ?? 0, nfiber, radius);
}
