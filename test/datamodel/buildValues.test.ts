/**
 * Tiny values of `Frame` and `Redrock`, written as a kernel would write them: if this file
 * type-checks (see `typecheck.test.ts`), the types are usable by kernels. The `@ts-expect-error`
 * lines show the types reject what the data model forbids (a JS number for an i64 column, a
 * float64 image where float32 is declared, a missing HDU).
 */
import { describe, expect, it } from "vitest";
import {
  image,
  type CoaddFibermapTable,
  type ExpFibermapTable,
  type FibermapTable,
  type Frame,
  type Redrock,
  type RedshiftsTable,
  type Tsnr2Table,
} from "../../stdlib/datamodel/index.js";

type Fill<T> = (i: number) => T;
const f32 = (n: number, f: Fill<number> = () => 0): Float32Array => Float32Array.from({ length: n }, (_, i) => f(i));
const f64 = (n: number, f: Fill<number> = () => 0): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));
const i16 = (n: number, f: Fill<number> = () => 0): Int16Array => Int16Array.from({ length: n }, (_, i) => f(i));
const i32 = (n: number, f: Fill<number> = () => 0): Int32Array => Int32Array.from({ length: n }, (_, i) => f(i));
const u8 = (n: number, f: Fill<number> = () => 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => f(i));
const i64 = (n: number, f: Fill<bigint> = () => 0n): BigInt64Array => BigInt64Array.from({ length: n }, (_, i) => f(i));
const strs = (n: number, s: string): string[] => Array.from({ length: n }, () => s);

/** A mock TARGETID (desitarget targetmask.yaml `targetid_mask`): MOCK bit 58, brick = healpix pixel, object number. */
const mockId = (pixel: number, obj: number): bigint => (1n << 58n) | (BigInt(pixel) << 22n) | BigInt(obj);

function fibermap(n: number): FibermapTable {
  const targetids = i64(n, (i) => mockId(12345, i));
  return {
    TARGETID: targetids,
    PETAL_LOC: i16(n),
    DEVICE_LOC: i32(n, (i) => i),
    LOCATION: i64(n, (i) => 1000n + BigInt(i)),
    FIBER: i32(n, (i) => i),
    FIBERSTATUS: i32(n),
    TARGET_RA: f64(n),
    TARGET_DEC: f64(n),
    DESINAME: strs(n, "DESI J000.0000+00.0000"),
    PMRA: f32(n),
    PMDEC: f32(n),
    REF_EPOCH: f32(n),
    LAMBDA_REF: f32(n, () => 5400),
    FA_TARGET: i64(n),
    FA_TYPE: u8(n),
    OBJTYPE: strs(n, "TGT"),
    FIBERASSIGN_X: f32(n),
    FIBERASSIGN_Y: f32(n),
    PRIORITY: i32(n),
    SUBPRIORITY: f64(n),
    OBSCONDITIONS: i32(n),
    RELEASE: i16(n),
    BRICKNAME: strs(n, "0001p000"),
    BRICKID: i32(n),
    BRICK_OBJID: i32(n),
    MORPHTYPE: strs(n, "REX"),
    EBV: f32(n),
    FLUX_G: f32(n),
    FLUX_R: f32(n),
    FLUX_Z: f32(n),
    FLUX_W1: f32(n),
    FLUX_W2: f32(n),
    FLUX_IVAR_G: f32(n),
    FLUX_IVAR_R: f32(n),
    FLUX_IVAR_Z: f32(n),
    FLUX_IVAR_W1: f32(n),
    FLUX_IVAR_W2: f32(n),
    FIBERFLUX_G: f32(n),
    FIBERFLUX_R: f32(n),
    FIBERFLUX_Z: f32(n),
    FIBERTOTFLUX_G: f32(n),
    FIBERTOTFLUX_R: f32(n),
    FIBERTOTFLUX_Z: f32(n),
    MASKBITS: i16(n),
    SERSIC: f32(n, () => 1),
    SHAPE_R: f32(n),
    SHAPE_E1: f32(n),
    SHAPE_E2: f32(n),
    REF_ID: i64(n, () => -1n),
    REF_CAT: strs(n, ""),
    GAIA_PHOT_G_MEAN_MAG: f32(n),
    GAIA_PHOT_BP_MEAN_MAG: f32(n),
    GAIA_PHOT_RP_MEAN_MAG: f32(n),
    PARALLAX: f32(n),
    PHOTSYS: strs(n, "S"),
    PRIORITY_INIT: i64(n),
    NUMOBS_INIT: i64(n),
    DESI_TARGET: i64(n, () => 1n << 1n),
    BGS_TARGET: i64(n),
    MWS_TARGET: i64(n),
    SCND_TARGET: i64(n),
    PLATE_RA: f64(n),
    PLATE_DEC: f64(n),
    NUM_ITER: i64(n),
    FIBER_X: f64(n),
    FIBER_Y: f64(n),
    DELTA_X: f64(n),
    DELTA_Y: f64(n),
    FIBER_RA: f64(n),
    FIBER_DEC: f64(n),
    EXPTIME: f64(n),
  };
}

