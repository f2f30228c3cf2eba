import type { TileTable } from "../datamodel/TileTable.js";
import { checkNestedNside } from "../healpix/index.js";
import type { Handle, KernelContext, RelationPairs, int } from "../kernel.js";
import { tileFieldPixels } from "./tileFieldPixels.js";

/**
 * The relation tile → healpix pixel: the pair [TILEID, pixel] for every tile and every nested
 * pixel at `nside` its 1.6° field touches (the rule of `footprintPixels`), ordered by TILEID then
 * pixel.
 */
export async function tilePixels(
  inputs: { readonly tiles: Handle<TileTable> },
  params: {
    /**
     * HEALPix nside of the pixels (nested numbering); DESI groups targets at 64.
     * @default 64
     */
    readonly nside: int;
  },
  _ctx: KernelContext,
): Promise<RelationPairs> {
  const nside = checkNestedNside(params.nside, "targets.tilePixels");
  const byTile = tileFieldPixels(await inputs.tiles.read(), nside, "targets.tilePixels").sort((a, b) => a[0] - b[0]);
  const pairs: [number, number][] = [];
  for (const [tileid, pixels] of byTile) for (const p of pixels) pairs.push([tileid, p]);
  return { pairs };
}
