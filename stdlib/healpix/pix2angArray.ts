/** Vectorised pixel → centre, and vectorised renumbering between schemes. */
import { checkNside } from "./checkNside.js";
import { RAD_TO_DEG } from "./constants.js";
import { makeGrid } from "./Grid.js";
import { locOfPixel, newScratch, thetaOfLoc } from "./locate.js";
import { convertScheme } from "./nest2ring.js";
import { numberCodec } from "./numberCodec.js";
import type { AnglesArrays, RaDecArrays } from "./types.js";

/**
 * Centres of many pixels: element i of the result is `pix2ang(nside, pix[i], nest)`. Throws a
 * `RangeError` naming the index of the first invalid pixel number.
 */
export function pix2angArray(nside: number, pix: ArrayLike<number>, nest = false): AnglesArrays {
  checkNside(nside, nest, "number", "pix2angBig");
  const g = makeGrid(nside);
  const s = newScratch();
  const theta = new Float64Array(pix.length);
  const phi = new Float64Array(pix.length);
  for (let i = 0; i < pix.length; i++) {
    const p = pix[i] ?? NaN;
    numberCodec.checkPixel(g, p, i);
    const loc = locOfPixel(numberCodec, g, p, nest, s);
    theta[i] = thetaOfLoc(loc);
    phi[i] = loc.phi;
  }
  return { theta, phi };
}

/** Centres of many pixels in degrees, element i equal to `pix2radec(nside, pix[i], nest)`. */
export function pix2radecArray(nside: number, pix: ArrayLike<number>, nest = false): RaDecArrays {
  const { theta, phi } = pix2angArray(nside, pix, nest);
  // Reuse the buffers: ra overwrites φ and dec overwrites θ, element by element.
  for (let i = 0; i < theta.length; i++) {
    phi[i] = (phi[i] ?? 0) * RAD_TO_DEG;
    theta[i] = 90 - (theta[i] ?? 0) * RAD_TO_DEG;
  }
  return { ra: phi, dec: theta };
}

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
