import type { ExposureList } from "../datamodel/ExposureList.js";
import type { TileTable } from "../datamodel/TileTable.js";
import { checkNestedNside } from "../healpix/index.js";
import type { Handle, KernelContext, RelationPairs, int } from "../kernel.js";
import { tileFieldPixels } from "./tileFieldPixels.js";

/**
 * The relation exposure → healpix pixel: the pair [EXPID, pixel] for every science exposure and
 * every nested pixel at `nside` that the field of its tile touches (the rule of
 * `footprintPixels`), ordered by EXPID then pixel. Flats (TILEID -1) have no pixels. Throws an
 * Error when a science exposure points at a tile the tile table does not list.
 */
export async function exposurePixels(
  inputs: { readonly tiles: Handle<TileTable>; readonly exposures: Handle<ExposureList> },
  params: {
    /**
     * HEALPix nside of the pixels (nested numbering); DESI groups targets at 64.
     * @default 64
     */
    readonly nside: int;
  },
  _ctx: KernelContext,
): Promise<RelationPairs> {
  const nside = checkNestedNside(params.nside, "targets.exposurePixels");
  const [tiles, exposures] = await Promise.all([inputs.tiles.read(), inputs.exposures.read()]);
  const byTile = new Map(tileFieldPixels(tiles, nside, "targets.exposurePixels"));
  const rows: [number, Float64Array][] = [];
  for (let i = 0; i < exposures.EXPID.length; i++) {
    const tileid = exposures.TILEID[i] ?? -1;
    const flavor = (exposures.FLAVOR[i] ?? "").trim().toLowerCase();
    if (tileid < 0 || flavor === "flat") continue;
    const pixels = byTile.get(tileid);
    if (pixels === undefined) {
      throw new Error(`targets.exposurePixels: exposure ${exposures.EXPID[i] ?? "?"} observes tile ${tileid}, which the tile table does not list`);
    }
    rows.push([exposures.EXPID[i] ?? 0, pixels]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const pairs: [number, number][] = [];
  for (const [expid, pixels] of rows) for (const p of pixels) pairs.push([expid, p]);
  return { pairs };
}
