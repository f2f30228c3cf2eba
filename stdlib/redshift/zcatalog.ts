import type { Coadd } from "../datamodel/Coadd.js";
import type { CoaddFibermapTable } from "../datamodel/CoaddFibermapTable.js";
import type { CoaddScoresTable } from "../datamodel/CoaddScoresTable.js";
import type { Redrock } from "../datamodel/Redrock.js";
import type { ZCatalog } from "../datamodel/ZCatalog.js";
import type { ZCatalogTable } from "../datamodel/ZCatalogTable.js";
import { KernelError, type Gather, type Handle, type KernelContext } from "../kernel.js";

const KERNEL = "redshift.zcatalog";

/** The coadded fibermap's columns the catalogue carries. */
export const ZCAT_FIBERMAP_COLUMNS = [
  "COADD_FIBERSTATUS",
  "TARGET_RA",
  "TARGET_DEC",
  "OBJTYPE",
  "DESI_TARGET",
  "BGS_TARGET",
  "MWS_TARGET",
  "SCND_TARGET",
  "COADD_NUMEXP",
  "COADD_EXPTIME",
] as const satisfies readonly (keyof CoaddFibermapTable)[];

/** The coadd's flux and S/N per band, from its SCORES (a redrock file does not carry them). */
export const COADD_SCORE_COLUMNS = [
  "INTEG_COADD_FLUX_B",
  "MEDIAN_COADD_FLUX_B",
  "MEDIAN_COADD_SNR_B",
  "INTEG_COADD_FLUX_R",
  "MEDIAN_COADD_FLUX_R",
  "MEDIAN_COADD_SNR_R",
  "INTEG_COADD_FLUX_Z",
  "MEDIAN_COADD_FLUX_Z",
  "MEDIAN_COADD_SNR_Z",
] as const satisfies readonly (keyof CoaddScoresTable)[];

/** The column that orders a target's rows for ZCAT_PRIMARY (desispec's find_primary_spectra default). */
export const PRIMARY_SORT_COLUMN = "TSNR2_LRG";

/** One pixel's share of the catalogue: its redrock file and its coadd's flux and S/N per band, row-matched. */
export interface ZCatalogPart {
  readonly redrock: Redrock;
  readonly coaddScores: Readonly<Record<(typeof COADD_SCORE_COLUMNS)[number], ArrayLike<number>>> & { readonly TARGETID: BigInt64Array };
}

type Column = ArrayLike<unknown> & { readonly length: number };

