import { findCard, readFits, type ColumnData, type FitsHdu, type ImageHdu, type TableHdu } from "../io/fits/index.js";
import type { Spectrum } from "./Spectrum.js";

/** A table as columns by name, in the file's order. */
export type Columns = Readonly<Record<string, ColumnData>>;

/** One band of a spectra or coadd file: rows aligned with the FIBERMAP's. */
export interface SpectraBand {
  /** Band name as in the HDU names (b, r, z, or brz for a camera-coadded file), lower case. */
  readonly band: string;
  readonly wave: Float64Array;
  /** [nrow, nwave] row-major. */
  readonly flux: ArrayLike<number>;
  readonly ivar: ArrayLike<number>;
  readonly mask?: ArrayLike<number>;
  /** [nrow, ndiag, nwave] row-major, scipy dia layout. */
  readonly resolution: ArrayLike<number>;
  readonly ndiag: number;
}

/**
 * What the redshift fitter needs of a DESI spectra or coadd file, from our products or from DESI's
 * tools alike (docs/sources.md#datamodel): the primary header's keywords, the FIBERMAP's columns
 * (TARGETID, OBJTYPE and FIBERSTATUS or COADD_FIBERSTATUS read), the EXP_FIBERMAP when the file is a
 * coadd, the SCORES, and the bands found by their `X_WAVELENGTH` HDUs.
 */
export interface SpectraSet {
  readonly header: Readonly<Record<string, string | number | boolean | bigint>>;
  readonly nrows: number;
  readonly fibermap: Columns;
  /** Present exactly when the file is already coadded. */
  readonly expFibermap?: Columns;
  readonly scores?: Columns;
  readonly bands: readonly SpectraBand[];
}

/** The rows of one target and its spectra (every row's bands), in the order rows appear. */
export interface TargetRows {
  readonly targetid: bigint;
  readonly rows: readonly number[];
  readonly spectra: readonly Spectrum[];
}

function tableColumns(hdu: TableHdu): Columns {
  return Object.fromEntries(hdu.columns.map((c) => [c.name.toUpperCase(), c.data]));
}

function hduName(h: FitsHdu): string {
  return (h.name ?? "").trim().toUpperCase();
}

function imageOf(hdus: readonly FitsHdu[], name: string, what: string, required: boolean): ImageHdu | undefined {
  const h = hdus.find((x) => hduName(x) === name);
  if (h === undefined) {
    if (required) throw new Error(`${what}: there is no HDU ${name}`);
    return undefined;
  }
  if (h.kind !== "image" || h.data === null) throw new Error(`${what}: HDU ${name} is not an image with data`);
  return h;
}

function bandOf(hdus: readonly FitsHdu[], prefix: string, nrows: number, what: string): SpectraBand {
  const waveHdu = imageOf(hdus, `${prefix}_WAVELENGTH`, what, true)!;
  const wave = Float64Array.from(waveHdu.data as ArrayLike<number>);
  const n = wave.length;
  const image = (suffix: string, required: boolean): ImageHdu | undefined => {
    const h = imageOf(hdus, `${prefix}_${suffix}`, what, required);
    if (h === undefined) return undefined;
    const size = h.shape.reduce((a, b) => a * b, 1);
    if (h.shape[0] !== nrows || size % (nrows * n) !== 0)
      throw new Error(`${what}: ${prefix}_${suffix} is ${h.shape.join("×")}, expected ${nrows} rows of ${n} pixels (FIBERMAP rows × ${prefix}_WAVELENGTH)`);
    return h;
  };
  const flux = image("FLUX", true)!;
  const ivar = image("IVAR", true)!;
  const mask = image("MASK", false);
  const res = image("RESOLUTION", true)!;
  if (res.shape.length !== 3 || res.shape[1]! % 2 !== 1)
    throw new Error(`${what}: ${prefix}_RESOLUTION is ${res.shape.join("×")}, expected rows × an odd number of diagonals × pixels`);
  return {
    band: prefix.toLowerCase(),
    wave,
    flux: flux.data as ArrayLike<number>,
    ivar: ivar.data as ArrayLike<number>,
    ...(mask !== undefined ? { mask: mask.data as ArrayLike<number> } : {}),
    resolution: res.data as ArrayLike<number>,
    ndiag: res.shape[1]!,
  };
}

