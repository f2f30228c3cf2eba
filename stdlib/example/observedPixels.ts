import { checkNestedNside } from "../healpix/index.js";
import type { GridKeys, Handle, KernelContext, int } from "../kernel.js";
import type { ExampleExposures } from "./ExampleExposures.js";
import { pixelsByExposure } from "./pixelsByExposure.js";

/**
 * The healpix grid of the example pipeline: every nested pixel at `nside` that holds at least
 * one target of a science exposure, in increasing order. Targets are recomputed from the
 * exposures table exactly as `simulate` places them, so the grid is known as soon as the
 * schedule is.
 */
export async function observedPixels(
  inputs: { readonly exposures: Handle<ExampleExposures> },
  params: {
    /**
     * HEALPix nside of the pixels (nested numbering); DESI groups at 64.
     * @default 64
     */
    readonly nside: int;
  },
  _ctx: KernelContext,
): Promise<GridKeys> {
  checkNestedNside(params.nside, "example.observedPixels");
  const all = new Set<number>();
  for (const pixels of pixelsByExposure(await inputs.exposures.read(), params.nside).values()) for (const p of pixels) all.add(p);
  return { keys: [...all].sort((a, b) => a - b) };
}
