import type { FibermapTable } from "../datamodel/FibermapTable.js";
import { focalPlane } from "../fiberassign/index.js";
import { emptyFibermap } from "./emptyFibermap.js";

/**
 * The fibermap of a flat-lamp exposure, which has no tile: one row per fiber 0 … `nfiber` − 1 with
 * the positioner of each fiber from the focal-plane model (`fiberassign.focalPlane`: PETAL_LOC,
 * DEVICE_LOC, LOCATION, and the positioner centre as FIBERASSIGN_X/Y and FIBER_X/Y), as
 * desispec's `empty_fibermap` fills it for calibration exposures: TARGETID −1, OBJTYPE `FLT` (as
 * desisim's flat simulation writes it, desihub/desisim py/desisim/simexp.py), FIBERSTATUS 0,
 * LAMBDA_REF 5400 Å, EXPTIME the exposure's, and zeros or blanks everywhere else.
 */
export function flatFibermap(nfiber: number, exptime: number): FibermapTable {
  const plane = focalPlane();
  if (nfiber > plane.n) throw new RangeError(`flatFibermap: ${nfiber} fibers asked for, but the focal plane has ${plane.n}`);
  // The focal plane's rows are in fiber order (FIBER equals the row).
  return {
    ...emptyFibermap(nfiber),
    PETAL_LOC: plane.petal.slice(0, nfiber),
    DEVICE_LOC: plane.device.slice(0, nfiber),
    LOCATION: BigInt64Array.from(plane.location.subarray(0, nfiber), (l) => BigInt(l)),
    FIBER: plane.fiber.slice(0, nfiber),
    FIBERASSIGN_X: Float32Array.from(plane.x.subarray(0, nfiber)),
    FIBERASSIGN_Y: Float32Array.from(plane.y.subarray(0, nfiber)),
    FIBER_X: plane.x.slice(0, nfiber),
    FIBER_Y: plane.y.slice(0, nfiber),
    OBJTYPE: Array.from({ length: nfiber }, () => "FLT"),
    LAMBDA_REF: new Float32Array(nfiber).fill(5400),
    EXPTIME: new Float64Array(nfiber).fill(exptime),
  };
}
