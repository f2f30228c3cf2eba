import type { TileTable } from "../datamodel/TileTable.js";
import { checkNestedNside } from "../healpix/index.js";
import type { GridKeys, Handle, KernelContext, int } from "../kernel.js";
import { tileFieldPixels } from "./tileFieldPixels.js";

/**
 * The healpix grid of the survey footprint: every nested pixel at `nside` that the 1.6° field of
 * at least one tile touches (an inclusive disc query, as healpy's), in increasing order. These
 * are the pixels `selectMockTargets` fills with targets.
 */
export async function footprintPixels(
  inputs: { readonly tiles: Handle<TileTable> },
  params: {
    /**
     * HEALPix nside of the pixels (nested numbering); DESI groups targets at 64.
     * @default 64
     */
    readonly nside: int;
  },
  _ctx: KernelContext,
): Promise<GridKeys> {
  const nside = checkNestedNside(params.nside, "targets.footprintPixels");
  const all = new Set<number>();
  for (const [, pixels] of tileFieldPixels(await inputs.tiles.read(), nside, "targets.footprintPixels")) for (const p of pixels) all.add(p);
  return { keys: [...all].sort((a, b) => a - b) };
}
