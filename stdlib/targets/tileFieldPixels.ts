import { queryDisc } from "../healpix/index.js";
import type { TileTable } from "../datamodel/TileTable.js";

/** Radius of DESI's field of view on the sky, in degrees (a 3.2° diameter field, DESI Collaboration 2022, arXiv:2205.10939;
 * docs/sources.md#telescope). */
export const FIELD_RADIUS_DEG = 1.6;

const DEG = Math.PI / 180;

/** The unit vector of (ra, dec) in degrees. */
export function radecToVec(ra: number, dec: number): [number, number, number] {
  const c = Math.cos(dec * DEG);
  return [c * Math.cos(ra * DEG), c * Math.sin(ra * DEG), Math.sin(dec * DEG)];
}

/**
 * The nested pixels at `nside` that the field of a tile centred on (`ra`, `dec`) touches, in
 * increasing order: healpy's `query_disc(nside, vec, radians(1.6), inclusive=True, nest=True)`
 * with its default oversampling (fact 4, healpy's `query_disc`; docs/sources.md#healpix), so a pixel is kept when any part of it
 * may overlap the field.
 */
export function fieldPixels(nside: number, ra: number, dec: number): Float64Array {
  if (!Number.isFinite(ra) || !Number.isFinite(dec) || dec < -90 || dec > 90) {
    throw new RangeError(`tile centre (${ra}, ${dec}) is not a direction in degrees`);
  }
  return queryDisc(nside, radecToVec(ra, dec), FIELD_RADIUS_DEG * DEG, { inclusive: true, nest: true });
}

/**
 * The pixels of every tile's field, in the tile table's row order, as [TILEID, pixels]. Throws
 * an Error for a TILEID listed twice, since pixels would then hang on which row wins.
 */
export function tileFieldPixels(tiles: TileTable, nside: number, kernel: string): [number, Float64Array][] {
  const seen = new Set<number>();
  const out: [number, Float64Array][] = [];
  for (let i = 0; i < tiles.TILEID.length; i++) {
    const id = tiles.TILEID[i] ?? 0;
    if (seen.has(id)) throw new Error(`${kernel}: TILEID ${id} is listed twice in the tile table`);
    seen.add(id);
    try {
      out.push([id, fieldPixels(nside, tiles.RA[i] ?? NaN, tiles.DEC[i] ?? NaN)]);
    } catch (e) {
      throw new RangeError(`${kernel}: tile ${id}: ${(e as Error).message}`, { cause: e });
    }
  }
  return out;
}