function concat(parts: readonly Column[]): Column {
  const first = parts[0];
  if (first === undefined) return [];
  if (Array.isArray(first)) return parts.flatMap((p) => [...(p as readonly unknown[])]);
  const Ctor = (first as unknown as { constructor: new (n: number) => { set(a: ArrayLike<unknown>, o: number): void } & Column }).constructor;
  const out = new Ctor(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * ZCAT_NSPEC and ZCAT_PRIMARY as desispec's find_primary_spectra sets them
 * (docs/sources.md#zcatalog): NSPEC the number of rows of each TARGETID; the primary row of a
 * TARGETID is one with ZWARN 0 if any, among those the largest `sortColumn` (non-finite counting as
 * the smallest), and among equals the first row.
 */
export function findPrimary(targetid: BigInt64Array, zwarn: ArrayLike<number>, sortColumn: ArrayLike<number>): { nspec: Int16Array; primary: Uint8Array } {
  const n = targetid.length;
  const best = new Map<bigint, number>();
  const count = new Map<bigint, number>();
  const rank = (i: number): [number, number] => [zwarn[i] === 0 ? 0 : 1, Number.isFinite(sortColumn[i]) ? -sortColumn[i]! : Infinity];
  for (let i = 0; i < n; i++) {
    const id = targetid[i]!;
    count.set(id, (count.get(id) ?? 0) + 1);
    const b = best.get(id);
    if (b === undefined) {
      best.set(id, i);
      continue;
    }
    const [za, sa] = rank(i);
    const [zb, sb] = rank(b);
    if (za < zb || (za === zb && sa < sb)) best.set(id, i);
  }
  const nspec = new Int16Array(n);
  const primary = new Uint8Array(n);
  for (let i = 0; i < n; i++) nspec[i] = Math.min(count.get(targetid[i]!)!, 32767);
  for (const i of best.values()) primary[i] = 1;
  return { nspec, primary };
}

/** Non-finite values of a float column become 0 (a coadd of no data has no flux or S/N); returns how many. */
function zeroNonFinite(a: Float32Array): number {
  let k = 0;
  for (let i = 0; i < a.length; i++)
    if (!Number.isFinite(a[i]!)) {
      a[i] = 0;
      k++;
    }
  return k;
}

/**
 * The redshift catalogue of many pixels (desispec's zcatalog on redrock files,
 * docs/sources.md#zcatalog): the rows of every part in order, TARGETID, SURVEY, PROGRAM and
 * HEALPIX from each file's header, its REDSHIFTS, the coadded fibermap's targeting and coadd
 * columns, the coadd's integrated and median flux and median S/N per band, TSNR2 per tracer and band, then ZCAT_NSPEC and
 * ZCAT_PRIMARY over the whole catalogue. Non-finite flux, S/N and TSNR2 values are written as 0.
 */
export function zcatalogOf(parts: readonly ZCatalogPart[]): { zcatalog: ZCatalog; zeroed: number } {
  if (parts.length === 0) throw new Error("no redrock file to catalogue");
  const columns: Record<string, Column> = {};
  const each = (f: (p: ZCatalogPart) => Column): Column => concat(parts.map(f));
  const rowsOf = (p: ZCatalogPart): number => p.redrock.REDSHIFTS.TARGETID.length;
  parts.forEach((p, i) => {
    const ids = p.redrock.REDSHIFTS.TARGETID;
    const same = (other: BigInt64Array, what: string): void => {
      if (other.length !== ids.length || other.some((v, k) => v !== ids[k]))
        throw new Error(`part ${i} (healpix ${String(p.redrock.header["HPXPIXEL"])}): ${what}'s TARGETIDs are not REDSHIFTS' row for row`);
    };
    same(p.redrock.FIBERMAP.TARGETID, "FIBERMAP");
    same(p.redrock.TSNR2.TARGETID, "TSNR2");
    same(p.coaddScores.TARGETID, "the coadd's SCORES");
  });
  columns["TARGETID"] = each((p) => p.redrock.REDSHIFTS.TARGETID);
  columns["SURVEY"] = each((p) => new Array<string>(rowsOf(p)).fill(String(p.redrock.header["SURVEY"] ?? "")));
  columns["PROGRAM"] = each((p) => new Array<string>(rowsOf(p)).fill(String(p.redrock.header["PROGRAM"] ?? "")));
  columns["HEALPIX"] = each((p) => new Int32Array(rowsOf(p)).fill(Number(p.redrock.header["HPXPIXEL"] ?? -1)));
  for (const name of Object.keys(parts[0]?.redrock.REDSHIFTS ?? {}))
    if (name !== "TARGETID") columns[name] = each((p) => (p.redrock.REDSHIFTS as unknown as Record<string, Column>)[name]!);
  for (const name of ZCAT_FIBERMAP_COLUMNS) columns[name] = each((p) => p.redrock.FIBERMAP[name]);
  let zeroed = 0;
  for (const name of COADD_SCORE_COLUMNS) {
    columns[name] = each((p) => Float32Array.from(p.coaddScores[name]));
    zeroed += zeroNonFinite(columns[name] as Float32Array);
  }
  for (const name of Object.keys(parts[0]?.redrock.TSNR2 ?? {}))
    if (name !== "TARGETID") {
      columns[name] = each((p) => Float32Array.from((p.redrock.TSNR2 as unknown as Record<string, Float32Array>)[name]!));
      zeroed += zeroNonFinite(columns[name] as Float32Array);
    }
  const { nspec, primary } = findPrimary(columns["TARGETID"] as BigInt64Array, columns["ZWARN"] as Int32Array, columns[PRIMARY_SORT_COLUMN] as Float32Array);
  columns["ZCAT_NSPEC"] = nspec;
  columns["ZCAT_PRIMARY"] = primary;
  return { zcatalog: { header: {}, ZCATALOG: columns as unknown as ZCatalogTable }, zeroed };
}

async function handles<T>(g: Gather<T>): Promise<Handle<T>[]> {
  if (Array.isArray(g)) return [...(g as readonly Handle<T>[])];
  const out: Handle<T>[] = [];
  for await (const h of g as AsyncIterable<Handle<T>>) out.push(h);
  return out;
}

/**
 * The redshift catalogue of the survey (desispec's `desi_zcatalog`, docs/sources.md#zcatalog):
 * every pixel's redrock file with its coadd's flux and S/N per band (read from the coadd's SCORES
 * rows, not its spectra), in the gathers' order, with ZCAT_NSPEC and ZCAT_PRIMARY (`zcatalogOf`).
 */
export async function zcatalog(
  inputs: { readonly redrocks: Gather<Redrock>; readonly coadds: Gather<Coadd> },
  _params: Readonly<Record<string, never>>,
  ctx: KernelContext,
): Promise<{ zcatalog: ZCatalog }> {
  const [rr, co] = await Promise.all([handles(inputs.redrocks), handles(inputs.coadds)]);
  if (rr.length !== co.length) throw new KernelError(`${KERNEL}: ${rr.length} redrock files but ${co.length} coadds`);
  const parts: ZCatalogPart[] = [];
  for (let i = 0; i < rr.length; i++) {
    const redrock = await rr[i]!.read();
    const n = redrock.REDSHIFTS.TARGETID.length;
    const scores = await co[i]!.readRows("SCORES", 0, n, ["TARGETID", ...COADD_SCORE_COLUMNS]);
    parts.push({ redrock, coaddScores: scores as unknown as ZCatalogPart["coaddScores"] });
  }
  try {
    const { zcatalog: zcat, zeroed } = zcatalogOf(parts);
    ctx.log(
      `${KERNEL}: ${zcat.ZCATALOG.TARGETID.length} rows from ${parts.length} pixels${zeroed > 0 ? `; ${zeroed} non-finite S/N values written as 0` : ""}`,
    );
    return { zcatalog: zcat };
  } catch (e) {
    throw new KernelError(`${KERNEL}: ${(e as Error).message}`);
  }
}
