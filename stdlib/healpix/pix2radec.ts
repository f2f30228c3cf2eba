/** Pixel number → (RA, Dec) of its centre in degrees. */
import { pix2ang, pix2angBig } from "./pix2ang.js";
import { RAD_TO_DEG } from "./constants.js";
import type { Angles, RaDec } from "./types.js";

function toRaDec(a: Angles): RaDec {
  return { ra: a.phi * RAD_TO_DEG, dec: 90 - a.theta * RAD_TO_DEG };
}

/**
 * Right ascension in [0, 360) and declination (degrees) of the centre of pixel `pix`, healpy's
 * `pix2ang(..., lonlat=True)`: ra = φ·180/π, dec = 90 − θ·180/π.
 */
export function pix2radec(nside: number, pix: number, nest = false): RaDec {
  return toRaDec(pix2ang(nside, pix, nest));
}

/** {@link pix2radec} for a BigInt pixel number, for every nside up to 2^29. */
export function pix2radecBig(nside: number, pix: bigint, nest = false): RaDec {
  return toRaDec(pix2angBig(nside, pix, nest));
}
