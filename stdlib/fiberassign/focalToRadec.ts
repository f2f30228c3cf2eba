import { radiusToTheta } from "./plateScale.js";

const D2R = Math.PI / 180;

/** A sky position, degrees (ICRS). */
export interface RaDec {
  readonly ra: number;
  readonly dec: number;
}

/**
 * The sky position (deg) seen at focal-plane point (`x`, `y`) (CS5 mm) of a tile centred on
 * (`tileRa`, `tileDec`): the inverse of `radecToFocal`, RA in [0, 360).
 */
export function focalToRadec(x: number, y: number, tileRa: number, tileDec: number): RaDec {
  const r = Math.hypot(x, y);
  if (r === 0) return { ra: ((tileRa % 360) + 360) % 360, dec: tileDec };
  const theta = radiusToTheta(r) * D2R;
  const st = Math.sin(theta);
  const ct = Math.cos(theta);
  // Unit offsets toward east (−X) and north (+Y) on the sky.
  const e = (-x / r) * st;
  const n = (y / r) * st;
  const a0 = tileRa * D2R;
  const d0 = tileDec * D2R;
  const sa0 = Math.sin(a0);
  const ca0 = Math.cos(a0);
  const sd0 = Math.sin(d0);
  const cd0 = Math.cos(d0);
  // centre·cosθ + e·east + n·north, with east = (−sin α0, cos α0, 0) and
  // north = (−sin δ0 cos α0, −sin δ0 sin α0, cos δ0).
  const vx = ct * cd0 * ca0 - e * sa0 - n * sd0 * ca0;
  const vy = ct * cd0 * sa0 + e * ca0 - n * sd0 * sa0;
  const vz = ct * sd0 + n * cd0;
  let ra = Math.atan2(vy, vx) / D2R;
  if (ra < 0) ra += 360;
  if (ra >= 360) ra -= 360;
  return { ra, dec: Math.atan2(vz, Math.hypot(vx, vy)) / D2R };
}
