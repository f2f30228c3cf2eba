/** Vectorised pixel → centre. */
import { checkNside } from "./checkNside.js";
import { RAD_TO_DEG } from "./constants.js";
import { makeGrid } from "./Grid.js";
import { locOfPixel, newScratch, thetaOfLoc } from "./locate.js";
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