/** The columns `keys` of `row`, as a `Pick` (the data model builds tables from others the same way). */
function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
}

/** The columns of `row` but `keys`, as an `Omit`. */
function omit<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Omit<T, K> {
  const drop = new Set<PropertyKey>(keys);
  return Object.fromEntries(Object.entries(row).filter(([k]) => !drop.has(k))) as Omit<T, K>;
}

/** The per-exposure columns a coadd moves from its FIBERMAP to its EXP_FIBERMAP. */
const PER_EXPOSURE = [
  "PETAL_LOC",
  "DEVICE_LOC",
  "LOCATION",
  "FIBER",
  "FIBERSTATUS",
  "FIBERASSIGN_X",
  "FIBERASSIGN_Y",
  "LAMBDA_REF",
  "PRIORITY",
  "NUM_ITER",
  "FIBER_X",
  "FIBER_Y",
  "DELTA_X",
  "DELTA_Y",
  "FIBER_RA",
  "FIBER_DEC",
  "EXPTIME",
] as const;

function coaddFibermap(targetids: BigInt64Array): CoaddFibermapTable {
  const n = targetids.length;
  return {
    ...omit(fibermap(n), PER_EXPOSURE),
    TARGETID: targetids,
    COADD_FIBERSTATUS: i32(n),
    COADD_NUMEXP: i16(n, () => 2),
    COADD_EXPTIME: f32(n),
    COADD_NUMNIGHT: i16(n),
    COADD_NUMTILE: i16(n),
    MEAN_DELTA_X: f32(n),
    RMS_DELTA_X: f32(n),
    MEAN_DELTA_Y: f32(n),
    RMS_DELTA_Y: f32(n),
    MEAN_FIBER_RA: f64(n),
    STD_FIBER_RA: f32(n),
    MEAN_FIBER_DEC: f64(n),
    STD_FIBER_DEC: f32(n),
    MIN_MJD: f64(n),
    MAX_MJD: f64(n),
    MEAN_MJD: f64(n),
  };
}

function expFibermap(targetids: BigInt64Array): ExpFibermapTable {
  const n = targetids.length;
  return {
    ...pick(fibermap(n), [...PER_EXPOSURE, "SUBPRIORITY", "PLATE_RA", "PLATE_DEC"]),
    TARGETID: targetids,
    NIGHT: i32(n, () => 20201214),
    EXPID: i32(n, (i) => 1000 + i),
    MJD: f64(n),
    TILEID: i32(n, () => 1),
    IN_COADD_B: u8(n, () => 1),
    IN_COADD_R: u8(n, () => 1),
    IN_COADD_Z: u8(n, () => 1),
  };
}

function redshifts(targetids: BigInt64Array): RedshiftsTable {
  const n = targetids.length;
  return {
    TARGETID: targetids,
    Z: f64(n, (i) => 0.8 + 0.1 * i),
    ZERR: f32(n),
    ZWARN: i32(n),
    CHI2: f32(n),
    COEFF: f32(n * 10),
    FITMETHOD: strs(n, "PCA"),
    NPIXELS: i32(n),
    SPECTYPE: strs(n, "GALAXY"),
    SUBTYPE: strs(n, ""),
    NCOEFF: i16(n, () => 10),
    DELTACHI2: f32(n),
  };
}

function tsnr2(targetids: BigInt64Array): Tsnr2Table {
  const n = targetids.length;
  return {
    TARGETID: targetids,
    TSNR2_ELG_B: f32(n),
    TSNR2_LRG_B: f32(n),
    TSNR2_QSO_B: f32(n),
    TSNR2_BGS_B: f32(n),
    TSNR2_LYA_B: f32(n),
    TSNR2_ELG_R: f32(n),
    TSNR2_LRG_R: f32(n),
    TSNR2_QSO_R: f32(n),
    TSNR2_BGS_R: f32(n),
    TSNR2_LYA_R: f32(n),
    TSNR2_ELG_Z: f32(n),
    TSNR2_LRG_Z: f32(n),
    TSNR2_QSO_Z: f32(n),
    TSNR2_BGS_Z: f32(n),
    TSNR2_LYA_Z: f32(n),
    TSNR2_ELG: f32(n),
    TSNR2_LRG: f32(n),
    TSNR2_QSO: f32(n),
    TSNR2_BGS: f32(n),
    TSNR2_LYA: f32(n),
  };
}

/** Each column of a table value and its length, for checking that a table's columns agree. */
const columnLengths = (table: object): number[] => Object.values(table).map((c: ArrayLike<unknown>) => c.length);

const NFIBER = 2;
const NWAVE = 3;

