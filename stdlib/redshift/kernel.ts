import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Coadd } from "../datamodel/Coadd.js";
import type { Redrock } from "../datamodel/Redrock.js";
import type { RedshiftsTable } from "../datamodel/RedshiftsTable.js";
import type { Tsnr2Table } from "../datamodel/Tsnr2Table.js";
import { KernelError, type Handle, type KernelContext } from "../kernel.js";
import type { Columns, SpectraSet } from "./readCoadd.js";
import { targetRows } from "./readCoadd.js";
import { redshiftFitter, type RedshiftFitter, type RedshiftResult } from "./redshiftFitter.js";
import { fullType, type Template } from "./Template.js";
import { readTemplateFits } from "./templateFits.js";
import { ZWARN } from "./zwarn.js";

const KERNEL = "redshift.fit";

/** Width of the REDSHIFTS COEFF column (redrock pads every fit to the largest basis, 10). */
export const NCOEFF_COLUMN = 10;

/** The fitter's name and version, written as RRVER. */
export const RRVER = "dflow stdlib/redshift 1";

/**
 * The FIBERSTATUS (desispec fibermask) bits rrdesi turns into ZWARN bits, with desispec's numbers
 * (docs/sources.md#redrock: `desispec py/desispec/maskbits.py`).
 */
export const FIBERMASK = {
  UNASSIGNED: 1 << 0,
  BROKENFIBER: 1 << 2,
  BADPOSITION: 1 << 9,
  POORPOSITION: 1 << 10,
  BADAMPB: 1 << 22,
  BADAMPR: 1 << 23,
  BADAMPZ: 1 << 24,
} as const;

/** One target's REDSHIFTS row before it is stored. */
interface Row {
  z: number;
  zerr: number;
  zwarn: number;
  chi2: number;
  coeff: Float64Array;
  fitmethod: string;
  npixels: number;
  spectype: string;
  subtype: string;
  ncoeff: number;
  deltachi2: number;
}

function rowOf(r: RedshiftResult): Row {
  return { ...r, coeff: Float64Array.from(r.coeff) };
}

/**
 * rrdesi's DESI-specific ZWARN bits from the coadded fibermap (docs/sources.md#redrock,
 * `external/desi.py`): POORPOSITION → POORDATA; BADPOSITION, BROKENFIBER, UNASSIGNED or an OBJTYPE
 * other than TGT and SKY → NODATA, and such a target is reported as GALAXY at z = 0 with zero
 * coefficients and FITMETHOD NONE; BROKENFIBER → UNPLUGGED; OBJTYPE SKY → SKY; BADAMP{B,R,Z} →
 * LITTLE_COVERAGE; an OBJTYPE other than TGT and SKY → BAD_TARGET.
 */
export function applyFibermapBits(row: Row, fiberstatus: number, objtype: string): void {
  const sky = objtype === "SKY";
  const bad = objtype !== "TGT" && !sky;
  if ((fiberstatus & FIBERMASK.POORPOSITION) !== 0) row.zwarn |= ZWARN.POORDATA;
  const broken = (fiberstatus & FIBERMASK.BROKENFIBER) !== 0;
  if ((fiberstatus & (FIBERMASK.BADPOSITION | FIBERMASK.BROKENFIBER | FIBERMASK.UNASSIGNED)) !== 0 || bad) {
    row.zwarn |= ZWARN.NODATA;
    row.spectype = "GALAXY";
    row.subtype = "";
    row.coeff.fill(0);
    row.z = 0;
    row.fitmethod = "NONE";
  }
  if (broken) row.zwarn |= ZWARN.UNPLUGGED;
  if (sky) row.zwarn |= ZWARN.SKY;
  if ((fiberstatus & (FIBERMASK.BADAMPB | FIBERMASK.BADAMPR | FIBERMASK.BADAMPZ)) !== 0) row.zwarn |= ZWARN.LITTLE_COVERAGE;
  if (bad) row.zwarn |= ZWARN.BAD_TARGET;
}

/**
 * No NaN or infinity leaves the fitter: a non-finite Z, ZERR, CHI2 or DELTACHI2 (which a fit of
 * finite data does not give, but the catalogue must not carry one) becomes redrock's values for
 * a failed fit (Z 0, ZERR −1, CHI2 9,999,999, DELTACHI2 0) with BAD_MINFIT set.
 */
function finiteRow(row: Row): void {
  let bad = false;
  const fix = (v: number, replacement: number): number => {
    if (Number.isFinite(v) && Math.abs(v) < 3e38) return v;
    bad = true;
    return replacement;
  };
  row.z = fix(row.z, 0);
  row.zerr = fix(row.zerr, -1);
  row.chi2 = fix(row.chi2, 9999999);
  row.deltachi2 = fix(row.deltachi2, 0);
  for (let i = 0; i < row.coeff.length; i++) row.coeff[i] = fix(row.coeff[i]!, 0);
  if (bad) row.zwarn |= ZWARN.BAD_MINFIT;
}

