import type { ExposureList } from "../datamodel/ExposureList.js";
import type { Handle, KernelContext, RelationPairs } from "../kernel.js";
import type { TilePixels } from "./TilePixels.js";

/**
 * The relation pixel → (exposure, petal) of the regrouping: [HEALPIX, EXPID, PETAL] for every
 * science exposure of the pixel map's program and every petal of its tile holding at least one
 * fiber whose target is in the pixel (the pixel map's rows), ordered by pixel, EXPID, petal. The
 * group stage gathers exactly these cframes, so it opens no cframe without a row of its pixel.
 */
export async function observedBy(
  inputs: { readonly tilepix: Handle<TilePixels>; readonly exposures: Handle<ExposureList> },
  _params: Readonly<Record<string, never>>,
  _ctx: KernelContext,
): Promise<RelationPairs> {
  const [map, exposures] = await Promise.all([inputs.tilepix.read(), inputs.exposures.read()]);
  const program = String(map.meta["PROGRAM"] ?? "")
    .trim()
    .toLowerCase();
  const byTile = new Map<number, number[]>();
  for (let i = 0; i < exposures.EXPID.length; i++) {
    const science = (exposures.FLAVOR[i] ?? "").trim().toLowerCase() === "science";
    if (!science || (exposures.PROGRAM[i] ?? "").trim().toLowerCase() !== program) continue;
    const t = exposures.TILEID[i] ?? -1;
    byTile.set(t, [...(byTile.get(t) ?? []), exposures.EXPID[i] ?? 0]);
  }
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < map.TILEID.length; i++) {
    for (const expid of byTile.get(map.TILEID[i] ?? -1) ?? []) pairs.push([map.HEALPIX[i] ?? 0, expid, map.PETAL[i] ?? 0]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return { pairs };
}