/**
 * Reads a DESI spectra or coadd file (ours, or one written by desispec) as rrdesi does
 * (docs/sources.md#datamodel, #redrock): HDUs by EXTNAME in any order, the bands from the
 * `X_WAVELENGTH` HDUs (b, r, z, or BRZ), FLUX and IVAR float32 or float64, MASK optional,
 * RESOLUTION [nrow, ndiag, nwave]. FIBERMAP (with TARGETID) and SCORES are required, as rrdesi
 * requires them; EXP_FIBERMAP marks a coadd.
 */
export function readCoadd(file: string | Uint8Array, source = typeof file === "string" ? file : "<memory>"): SpectraSet {
  const what = `readCoadd(${source})`;
  const hdus = readFits(file);
  const table = (name: string): TableHdu | undefined => {
    const h = hdus.find((x) => hduName(x) === name);
    if (h !== undefined && h.kind !== "table") throw new Error(`${what}: HDU ${name} is not a table`);
    return h;
  };
  const fm = table("FIBERMAP");
  if (fm === undefined) throw new Error(`${what}: there is no FIBERMAP HDU`);
  const fibermap = tableColumns(fm);
  if (!(fibermap["TARGETID"] instanceof BigInt64Array)) throw new Error(`${what}: FIBERMAP has no int64 TARGETID column`);
  const scoresHdu = table("SCORES");
  if (scoresHdu === undefined) throw new Error(`${what}: there is no SCORES HDU (rrdesi requires one)`);
  const exp = table("EXP_FIBERMAP");
  const prefixes = hdus
    .map(hduName)
    .filter((n) => n.endsWith("_WAVELENGTH"))
    .map((n) => n.slice(0, -"_WAVELENGTH".length));
  if (prefixes.length === 0) throw new Error(`${what}: there is no X_WAVELENGTH HDU: no band to fit`);
  const header: Record<string, string | number | boolean | bigint> = {};
  for (const key of ["SPGRP", "SPGRPVAL", "HPXPIXEL", "HPXNSIDE", "HPXNEST", "SURVEY", "PROGRAM", "TILEID", "NIGHT", "EXPID"]) {
    const v = findCard(hdus[0]!.header, key)?.value;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") header[key] = v;
    else if (typeof v === "bigint") header[key] = Number(v);
  }
  return {
    header,
    nrows: fm.nrows,
    fibermap,
    ...(exp !== undefined ? { expFibermap: tableColumns(exp) } : {}),
    scores: tableColumns(scoresHdu),
    bands: prefixes.map((p) => bandOf(hdus, p, fm.nrows, what)),
  };
}

/**
 * The targets of a spectra set, in order of first appearance, each with the spectra of all its
 * rows: a coadd has one row per target; in an uncoadded file a target's exposures are fitted
 * together (their χ² summed, which is the χ² of their inverse-variance coadd up to a constant).
 */
export function targetRows(set: SpectraSet): TargetRows[] {
  const ids = set.fibermap["TARGETID"] as BigInt64Array;
  const byId = new Map<bigint, number[]>();
  for (let i = 0; i < set.nrows; i++) {
    const rows = byId.get(ids[i]!);
    if (rows === undefined) byId.set(ids[i]!, [i]);
    else rows.push(i);
  }
  return [...byId].map(([targetid, rows]) => ({
    targetid,
    rows,
    spectra: rows.flatMap((row) => set.bands.map((b) => bandRow(b, row))),
  }));
}

function bandRow(b: SpectraBand, row: number): Spectrum {
  const n = b.wave.length;
  const slice = (a: ArrayLike<number>, size: number): ArrayLike<number> =>
    ArrayBuffer.isView(a) ? (a as unknown as Float32Array).subarray(row * size, (row + 1) * size) : Array.prototype.slice.call(a, row * size, (row + 1) * size);
  return {
    wave: b.wave,
    flux: slice(b.flux, n),
    ivar: slice(b.ivar, n),
    ...(b.mask !== undefined ? { mask: slice(b.mask, n) } : {}),
    resolution: slice(b.resolution, b.ndiag * n),
    ndiag: b.ndiag,
  };
}
