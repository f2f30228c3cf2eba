/** What the QA kernel reads from the products: only the columns it uses, every file opened once. */
import type { CFrame } from "../datamodel/CFrame.js";
import type { ExposureList } from "../datamodel/ExposureList.js";
import type { Fibermap } from "../datamodel/Fibermap.js";
import type { Targets } from "../datamodel/Targets.js";
import type { TileTable } from "../datamodel/TileTable.js";
import type { Truth } from "../datamodel/Truth.js";
import type { ZCatalog } from "../datamodel/ZCatalog.js";
import type { Gather, Handle } from "../kernel.js";
import { exposureDepth, type ExposureDepth } from "./exposureQa.js";
import type { MatchedTarget } from "./redshiftQa.js";

const ALL = Number.MAX_SAFE_INTEGER;

async function each<T>(g: Gather<T>, use: (h: Handle<T>) => Promise<void>): Promise<void> {
  for await (const h of g) await use(h);
}

/** The truth of every target, by TARGETID. */
export interface TruthRow {
  readonly cls: string;
  readonly truespectype: string;
  readonly ztrue: number;
  readonly mag: number;
  readonly oii: number;
}

/** The truth of every target of the gathered truth files, by TARGETID. */
export async function readTruth(truth: Gather<Truth>): Promise<Map<bigint, TruthRow>> {
  const out = new Map<bigint, TruthRow>();
  await each(truth, async (h) => {
    const t = (await h.readRows("TRUTH", 0, ALL, ["TARGETID", "TRUEZ", "TRUESPECTYPE", "TEMPLATETYPE", "MAG", "OIIFLUX"])) as {
      TARGETID: BigInt64Array;
      TRUEZ: Float64Array;
      TRUESPECTYPE: string[];
      TEMPLATETYPE: string[];
      MAG: Float32Array;
      OIIFLUX: Float32Array;
    };
    for (let i = 0; i < t.TARGETID.length; i++)
      out.set(t.TARGETID[i]!, {
        cls: t.TEMPLATETYPE[i]!.trim(),
        truespectype: t.TRUESPECTYPE[i]!.trim(),
        ztrue: t.TRUEZ[i]!,
        mag: t.MAG[i]!,
        oii: t.OIIFLUX[i]!,
      });
  });
  return out;
}

/** The catalogue's primary rows matched to their truth (rows with no truth are counted apart), and the observed positions. */
export async function readCatalogue(
  zcatalog: Handle<ZCatalog>,
  truth: ReadonlyMap<bigint, TruthRow>,
): Promise<{ matched: MatchedTarget[]; unmatched: number; radec: { ra: number; dec: number; cls: string }[] }> {
  const z = (await zcatalog.readRows("ZCATALOG", 0, ALL, ["TARGETID", "Z", "ZWARN", "SPECTYPE", "ZCAT_PRIMARY", "TARGET_RA", "TARGET_DEC"])) as {
    TARGETID: BigInt64Array;
    Z: Float64Array;
    ZWARN: Int32Array;
    SPECTYPE: string[];
    ZCAT_PRIMARY: Uint8Array;
    TARGET_RA: Float64Array;
    TARGET_DEC: Float64Array;
  };
  const matched: MatchedTarget[] = [];
  const radec: { ra: number; dec: number; cls: string }[] = [];
  let unmatched = 0;
  for (let i = 0; i < z.TARGETID.length; i++) {
    if (z.ZCAT_PRIMARY[i] !== 1) continue;
    const t = truth.get(z.TARGETID[i]!);
    if (t === undefined) {
      unmatched++;
      continue;
    }
    // A sky fiber's row is no target's redshift.
    if (t.cls === "SKY") continue;
    matched.push({
      cls: t.cls,
      ztrue: t.ztrue,
      z: z.Z[i]!,
      zwarn: z.ZWARN[i]!,
      spectype: z.SPECTYPE[i]!,
      truespectype: t.truespectype,
      mag: t.mag,
      oii: t.oii,
    });
    radec.push({ ra: z.TARGET_RA[i]!, dec: z.TARGET_DEC[i]!, cls: t.cls });
  }
  return { matched, unmatched, radec };
}

