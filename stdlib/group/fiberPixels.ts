import { radec2pix } from "../healpix/index.js";

/**
 * The nested pixel at `nside` of each fiber's TARGET_RA/DEC (degrees), or -1 where either is not
 * finite (desispec groups such fibers nowhere).
 */
export function fiberPixels(nside: number, ra: ArrayLike<number>, dec: ArrayLike<number>): Int32Array {
  const out = new Int32Array(ra.length);
  for (let i = 0; i < ra.length; i++) {
    const a = ra[i]!;
    const d = dec[i]!;
    out[i] = Number.isFinite(a) && Number.isFinite(d) ? radec2pix(nside, a, d, true) : -1;
  }
  return out;
}
