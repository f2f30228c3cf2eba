/** Area of one pixel. */
import { checkNside } from "./checkNside.js";
import { PI, RAD_TO_DEG } from "./constants.js";
import { makeGrid } from "./Grid.js";

/**
 * The area of one pixel at `nside`, 4π / npix, in steradians or, with `unit` "deg2", square
 * degrees (healpy's `nside2pixarea`, bit for bit). Any nside up to 2^29.
 */
export function nside2pixarea(nside: number, unit: "sr" | "deg2" = "sr"): number {
  checkNside(nside, false, "bigint");
  const area = (4 * PI) / makeGrid(nside).npix;
  return unit === "deg2" ? area * RAD_TO_DEG * RAD_TO_DEG : area;
}