const frame: Frame = {
  header: {
    NIGHT: 20201214,
    EXPID: 1000,
    TILEID: 1,
    CAMERA: "b0",
    SPECGRPH: 0,
    EXPTIME: 1000,
    AIRMASS: 1.1,
    SEEING: 1.1,
    PROGRAM: "dark",
    FLAVOR: "science",
    OBSTYPE: "SCIENCE",
    "MJD-OBS": 59198.1,
    "DATE-OBS": "2020-12-15T02:24:00.000",
    SURVEY: "main",
    FAPRGRM: "dark",
    TILERA: 150,
    TILEDEC: 2,
  },
  FLUX: image(
    f32(NFIBER * NWAVE, (i) => i),
    [NFIBER, NWAVE],
  ),
  IVAR: image(
    f32(NFIBER * NWAVE, () => 1),
    [NFIBER, NWAVE],
  ),
  MASK: image(i32(NFIBER * NWAVE), [NFIBER, NWAVE]),
  WAVELENGTH: image(
    f64(NWAVE, (i) => 3600 + 0.8 * i),
    [NWAVE],
  ),
  RESOLUTION: image(
    f32(NFIBER * 11 * NWAVE, (i) => (Math.floor(i / NWAVE) % 11 === 5 ? 1 : 0)),
    [NFIBER, 11, NWAVE],
  ),
  FIBERMAP: fibermap(NFIBER),
  // A b frame holds only the b scores.
  SCORES: { SUM_RAW_COUNT_B: f64(NFIBER), MEDIAN_RAW_COUNT_B: f64(NFIBER), MEDIAN_RAW_SNR_B: f64(NFIBER) },
};

const targets = i64(2, (i) => mockId(12345, i));
const exposures = BigInt64Array.from([targets[0] ?? 0n, targets[0] ?? 0n, targets[1] ?? 0n]);
const redrock: Redrock = {
  header: {
    SPGRP: "healpix",
    SPGRPVAL: 12345,
    HPXPIXEL: 12345,
    HPXNSIDE: 64,
    HPXNEST: true,
    SURVEY: "main",
    PROGRAM: "dark",
    RRVER: "dflow-redrock 0.1",
  },
  REDSHIFTS: redshifts(targets),
  FIBERMAP: coaddFibermap(targets),
  EXP_FIBERMAP: expFibermap(exposures),
  TSNR2: tsnr2(targets),
};

// What the types must refuse. Each line is an error tsc expects; an unexpected pass fails tsc.
// @ts-expect-error a TARGETID is a BigInt64Array, never JS numbers
const badIds: FibermapTable = { ...frame.FIBERMAP, TARGETID: f64(NFIBER) };
// @ts-expect-error FLUX is declared f32
const badFlux: Frame = { ...frame, FLUX: image(f64(NFIBER * NWAVE), [NFIBER, NWAVE]) };
// @ts-expect-error every HDU is required
const noTsnr2: Redrock = {
  header: redrock.header,
  REDSHIFTS: redrock.REDSHIFTS,
  FIBERMAP: redrock.FIBERMAP,
  EXP_FIBERMAP: redrock.EXP_FIBERMAP,
};

describe("values of the data model's types", () => {
  it("build a frame whose images agree with their shapes", () => {
    for (const img of [frame.FLUX, frame.IVAR, frame.MASK, frame.WAVELENGTH, frame.RESOLUTION]) {
      expect(img.data.length).toBe(img.shape.reduce((a, b) => a * b, 1));
    }
    expect(new Set(columnLengths(frame.FIBERMAP))).toEqual(new Set([NFIBER]));
    expect(frame.RESOLUTION.shape).toEqual([NFIBER, 11, NWAVE]);
  });

  it("build a redshift file whose row-matched tables agree", () => {
    expect(new Set(columnLengths(redrock.FIBERMAP))).toEqual(new Set([2]));
    expect(new Set(columnLengths(redrock.TSNR2))).toEqual(new Set([2]));
    expect(new Set(columnLengths(redrock.EXP_FIBERMAP))).toEqual(new Set([3]));
    const { COEFF, ...scalars } = redrock.REDSHIFTS;
    expect(new Set(columnLengths(scalars))).toEqual(new Set([2]));
    expect(COEFF.length).toBe(2 * 10);
    expect(redrock.REDSHIFTS.TARGETID).toEqual(redrock.FIBERMAP.TARGETID);
  });

  it("keep 64-bit target IDs exact", () => {
    const id = redrock.REDSHIFTS.TARGETID[1] ?? 0n;
    expect(id >= 1n << 58n).toBe(true);
    expect(id & ((1n << 22n) - 1n)).toBe(1n);
    expect(Number(id) === Number(id + 1n)).toBe(true); // why a JS number cannot hold it
  });

  it("refuse a wrong-sized image", () => {
    expect(() => image(f32(5), [2, 3])).toThrow(RangeError);
    expect(() => image(f32(0), [-1])).toThrow(RangeError);
    expect([badIds, badFlux, noTsnr2].length).toBe(3);
  });
});
