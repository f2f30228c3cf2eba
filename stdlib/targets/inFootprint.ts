import type { TileTable } from "../datamodel/TileTable.js";
import { pix2vec } from "../healpix/index.js";
import { maxPixelRadius } from "./maxPixelRadius.js";
import { FIELD_RADIUS_DEG, fieldPixels, radecToVec } from "./tileFieldPixels.js";

/**
 * Whether nested pixel `pixel` at `nside` is in the footprint of `footprintPixels`: some tile's
 * field query holds it. Only tiles whose centre lies within the field radius plus two pixel
 * radii of the pixel centre are queried (an inclusive query keeps no pixel farther away), so a
 * survey-sized tile table costs one dot product per tile.
 */
export function inFootprint(tiles: TileTable, nside: number, pixel: number): boolean {
  const [px, py, pz] = pix2vec(nside, pixel, true);
  const reach = Math.cos(Math.min(Math.PI, (FIELD_RADIUS_DEG * Math.PI) / 180 + 2 * maxPixelRadius(nside)));
  for (let i = 0; i < tiles.TILEID.length; i++) {
    const ra = tiles.RA[i] ?? NaN;
    const dec = tiles.DEC[i] ?? NaN;
    const [x, y, z] = radecToVec(ra, dec);
    if (!(x * px + y * py + z * pz >= reach)) continue;
    if (fieldPixels(nside, ra, dec).includes(pixel)) return true;
  }
  return false;
}
