/** Vectorised renumbering between the NESTED and RING schemes. */
import { checkNside } from "./checkNside.js";
import { makeGrid } from "./Grid.js";
import { newScratch } from "./locate.js";
import { convertScheme } from "./nest2ring.js";
import { numberCodec } from "./numberCodec.js";

function convertArray(nside: number, pix: ArrayLike<number>, fromNest: boolean): Float64Array {
  const g = makeGrid(nside);
  const s = newScratch();
  const out = new Float64Array(pix.length);
  for (let i = 0; i < pix.length; i++) {
    const p = pix[i] ?? NaN;
    numberCodec.checkPixel(g, p, i);
    out[i] = convertScheme(numberCodec, g, p, fromNest, s);
  }
  return out;
}

/** RING numbers of many NESTED pixels, element i equal to `nest2ring(nside, pix[i])`. */
export function nest2ringArray(nside: number, pix: ArrayLike<number>): Float64Array {
  checkNside(nside, true, "number", "nest2ringBig");
  return convertArray(nside, pix, true);
}

/** NESTED numbers of many RING pixels, element i equal to `ring2nest(nside, pix[i])`. */
export function ring2nestArray(nside: number, pix: ArrayLike<number>): Float64Array {
  checkNside(nside, true, "number", "ring2nestBig");
  return convertArray(nside, pix, false);
}
