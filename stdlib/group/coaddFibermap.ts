/**
 * The coadd's fibermaps (desispec `coaddition.coadd_fibermap`, across tiles; docs/sources.md#coadd):
 * one FIBERMAP row per target (its first exposure's target columns, target bits ORed over
 * exposures, FIBERSTATUS ANDed over the coadded ones, COADD_* counts and MEAN_/RMS_/STD_ summaries of
 * the per-exposure columns) and an EXP_FIBERMAP keeping every exposure's per-exposure columns with
 * IN_COADD_B/R/Z.
 */
import type { CoaddFibermapTable } from "../datamodel/CoaddFibermapTable.js";
import type { ExpFibermapTable } from "../datamodel/ExpFibermapTable.js";
import type { SpectraFibermapTable } from "../datamodel/SpectraFibermapTable.js";
import { FIBERSTATUS } from "../instrument/index.js";

/** The bands of a coadd, in file order. */
export const BANDS = ["b", "r", "z"] as const;
/** One band. */
export type Band = (typeof BANDS)[number];

/** The FIBERSTATUS bits that keep an exposure out of a band's coadd (desispec `get_all_fiberbitmask_with_amp`). */
export function fatalStatus(band: Band): number {
  const amp = { b: FIBERSTATUS.BADAMPB, r: FIBERSTATUS.BADAMPR, z: FIBERSTATUS.BADAMPZ }[band];
  return NONAMP_FATAL | amp;
}

/** FIBERSTATUS bits fatal whatever the camera (desispec `get_all_nonamp_fiberbitmask_val`). */
export const NONAMP_FATAL =
  FIBERSTATUS.BROKENFIBER |
  FIBERSTATUS.MISSINGPOSITION |
  FIBERSTATUS.BADPOSITION |
  FIBERSTATUS.BRIGHTNEIGHBOR |
  FIBERSTATUS.BADFIBER |
  FIBERSTATUS.BADTRACE |
  FIBERSTATUS.BADARC |
  FIBERSTATUS.BADFLAT |
  FIBERSTATUS.MANYREJECTED;

/** Whether an exposure with this FIBERSTATUS goes into the coadd of `band`. */
export function usedInBand(status: number, band: Band): boolean {
  return (status & fatalStatus(band)) === 0;
}

/** The columns of a spectra FIBERMAP that vary per exposure: in the EXP_FIBERMAP, not the FIBERMAP. */
const PER_EXPOSURE = new Set([
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
  "NIGHT",
  "EXPID",
  "MJD",
  "TILEID",
]);

/** The EXP_FIBERMAP's columns from the spectra FIBERMAP, in desispec's order. */
const EXP_COLUMNS = [
  "TARGETID",
  "PRIORITY",
  "SUBPRIORITY",
  "NIGHT",
  "EXPID",
  "MJD",
  "TILEID",
  "EXPTIME",
  "PETAL_LOC",
  "DEVICE_LOC",
  "LOCATION",
  "FIBER",
  "FIBERSTATUS",
  "FIBERASSIGN_X",
  "FIBERASSIGN_Y",
  "LAMBDA_REF",
  "PLATE_RA",
  "PLATE_DEC",
  "NUM_ITER",
  "FIBER_X",
  "FIBER_Y",
  "DELTA_X",
  "DELTA_Y",
  "FIBER_RA",
  "FIBER_DEC",
] as const;

/** Targeting bit columns, ORed over exposures since a target's bits can change between them. */
const TARGET_BITS = ["DESI_TARGET", "BGS_TARGET", "MWS_TARGET", "SCND_TARGET"] as const;

/** Rows `rows` of a column, keeping its array class. */
export function takeRows(column: unknown, rows: readonly number[]): unknown {
  if (Array.isArray(column)) return rows.map((r) => column[r] as unknown);
  const src = column as { readonly [i: number]: number | bigint; readonly constructor: new (n: number) => { [i: number]: number | bigint } };
  const dst = new src.constructor(rows.length);
  rows.forEach((r, k) => (dst[k] = src[r]!));
  return dst;
}

/** The rows of each TARGETID, targets in order of first appearance (desispec `ordered_unique`). */
export function targetRows(targetid: BigInt64Array): { targets: bigint[]; rows: number[][] } {
  const byId = new Map<bigint, number[]>();
  targetid.forEach((id, r) => {
    const list = byId.get(id);
    if (list === undefined) byId.set(id, [r]);
    else list.push(r);
  });
  return { targets: [...byId.keys()], rows: [...byId.values()] };
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: readonly number[]): number => {
  const m = mean(v);
  return Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
};

/** Mean and spread (arcsec, RA's scaled by cos dec) of fiber positions, across RA = 0 when they straddle it. */
export function meanStdRaDec(ras: readonly number[], decs: readonly number[]): [number, number, number, number] {
  const wraps = Math.max(...ras) - Math.min(...ras) > 180;
  const offset = wraps ? 180 : 0;
  const shifted = wraps ? ras.map((r) => (r + offset) % 360) : ras;
  const meanDec = mean(decs);
  const meanRa = (mean(shifted) - offset + 360) % 360;
  return [meanRa, std(shifted) * Math.cos((meanDec * Math.PI) / 180) * 3600, meanDec, std(decs) * 3600];
}

