import type { FibermapTable } from "../datamodel/FibermapTable.js";
import type { TargetsTable } from "../datamodel/TargetsTable.js";
import { FIBERSTATUS_UNASSIGNED, NFIBER } from "./constants.js";
import { ROLE, type FiberAssignment } from "./FiberAssignment.js";
import { desiName, sersicOf } from "./desiName.js";
import { sharedFocalPlane } from "./focalPlane.js";
import { focalToRadec } from "./focalToRadec.js";
import type { ReachableTargets } from "./reachableTargets.js";

/** The wavelength at which fiber assignment centres fibers on targets, Å (fiberassign's default). */
const LAMBDA_REF = 5400;

/**
 * The 5000-row FIBERMAP table of an assignment, in FIBER order: an assigned positioner carries
 * its target's columns (OBJTYPE SKY for a sky fiber, TGT otherwise) at the target's focal-plane
 * position; a free one is parked at its centre with OBJTYPE `NON`, TARGETID −1, FIBERSTATUS
 * UNASSIGNED and the sky position of the centre. Every row gets DESINAME from its TARGET_RA/DEC,
 * LAMBDA_REF 5400 Å (fiber assignment's default centring wavelength), NUM_ITER 0 (no move yet),
 * SERSIC from MORPHTYPE, and the astrometric and Gaia columns a mock lacks as desitarget writes
 * "none": 0, REF_ID −1, REF_CAT blank.
 */
