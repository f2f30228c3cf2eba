import type { FibermapTable } from "../datamodel/FibermapTable.js";
import { focalPlane } from "../fiberassign/index.js";

/**
 * The fibermap of a flat-lamp exposure, which has no tile: one row per fiber 0 … `nfiber` − 1 with
 * the positioner of each fiber from the focal-plane model (`fiberassign.focalPlane`: PETAL_LOC,
 * DEVICE_LOC, LOCATION, and the positioner centre as FIBERASSIGN_X/Y and FIBER_X/Y), as
 * desispec's `empty_fibermap` fills it for calibration exposures: TARGETID −1, OBJTYPE blank,
 * FIBERSTATUS 0, EXPTIME the exposure's, and zeros or blanks everywhere else.
 */
export function flatFibermap(nfiber: number, exptime: number): FibermapTable {
  const plane = focalPlane();
  if (nfiber > plane.n) throw new RangeError(`flatFibermap: ${nfiber} fibers asked for, but the focal plane has ${plane.n}`);
  // The focal plane's rows are in fiber order (FIBER equals the row).
  const fiber = plane.fiber.slice(0, nfiber);
  const blank = (): string[] => Array.from({ length: nfiber }, () => "");
  const f32 = (): Float32Array => new Float32Array(nfiber);
  const f64 = (): Float64Array => new Float64Array(nfiber);
  const i64 = (): BigInt64Array => new BigInt64Array(nfiber);
  return {
    TARGETID: new BigInt64Array(nfiber).fill(-1n),
    PETAL_LOC: plane.petal.slice(0, nfiber),
    DEVICE_LOC: plane.device.slice(0, nfiber),
    LOCATION: BigInt64Array.from(plane.location.subarray(0, nfiber), (l) => BigInt(l)),
    FIBER: fiber,
    FIBERSTATUS: new Int32Array(nfiber),
    TARGET_RA: f64(),
    TARGET_DEC: f64(),
    FA_TARGET: i64(),
    FA_TYPE: new Uint8Array(nfiber),
    OBJTYPE: blank(),
    FIBERASSIGN_X: Float32Array.from(plane.x.subarray(0, nfiber)),
    FIBERASSIGN_Y: Float32Array.from(plane.y.subarray(0, nfiber)),
    PRIORITY: new Int32Array(nfiber),
    SUBPRIORITY: f64(),
    OBSCONDITIONS: new Int32Array(nfiber),
    RELEASE: new Int16Array(nfiber),
    BRICKNAME: blank(),
    BRICKID: new Int32Array(nfiber),
    BRICK_OBJID: new Int32Array(nfiber),
    MORPHTYPE: blank(),
    EBV: f32(),
    FLUX_G: f32(),
    FLUX_R: f32(),
    FLUX_Z: f32(),
    FLUX_W1: f32(),
    FLUX_W2: f32(),
    FLUX_IVAR_G: f32(),
    FLUX_IVAR_R: f32(),
    FLUX_IVAR_Z: f32(),
    FLUX_IVAR_W1: f32(),
    FLUX_IVAR_W2: f32(),
    FIBERFLUX_G: f32(),
    FIBERFLUX_R: f32(),
    FIBERFLUX_Z: f32(),
    FIBERTOTFLUX_G: f32(),
    FIBERTOTFLUX_R: f32(),
    FIBERTOTFLUX_Z: f32(),
    SHAPE_R: f32(),
    PHOTSYS: blank(),
    PRIORITY_INIT: i64(),
    NUMOBS_INIT: i64(),
    DESI_TARGET: i64(),
    BGS_TARGET: i64(),
    MWS_TARGET: i64(),
    SCND_TARGET: i64(),
    PLATE_RA: f64(),
    PLATE_DEC: f64(),
    FIBER_X: plane.x.slice(0, nfiber),
    FIBER_Y: plane.y.slice(0, nfiber),
    DELTA_X: f64(),
    DELTA_Y: f64(),
    FIBER_RA: f64(),
    FIBER_DEC: f64(),
    EXPTIME: new Float64Array(nfiber).fill(exptime),
  };
}