/** Summaries of one target's exposures, in the coadd FIBERMAP's own columns. */
interface Summary {
  status: number;
  numexp: number;
  exptime: number;
  numnight: number;
  numtile: number;
  dx: [number, number];
  dy: [number, number];
  radec: [number, number, number, number];
  mjd: [number, number, number];
}

function summarize(fm: SpectraFibermapTable, rows: readonly number[]): Summary {
  const status = rows.map((r) => fm.FIBERSTATUS[r]!);
  const good = status.map((s) => BANDS.some((b) => usedInBand(s, b)));
  const numexp = good.filter(Boolean).length;
  const goodRows = rows.filter((_, k) => good[k]);
  // With no usable exposure, the summaries describe all of them and the status is their OR.
  const use = numexp > 0 ? goodRows : [...rows];
  const coaddStatus = numexp > 0 ? goodRows.reduce((a, r) => a & fm.FIBERSTATUS[r]!, ~0) : status.reduce((a, s) => a | s, 0);
  const coords = rows.filter((r) => fm.FIBER_RA[r] !== 0 || fm.FIBER_DEC[r] !== 0);
  const coordRows = coords.length > 0 ? coords : [...rows];
  const both = use.filter((r) => coordRows.includes(r));
  const posRows = both.length > 0 ? both : coordRows;
  const vals = (col: ArrayLike<number>, rs: readonly number[]): number[] => rs.map((r) => col[r]!);
  const dx = vals(fm.DELTA_X, use);
  const dy = vals(fm.DELTA_Y, use);
  const mjd = vals(fm.MJD, use);
  return {
    status: coaddStatus,
    numexp,
    exptime: vals(fm.EXPTIME, goodRows).reduce((a, b) => a + b, 0),
    numnight: new Set(vals(fm.NIGHT, goodRows)).size,
    numtile: new Set(vals(fm.TILEID, goodRows)).size,
    dx: [mean(dx), Math.sqrt(mean(dx.map((x) => x * x)))],
    dy: [mean(dy), Math.sqrt(mean(dy.map((x) => x * x)))],
    radec: meanStdRaDec(vals(fm.FIBER_RA, posRows), vals(fm.FIBER_DEC, posRows)),
    mjd: [Math.min(...mjd), Math.max(...mjd), mean(mjd)],
  };
}

/**
 * The coadd FIBERMAP and EXP_FIBERMAP of a spectra FIBERMAP whose targets' rows are `rows`; with
 * `norm`, the EXP_FIBERMAP ends with COADD_NORM and SIGMA_COADD_NORM.
 */
export function coaddFibermap(
  fm: SpectraFibermapTable,
  rows: readonly (readonly number[])[],
  norm?: { readonly norm: Float32Array; readonly sigma: Float32Array },
): { fibermap: CoaddFibermapTable; exp: ExpFibermapTable } {
  const first = rows.map((rs) => rs[0]!);
  const out: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(fm) as [string, unknown][]) {
    if (!PER_EXPOSURE.has(name)) out[name] = takeRows(column, first);
  }
  for (const name of TARGET_BITS) {
    out[name] = BigInt64Array.from(rows, (rs) => rs.reduce((a, r) => a | fm[name][r]!, 0n));
  }
  const s = rows.map((rs) => summarize(fm, rs));
  const f32 = (f: (x: Summary) => number): Float32Array => Float32Array.from(s, f);
  const f64 = (f: (x: Summary) => number): Float64Array => Float64Array.from(s, f);
  const i16 = (f: (x: Summary) => number): Int16Array => Int16Array.from(s, f);
  const fibermap = {
    ...out,
    COADD_FIBERSTATUS: Int32Array.from(s, (x) => x.status),
    COADD_NUMEXP: i16((x) => x.numexp),
    COADD_EXPTIME: f32((x) => x.exptime),
    COADD_NUMNIGHT: i16((x) => x.numnight),
    COADD_NUMTILE: i16((x) => x.numtile),
    MEAN_DELTA_X: f32((x) => x.dx[0]),
    RMS_DELTA_X: f32((x) => x.dx[1]),
    MEAN_DELTA_Y: f32((x) => x.dy[0]),
    RMS_DELTA_Y: f32((x) => x.dy[1]),
    MEAN_FIBER_RA: f64((x) => x.radec[0]),
    STD_FIBER_RA: f32((x) => x.radec[1]),
    MEAN_FIBER_DEC: f64((x) => x.radec[2]),
    STD_FIBER_DEC: f32((x) => x.radec[3]),
    MIN_MJD: f64((x) => x.mjd[0]),
    MAX_MJD: f64((x) => x.mjd[1]),
    MEAN_MJD: f64((x) => x.mjd[2]),
  } as unknown as CoaddFibermapTable;
  const all = Array.from({ length: fm.TARGETID.length }, (_, r) => r);
  const exp: Record<string, unknown> = {};
  for (const name of EXP_COLUMNS) exp[name] = takeRows(fm[name], all);
  for (const b of BANDS) exp[`IN_COADD_${b.toUpperCase()}`] = Uint8Array.from(fm.FIBERSTATUS, (st) => (usedInBand(st, b) ? 1 : 0));
  if (norm !== undefined) {
    exp["COADD_NORM"] = Float32Array.from(norm.norm);
    exp["SIGMA_COADD_NORM"] = Float32Array.from(norm.sigma);
  }
  return { fibermap, exp: exp as unknown as ExpFibermapTable };
}