/** The coadded FIBERSTATUS of a target's rows: COADD_FIBERSTATUS of a coadd, else the AND of its rows' FIBERSTATUS. */
function fiberStatusOf(fibermap: Columns, rows: readonly number[]): number {
  const col = (fibermap["COADD_FIBERSTATUS"] ?? fibermap["FIBERSTATUS"]) as ArrayLike<number> | undefined;
  if (col === undefined) return 0;
  let s = -1;
  for (const r of rows) s &= Number(col[r]);
  return s;
}

/**
 * Fits every target of a spectra set and returns its REDSHIFTS, one row per target in order of
 * first appearance, with rrdesi's dtypes and its DESI-specific ZWARN bits (`applyFibermapBits`).
 */
export function fitSpectraSet(set: SpectraSet, fitter: RedshiftFitter): RedshiftsTable {
  const targets = targetRows(set);
  const n = targets.length;
  const out = {
    TARGETID: new BigInt64Array(n),
    Z: new Float64Array(n),
    ZERR: new Float32Array(n),
    ZWARN: new Int32Array(n),
    CHI2: new Float32Array(n),
    COEFF: new Float32Array(n * NCOEFF_COLUMN),
    FITMETHOD: [] as string[],
    NPIXELS: new Int32Array(n),
    SPECTYPE: [] as string[],
    SUBTYPE: [] as string[],
    NCOEFF: new Int16Array(n),
    DELTACHI2: new Float32Array(n),
  };
  const objtype = set.fibermap["OBJTYPE"] as readonly string[] | undefined;
  targets.forEach((t, i) => {
    const row = rowOf(fitter.fit(t.spectra));
    applyFibermapBits(row, fiberStatusOf(set.fibermap, t.rows), (objtype?.[t.rows[0]!] ?? "TGT").trim());
    finiteRow(row);
    out.TARGETID[i] = t.targetid;
    out.Z[i] = row.z;
    out.ZERR[i] = row.zerr;
    out.ZWARN[i] = row.zwarn;
    out.CHI2[i] = row.chi2;
    out.COEFF.set(row.coeff.subarray(0, NCOEFF_COLUMN), i * NCOEFF_COLUMN);
    out.FITMETHOD.push(row.fitmethod);
    out.NPIXELS[i] = row.npixels;
    out.SPECTYPE.push(row.spectype);
    out.SUBTYPE.push(row.subtype);
    out.NCOEFF[i] = row.ncoeff;
    out.DELTACHI2[i] = row.deltachi2;
  });
  return out;
}

/** A Coadd product as the spectra set the fitter reads. */
export function coaddSpectraSet(coadd: Coadd): SpectraSet {
  const nrows = coadd.FIBERMAP.TARGETID.length;
  const band = (b: "B" | "R" | "Z"): SpectraSet["bands"][number] => ({
    band: b.toLowerCase(),
    wave: Float64Array.from(coadd[`${b}_WAVELENGTH`].data),
    flux: coadd[`${b}_FLUX`].data,
    ivar: coadd[`${b}_IVAR`].data,
    mask: coadd[`${b}_MASK`].data,
    resolution: coadd[`${b}_RESOLUTION`].data,
    ndiag: coadd[`${b}_RESOLUTION`].shape[1] ?? 11,
  });
  return {
    header: coadd.header,
    nrows,
    fibermap: coadd.FIBERMAP as unknown as Columns,
    expFibermap: coadd.EXP_FIBERMAP as unknown as Columns,
    scores: coadd.SCORES as unknown as Columns,
    bands: [band("B"), band("R"), band("Z")],
  };
}

/** The coadd's SCORES as rrdesi copies them into the redrock file's TSNR2: TARGETID and the TSNR2_* columns. */
export function tsnr2Of(coadd: Coadd): Tsnr2Table {
  return Object.fromEntries(Object.entries(coadd.SCORES).filter(([k]) => k === "TARGETID" || k.startsWith("TSNR2_"))) as unknown as Tsnr2Table;
}

/** The primary header of a redrock file: the coadd's grouping keywords, RRVER and the templates used (TEMNAMnn, TEMVERnn). */
export function redrockHeader(coadd: Coadd, templates: readonly Template[]): Redrock["header"] {
  const header: Record<string, string | number | boolean | bigint> = {};
  for (const key of ["SPGRP", "SPGRPVAL", "HPXPIXEL", "HPXNSIDE", "HPXNEST", "SURVEY", "PROGRAM"]) {
    const v = coadd.header[key];
    if (v !== undefined) header[key] = v;
  }
  header["RRVER"] = RRVER;
  templates.forEach((t, i) => {
    const nn = String(i).padStart(2, "0");
    header[`TEMNAM${nn}`] = fullType(t);
    header[`TEMVER${nn}`] = t.version;
  });
  return header;
}

