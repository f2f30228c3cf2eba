import { checkNestedNside } from "../healpix/index.js";
import type { Handle, KernelContext, RelationPairs, int } from "../kernel.js";
import type { ExampleExposures } from "./ExampleExposures.js";
import { pixelsByExposure } from "./pixelsByExposure.js";

/**
 * The relation healpix pixel → exposure of the example pipeline: the pair [pixel, EXPID] for
 * every science exposure with at least one target in the nested pixel at `nside`, ordered by
 * pixel then EXPID. Its pixels are exactly `observedPixels`' keys.
 */
export async function pixelExposures(
  inputs: { readonly exposures: Handle<ExampleExposures> },
  params: {
    /**
     * HEALPix nside of the pixels (nested numbering); DESI groups at 64.
     * @default 64
     */
    readonly nside: int;
  },
  _ctx: KernelContext,
): Promise<RelationPairs> {
  checkNestedNside(params.nside, "example.pixelExposures");
  const pairs: [number, number][] = [];
  for (const [expid, pixels] of pixelsByExposure(await inputs.exposures.read(), params.nside)) for (const p of pixels) pairs.push([p, expid]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { pairs };
}