export function buildFibermap(
  tables: readonly TargetsTable[],
  targets: ReachableTargets,
  fa: FiberAssignment,
  tile: { readonly ra: number; readonly dec: number },
): FibermapTable {
  const { subs, file: tFile, row: tRow, x: tx, y: ty, type: tType } = targets;
  const { posTarget, role } = fa;
  const fp = sharedFocalPlane();
  const n = NFIBER;
  const col = {
    TARGETID: new BigInt64Array(n).fill(-1n),
    PETAL_LOC: fp.petal.slice(),
    DEVICE_LOC: fp.device.slice(),
    LOCATION: BigInt64Array.from(fp.location, (v) => BigInt(v)),
    FIBER: fp.fiber.slice(),
    FIBERSTATUS: new Int32Array(n),
    TARGET_RA: new Float64Array(n),
    TARGET_DEC: new Float64Array(n),
    DESINAME: new Array<string>(n).fill(""),
    PMRA: new Float32Array(n),
    PMDEC: new Float32Array(n),
    REF_EPOCH: new Float32Array(n),
    LAMBDA_REF: new Float32Array(n).fill(LAMBDA_REF),
    FA_TARGET: new BigInt64Array(n),
    FA_TYPE: new Uint8Array(n),
    OBJTYPE: new Array<string>(n).fill("NON"),
    FIBERASSIGN_X: new Float32Array(n),
    FIBERASSIGN_Y: new Float32Array(n),
    PRIORITY: new Int32Array(n),
    SUBPRIORITY: new Float64Array(n),
    OBSCONDITIONS: new Int32Array(n),
    RELEASE: new Int16Array(n),
    BRICKNAME: new Array<string>(n).fill(""),
    BRICKID: new Int32Array(n),
    BRICK_OBJID: new Int32Array(n),
    MORPHTYPE: new Array<string>(n).fill(""),
    MASKBITS: new Int16Array(n),
    SERSIC: new Float32Array(n),
    SHAPE_E1: new Float32Array(n),
    SHAPE_E2: new Float32Array(n),
    REF_ID: new BigInt64Array(n).fill(-1n),
    REF_CAT: new Array<string>(n).fill(""),
    GAIA_PHOT_G_MEAN_MAG: new Float32Array(n),
    GAIA_PHOT_BP_MEAN_MAG: new Float32Array(n),
    GAIA_PHOT_RP_MEAN_MAG: new Float32Array(n),
    PARALLAX: new Float32Array(n),
    PHOTSYS: new Array<string>(n).fill(""),
    PRIORITY_INIT: new BigInt64Array(n),
    NUMOBS_INIT: new BigInt64Array(n),
    DESI_TARGET: new BigInt64Array(n),
    BGS_TARGET: new BigInt64Array(n),
    MWS_TARGET: new BigInt64Array(n),
    SCND_TARGET: new BigInt64Array(n),
    PLATE_RA: new Float64Array(n),
    PLATE_DEC: new Float64Array(n),
    NUM_ITER: new BigInt64Array(n),
    FIBER_X: new Float64Array(n),
    FIBER_Y: new Float64Array(n),
    DELTA_X: new Float64Array(n),
    DELTA_Y: new Float64Array(n),
    FIBER_RA: new Float64Array(n),
    FIBER_DEC: new Float64Array(n),
    EXPTIME: new Float64Array(n),
  };
  const f32 = {
    EBV: new Float32Array(n),
    FLUX_G: new Float32Array(n),
    FLUX_R: new Float32Array(n),
    FLUX_Z: new Float32Array(n),
    FLUX_W1: new Float32Array(n),
    FLUX_W2: new Float32Array(n),
    FLUX_IVAR_G: new Float32Array(n),
    FLUX_IVAR_R: new Float32Array(n),
    FLUX_IVAR_Z: new Float32Array(n),
    FLUX_IVAR_W1: new Float32Array(n),
    FLUX_IVAR_W2: new Float32Array(n),
    FIBERFLUX_G: new Float32Array(n),
    FIBERFLUX_R: new Float32Array(n),
    FIBERFLUX_Z: new Float32Array(n),
    FIBERTOTFLUX_G: new Float32Array(n),
    FIBERTOTFLUX_R: new Float32Array(n),
    FIBERTOTFLUX_Z: new Float32Array(n),
    SHAPE_R: new Float32Array(n),
  };
  const f32Keys = Object.keys(f32) as (keyof typeof f32)[];

  for (let i = 0; i < n; i++) {
    const t = posTarget[i] ?? -1;
    if (t < 0) {
      const cx = fp.x[i] ?? 0;
      const cy = fp.y[i] ?? 0;
      const sky = focalToRadec(cx, cy, tile.ra, tile.dec);
      col.FIBERSTATUS[i] = FIBERSTATUS_UNASSIGNED;
      col.TARGET_RA[i] = sky.ra;
      col.TARGET_DEC[i] = sky.dec;
      col.FIBERASSIGN_X[i] = cx;
      col.FIBERASSIGN_Y[i] = cy;
      col.FIBER_X[i] = cx;
      col.FIBER_Y[i] = cy;
      col.PLATE_RA[i] = sky.ra;
      col.PLATE_DEC[i] = sky.dec;
      col.FIBER_RA[i] = sky.ra;
      col.FIBER_DEC[i] = sky.dec;
      continue;
    }
    const src = tables[tFile[t] ?? 0] as TargetsTable;
    const r = tRow[t] ?? 0;
    const type = tType[t] ?? 0;
    const ra = src.RA[r] ?? 0;
    const dec = src.DEC[r] ?? 0;
    const x = tx[t] ?? 0;
    const y = ty[t] ?? 0;
    col.TARGETID[i] = src.TARGETID[r] ?? -1n;
    col.TARGET_RA[i] = ra;
    col.TARGET_DEC[i] = dec;
    col.FA_TARGET[i] = src.DESI_TARGET[r] ?? 0n;
    col.FA_TYPE[i] = type;
    col.OBJTYPE[i] = role[i] === ROLE.SKY ? "SKY" : "TGT";
    col.FIBERASSIGN_X[i] = x;
    col.FIBERASSIGN_Y[i] = y;
    col.PRIORITY[i] = Number(src.PRIORITY_INIT[r] ?? 0n);
    col.SUBPRIORITY[i] = subs[tFile[t] ?? 0]?.[r] ?? 0;
    col.OBSCONDITIONS[i] = src.OBSCONDITIONS[r] ?? 0;
    col.RELEASE[i] = src.RELEASE[r] ?? 0;
    col.BRICKNAME[i] = src.BRICKNAME[r] ?? "";
    col.BRICKID[i] = src.BRICKID[r] ?? 0;
    col.BRICK_OBJID[i] = src.BRICK_OBJID[r] ?? 0;
    col.MORPHTYPE[i] = src.MORPHTYPE[r] ?? "";
    col.SERSIC[i] = sersicOf(col.MORPHTYPE[i]!);
    col.PHOTSYS[i] = src.PHOTSYS[r] ?? "";
    col.PRIORITY_INIT[i] = src.PRIORITY_INIT[r] ?? 0n;
    col.NUMOBS_INIT[i] = src.NUMOBS_INIT[r] ?? 0n;
    col.DESI_TARGET[i] = src.DESI_TARGET[r] ?? 0n;
    col.BGS_TARGET[i] = src.BGS_TARGET[r] ?? 0n;
    col.MWS_TARGET[i] = src.MWS_TARGET[r] ?? 0n;
    col.SCND_TARGET[i] = src.SCND_TARGET[r] ?? 0n;
    col.PLATE_RA[i] = ra;
    col.PLATE_DEC[i] = dec;
    col.FIBER_X[i] = x;
    col.FIBER_Y[i] = y;
    col.FIBER_RA[i] = ra;
    col.FIBER_DEC[i] = dec;
    for (const k of f32Keys) f32[k][i] = src[k][r] ?? 0;
  }
  for (let i = 0; i < n; i++) col.DESINAME[i] = desiName(col.TARGET_RA[i]!, col.TARGET_DEC[i]!);
  return { ...col, ...f32 };
}
