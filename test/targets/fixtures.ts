/**
 * Shared inputs of the target tests: small tile tables and an exposure list in memory, and a
 * runner that selects mock targets over many pixels with the test suite's seeded contexts.
 */
import type { ExposureList } from "../../stdlib/datamodel/ExposureList.js";
import type { Targets } from "../../stdlib/datamodel/Targets.js";
import type { TileTable } from "../../stdlib/datamodel/TileTable.js";
import type { Truth } from "../../stdlib/datamodel/Truth.js";
import { footprintPixels, selectMockTargets } from "../../stdlib/targets/index.js";
import { handle, taskCtx } from "../example/helpers.js";

/** A tile table from [TILEID, RA, DEC] rows. */
export function tileTable(rows: readonly (readonly [number, number, number])[]): TileTable {
  return {
    meta: {},
    TILEID: Int32Array.from(rows, (r) => r[0]),
    RA: Float64Array.from(rows, (r) => r[1]),
    DEC: Float64Array.from(rows, (r) => r[2]),
    PASS: Int16Array.from(rows, (_, i) => i % 4),
    PROGRAM: rows.map((_, i) => (i % 2 === 0 ? "DARK" : "BRIGHT")),
    IN_DESI: Int16Array.from(rows, () => 1),
    EBV_MED: Float32Array.from(rows, () => 0.03),
  };
}

/** Tiles at awkward places: the equator, the RA wrap, both poles' neighbourhoods, a base-face corner. */
export const AWKWARD_TILES = tileTable([
  [1000, 150.0, 2.2],
  [1001, 0.3, -10.0],
  [1002, 359.5, 30.0],
  [1003, 45.0, 41.81],
  [1004, 200.0, 88.9],
  [1005, 10.0, -89.5],
  [1006, 90.0, 0.0],
  [1007, 271.0, -41.8],
]);

/** An exposure list over {@link AWKWARD_TILES}: flats (TILEID -1) between science exposures. */
export function exposureList(): ExposureList {
  const rows: [number, number, string][] = [
    [12, 1003, "science"],
    [10, -1, "flat"],
    [11, 1000, "science"],
    [13, 1000, "science"],
    [14, -1, "flat"],
    [15, 1007, "science"],
  ];
  const n = rows.length;
  return {
    meta: {},
    EXPID: Int32Array.from(rows, (r) => r[0]),
    NIGHT: Int32Array.from(rows, () => 20210514),
    TILEID: Int32Array.from(rows, (r) => r[1]),
    FLAVOR: rows.map((r) => r[2]),
    PROGRAM: rows.map((r) => (r[2] === "flat" ? "CALIB" : "DARK")),
    MJD: new Float64Array(n).fill(59348.2),
    EXPTIME: new Float32Array(n).fill(1000),
    AIRMASS: new Float32Array(n).fill(1.1),
    SEEING: new Float32Array(n).fill(1.1),
    TRANSP: new Float32Array(n).fill(1),
    MOONFRAC: new Float32Array(n),
    MOONALT: new Float32Array(n).fill(-10),
    MOONSEP: new Float32Array(n).fill(120),
    EFFTIME: Float32Array.from(rows, (r) => (r[2] === "flat" ? 0 : 1000)),
  };
}

/** Three separated dark tiles, high and low Galactic latitude, north and south of Dec 32.375. */
export const SURVEY_TILES = tileTable([
  [2000, 150.0, 2.0],
  [2001, 185.0, 40.0],
  [2002, 20.0, -25.0],
  [2003, 240.0, 10.0],
]);

/** The targets and truth of one pixel. */
export interface PixelOutput {
  readonly pixel: number;
  readonly targets: Targets;
  readonly truth: Truth;
}

/** Runs selectMockTargets on every footprint pixel of `tiles` at nside 64 with pipeline seed `seed`. */
export async function selectAll(tiles: TileTable, seed: number): Promise<PixelOutput[]> {
  const { keys } = await footprintPixels({ tiles: handle(tiles) }, { nside: 64 }, taskCtx(seed, "footprint"));
  const out: PixelOutput[] = [];
  for (const k of keys) {
    const pixel = Number(k);
    const r = await selectMockTargets({ tiles: handle(tiles) }, { nside: 64 }, taskCtx(seed, "select_mock_targets", { healpix: pixel }));
    out.push({ pixel, ...r });
  }
  return out;
}