/** Every target's TARGETID and position, from the gathered target files. */
export async function readTargets(targets: Gather<Targets>): Promise<{ id: BigInt64Array; ra: Float64Array; dec: Float64Array }[]> {
  const out: { id: BigInt64Array; ra: Float64Array; dec: Float64Array }[] = [];
  await each(targets, async (h) => {
    const t = (await h.readRows("TARGETS", 0, ALL, ["TARGETID", "RA", "DEC"])) as { TARGETID: BigInt64Array; RA: Float64Array; DEC: Float64Array };
    out.push({ id: t.TARGETID, ra: t.RA, dec: t.DEC });
  });
  return out;
}

/** The TARGETIDs a fiber was assigned to (OBJTYPE TGT), over every tile's fibermap. */
export async function readAssigned(fibermaps: Gather<Fibermap>): Promise<Set<bigint>> {
  const out = new Set<bigint>();
  await each(fibermaps, async (h) => {
    const f = (await h.readRows("FIBERMAP", 0, ALL, ["TARGETID", "OBJTYPE"])) as { TARGETID: BigInt64Array; OBJTYPE: string[] };
    for (let i = 0; i < f.TARGETID.length; i++) if (f.OBJTYPE[i]!.trim() === "TGT") out.add(f.TARGETID[i]!);
  });
  return out;
}

/** The tiles' centres. */
export async function readTiles(tiles: Handle<TileTable>): Promise<{ tileid: number; ra: number; dec: number }[]> {
  const t = await tiles.read();
  return Array.from(t.TILEID, (id, i) => ({ tileid: id, ra: t.RA[i]!, dec: t.DEC[i]! }));
}

/** The depth of each science exposure from its cframes' SCORES (TSNR2_LRG of the science fibers). */
export async function readDepths(exposures: Handle<ExposureList>, cframes: Gather<CFrame>): Promise<ExposureDepth[]> {
  const ex = await exposures.read();
  const perExposure = new Map<number, Map<string, Map<string, number>>>();
  await each(cframes, async (h) => {
    await h.session(async (f) => {
      const header = await f.header();
      const expid = Number(header["EXPID"]);
      const camera = String(header["CAMERA"] ?? "").trim();
      const band = camera.charAt(0).toUpperCase();
      const fm = (await f.readRows("FIBERMAP", 0, ALL, ["FIBER", "OBJTYPE"])) as { FIBER: Int32Array; OBJTYPE: string[] };
      const sc = (await f.readRows("SCORES", 0, ALL, [`TSNR2_LRG_${band}`])) as Record<string, Float64Array>;
      const col = sc[`TSNR2_LRG_${band}`]!;
      let cams = perExposure.get(expid);
      if (cams === undefined) perExposure.set(expid, (cams = new Map<string, Map<string, number>>()));
      let fibers = cams.get(band);
      if (fibers === undefined) cams.set(band, (fibers = new Map<string, number>()));
      for (let i = 0; i < fm.FIBER.length; i++) if (fm.OBJTYPE[i]!.trim() === "TGT") fibers.set(String(fm.FIBER[i]), col[i]!);
    });
  });
  const out: ExposureDepth[] = [];
  for (let i = 0; i < ex.EXPID.length; i++) {
    const cams = perExposure.get(ex.EXPID[i]!);
    if (cams === undefined) continue;
    out.push(
      exposureDepth({ expid: ex.EXPID[i]!, night: ex.NIGHT[i]!, tileid: ex.TILEID[i]!, exptime: ex.EXPTIME[i]!, efftimePlanned: ex.EFFTIME[i]! }, [
        ...cams.values(),
      ]),
    );
  }
  return out;
}
