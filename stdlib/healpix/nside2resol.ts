/** Approximate linear size of a pixel. */
import { RAD_TO_DEG } from "./constants.js";
import { nside2pixarea } from "./nside2pixarea.js";

/**
 * The square root of the pixel area at `nside`, a rough pixel size, in radians or, with
 * `unit` "arcmin", arcminutes (healpy's `nside2resol`, bit for bit).
 */
export function nside2resol(nside: number, unit: "rad" | "arcmin" = "rad"): number {
  const resol = Math.sqrt(nside2pixarea(nside));
  return unit === "arcmin" ? resol * RAD_TO_DEG * 60 : resol;
}
