import type { FibermapTable } from "../datamodel/FibermapTable.js";

/**
 * A fibermap of `n` rows with every column empty, as desispec's `empty_fibermap` makes it
 * (desihub/desispec py/desispec/io/fibermap.py): TARGETID −1, FIBER 0 … n − 1, zeros in numeric
 * columns and blanks in text columns. Kernels and tests fill the columns they know on top of it.
 */
export function emptyFibermap(n: number): FibermapTable {
  const blank = (): string[] => Array.from({ length: n }, () => "");
  const f32 = (): Float32Array => new Float32Array(n);
  const f64 = (): Float64Array => new Float64Array(n);
  const i64 = (): BigInt64Array => new BigInt64Array(n);
  return {
    TARGETID: new BigInt64Array(n).fill(-1n),
    PETAL_LOC: new Int16Array(n),
    DEVICE_LOC: new Int32Array(n),
    LOCATION: i64(),
    FIBER: Int32Array.from({ length: n }, (_, i) => i),
    FIBERSTATUS: new Int32Array(n),
    TARGET_RA: f64(),
    TARGET_DEC: f64(),
    FA_TARGET: i64(),
    FA_TYPE: new Uint8Array(n),
    OBJTYPE: blank(),
    FIBERASSIGN_X: f32(),
    FIBERASSIGN_Y: f32(),
    PRIORITY: new Int32Array(n),
    SUBPRIORITY: f64(),
    OBSCONDITIONS: new Int32Array(n),
    RELEASE: new Int16Array(n),
    BRICKNAME: blank(),
    BRICKID: new Int32Array(n),
    BRICK_OBJID: new Int32Array(n),
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
    FIBER_X: f64(),
    FIBER_Y: f64(),
    DELTA_X: f64(),
    DELTA_Y: f64(),
    FIBER_RA: f64(),
    FIBER_DEC: f64(),
    EXPTIME: f64(),
  };
}
