import type { ExposureList } from "../datamodel/ExposureList.js";
import type { Fibermap } from "../datamodel/Fibermap.js";
import { checkNestedNside } from "../healpix/index.js";
import { FIBERS_PER_PETAL } from "../instrument/index.js";
import type { Gather, Handle, KernelContext, int } from "../kernel.js";
import { KernelError } from "../kernel.js";
import { fiberPixels } from "./fiberPixels.js";
import { gatherAll } from "./gatherAll.js";
import type { TilePixels } from "./TilePixels.js";

/** The columns of a fibermap the pixel map needs (about 20 bytes of a 1 kB row). */
const COLUMNS = ["FIBER", "TARGET_RA", "TARGET_DEC"] as const;

/**
 * The pixel map of the regrouping (desispec `fibermap2tilepix`, docs/sources.md#healpix): for every
 * tile that a science exposure of the program observed, and every petal below `npetal`, the
 * nested pixels at `nside` its fibers' TARGET_RA/DEC fall in, with the number of fibers in each.
 * Reads three columns of each tile's fibermap, nothing else. Rows are ordered by TILEID, PETAL,
 * HEALPIX whatever the gather's order. A fibermap whose header names another SURVEY or PROGRAM
 * than the params is a {@link KernelError}: dark and bright are never grouped together.
 */
export async function petalPixels(
  inputs: { readonly exposures: Handle<ExposureList>; readonly fibermaps: Gather<Fibermap> },
  params: {
    /**
     * HEALPix nside of the grouping (nested numbering); DESI groups at 64.
     * @default 64
     */
    readonly nside: int;
    /**
     * Petals whose cframes exist: 0 … npetal − 1.
     * @default 10
     */
    readonly npetal: int;
    /**
     * Survey of the grouping (main, sv1, …).
     * @default "main"
     */
    readonly survey: string;
    /**
     * Observing program of the grouping (dark, bright, …); only its exposures are grouped.
     * @default "dark"
     */
    readonly program: string;
  },
  _ctx: KernelContext,
): Promise<{ tilepix: TilePixels }> {
  const nside = checkNestedNside(params.nside, "group.petalPixels");
  const exposures = await inputs.exposures.read();
  const program = params.program.trim().toLowerCase();
  const observed = new Set<number>();
  for (let i = 0; i < exposures.EXPID.length; i++) {
    const science = (exposures.FLAVOR[i] ?? "").trim().toLowerCase() === "science";
    if (science && (exposures.PROGRAM[i] ?? "").trim().toLowerCase() === program) observed.add(exposures.TILEID[i] ?? -1);
  }
  const rows: [number, number, number, number][] = [];
  for (const h of await gatherAll(inputs.fibermaps)) {
    const header = await h.header();
    const tileid = Number(header["TILEID"]);
    if (!observed.has(tileid)) continue;
    checkGrouping(header, params.survey, program, h.path);
    const fm = (await h.readRows("FIBERMAP", 0, Number.MAX_SAFE_INTEGER, COLUMNS)) as { FIBER: Int32Array; TARGET_RA: Float64Array; TARGET_DEC: Float64Array };
    const pix = fiberPixels(nside, fm.TARGET_RA, fm.TARGET_DEC);
    const counts = new Map<string, number>();
    for (let i = 0; i < pix.length; i++) {
      const petal = Math.floor((fm.FIBER[i] ?? -1) / FIBERS_PER_PETAL);
      if (pix[i]! < 0 || petal < 0 || petal >= params.npetal) continue;
      const k = `${petal},${pix[i]!}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, n] of counts) {
      const [petal, p] = k.split(",").map(Number) as [number, number];
      rows.push([tileid, petal, p, n]);
    }
  }
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return {
    tilepix: {
      meta: { NSIDE: nside, NEST: true, SURVEY: params.survey, PROGRAM: program },
      TILEID: Int32Array.from(rows, (r) => r[0]),
      PETAL: Int16Array.from(rows, (r) => r[1]),
      HEALPIX: Int32Array.from(rows, (r) => r[2]),
      NFIBER: Int32Array.from(rows, (r) => r[3]),
    },
  };
}

/** Throws a {@link KernelError} when a header's SURVEY or PROGRAM is not the grouping's. */
export function checkGrouping(header: Readonly<Record<string, unknown>>, survey: string, program: string, path: string): void {
  const text = (v: unknown, fallback: string): string => (typeof v === "string" ? v : fallback).trim().toLowerCase();
  const s = text(header["SURVEY"], survey);
  const p = text(header["PROGRAM"], program);
  if (s !== survey.trim().toLowerCase() || p !== program.trim().toLowerCase()) {
    throw new KernelError(`${path} is survey ${s}, program ${p}, but this grouping is ${survey}/${program}: programs are never grouped together`);
  }
}