/** The redrock file of a coadd: REDSHIFTS fitted, FIBERMAP and EXP_FIBERMAP copied, TSNR2 from SCORES. */
export function redrockOf(coadd: Coadd, fitter: RedshiftFitter): Redrock {
  const redshifts = fitSpectraSet(coaddSpectraSet(coadd), fitter);
  const ids = coadd.FIBERMAP.TARGETID;
  if (redshifts.TARGETID.length !== ids.length)
    throw new Error(`the coadd's FIBERMAP has ${ids.length} rows but ${redshifts.TARGETID.length} distinct TARGETIDs`);
  return {
    header: redrockHeader(coadd, fitter.templates),
    REDSHIFTS: redshifts,
    FIBERMAP: coadd.FIBERMAP,
    EXP_FIBERMAP: coadd.EXP_FIBERMAP,
    TSNR2: tsnr2Of(coadd),
  };
}

const templateCache = new Map<string, Template[]>();
const fitterCache = new Map<string, RedshiftFitter>();

/**
 * The directory of the stdlib's trained templates. The kernel runs from its source, from the
 * build's copy (dist/stdlib/…) or from a transpiled mirror of its source's absolute path, so the
 * data directory is looked for beside it, at the absolute path the mirror reproduces, and above it.
 */
export function stdlibTemplateDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const ok = (d: string): boolean => existsSync(path.join(d, "rrtemplate-GALAXY.fits"));
  const candidates = [path.join(here, "data")];
  const parts = here.split(path.sep).filter((p) => p !== "");
  for (let i = 1; i < parts.length; i++) candidates.push(path.join(path.sep, ...parts.slice(i), "data"));
  for (let d = here; path.dirname(d) !== d; d = path.dirname(d)) candidates.push(path.join(d, "stdlib", "redshift", "data"));
  const hit = candidates.find(ok);
  if (hit === undefined) throw new KernelError(`${KERNEL}: the stdlib's templates (stdlib/redshift/data) were not found from ${here}`);
  return hit;
}

/** Every `rrtemplate-*.fits` of `dir`, read once per process. */
export function templatesIn(dir: string): Template[] {
  let t = templateCache.get(dir);
  if (t === undefined) {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^rrtemplate-.*\.fits$/.test(f)) : [];
    if (files.length === 0) throw new KernelError(`${KERNEL}: there is no rrtemplate-*.fits in ${dir}`);
    t = files.sort().map((f) => readTemplateFits(path.join(dir, f), f));
    templateCache.set(dir, t);
  }
  return t;
}

/** A fitter of the templates of `dir` for the coadd's wavelength grids, built once per process. */
function fitterFor(dir: string, coadd: Coadd): RedshiftFitter {
  const waves = [coadd.B_WAVELENGTH.data, coadd.R_WAVELENGTH.data, coadd.Z_WAVELENGTH.data].map((w) => Float64Array.from(w));
  const key = `${dir}\0${waves.map((w) => `${w.length}:${w[0]}:${w[w.length - 1]}`).join(",")}`;
  let f = fitterCache.get(key);
  if (f === undefined) {
    f = redshiftFitter(templatesIn(dir), waves);
    fitterCache.set(key, f);
  }
  return f;
}

/**
 * Redshifts of one healpix pixel's coadd (rrdesi on `coadd-{SURVEY}-{PROGRAM}-{PIXNUM}.fits`,
 * docs/sources.md#redrock): every target fitted with the redshift fitter over the templates of
 * `templates` (a directory of `rrtemplate-*.fits`: redrock's own, or, when empty, the stdlib's
 * trained ones), rrdesi's ZWARN bits from the fibermap added, and the coadd's FIBERMAP,
 * EXP_FIBERMAP and TSNR2 copied. Rows follow the coadd's. Deterministic: no random draw.
 */
export async function fit(
  inputs: { readonly coadd: Handle<Coadd> },
  params: {
    /**
     * Directory of redrock-format template files; empty: the stdlib's trained templates.
     * @default ""
     */
    readonly templates: string;
  },
  ctx: KernelContext,
): Promise<{ redrock: Redrock }> {
  const coadd = await inputs.coadd.read();
  const dir = params.templates === undefined || params.templates === "" ? stdlibTemplateDir() : path.resolve(params.templates);
  const t0 = performance.now();
  let redrock: Redrock;
  try {
    redrock = redrockOf(coadd, fitterFor(dir, coadd));
  } catch (e) {
    if (e instanceof KernelError) throw e;
    throw new KernelError(`${KERNEL} (${inputs.coadd.path}): ${(e as Error).message}`);
  }
  const n = redrock.REDSHIFTS.TARGETID.length;
  ctx.log(`${KERNEL}: ${n} targets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { redrock };
}
