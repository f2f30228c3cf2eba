import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { exposurePixels, footprintPixels, tilePixels } from "../../stdlib/targets/index.js";
import { handle, taskCtx } from "../example/helpers.js";
import { findPython, runPython } from "../helpers/externalTools.js";
import { AWKWARD_TILES, exposureList, tileTable } from "./fixtures.js";

const NSIDE = 64;
const RADIUS = 1.6; // deg, DESI's field of view
const ctx = taskCtx(1, "footprint");

/** Unit vector of (ra, dec) in degrees, written here independently of the kernels. */
function vec(ra: number, dec: number): [number, number, number] {
  const r = (ra * Math.PI) / 180;
  const d = (dec * Math.PI) / 180;
  return [Math.cos(d) * Math.cos(r), Math.cos(d) * Math.sin(r), Math.sin(d)];
}

/** Angular distance in degrees between two unit vectors. */
function sep(a: readonly number[], b: readonly number[]): number {
  const dot = (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0);
  const cx = (a[1] ?? 0) * (b[2] ?? 0) - (a[2] ?? 0) * (b[1] ?? 0);
  const cy = (a[2] ?? 0) * (b[0] ?? 0) - (a[0] ?? 0) * (b[2] ?? 0);
  const cz = (a[0] ?? 0) * (b[1] ?? 0) - (a[1] ?? 0) * (b[0] ?? 0);
  return (Math.atan2(Math.hypot(cx, cy, cz), dot) * 180) / Math.PI;
}

/** healpy's view of every nside-64 pixel: centre and 4 corners (nested), and its query_disc for each tile. */
function healpyReference(tiles: { ra: number; dec: number }[]): { points: number[][][]; discs: number[][] } {
  const py = findPython(["healpy", "numpy"], ["python3-healpy", "python3-numpy"]);
  const file = path.join(tmpdir(), `dflow-targets-tiles-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(tiles));
  const script = `
import json, sys, numpy as np, healpy as hp
nside = ${NSIDE}
tiles = json.load(open(sys.argv[1]))
pix = np.arange(hp.nside2npix(nside))
c = np.array(hp.pix2vec(nside, pix, nest=True)).T
b = hp.boundaries(nside, pix, step=1, nest=True)  # (npix, 3, 4)
pts = np.concatenate([c[:, None, :], np.transpose(b, (0, 2, 1))], axis=1)
discs = [hp.query_disc(nside, hp.ang2vec(t["ra"], t["dec"], lonlat=True), np.radians(${RADIUS}), inclusive=True, nest=True).tolist() for t in tiles]
print(json.dumps({"points": np.round(pts, 15).tolist(), "discs": discs}))
`;
  return JSON.parse(runPython(py, script, [file])) as { points: number[][][]; discs: number[][] };
}

describe("footprintPixels, tilePixels and exposurePixels", () => {
  const tiles = AWKWARD_TILES;
  const centres = [...tiles.TILEID].map((_, i) => ({ ra: tiles.RA[i] ?? 0, dec: tiles.DEC[i] ?? 0 }));
  const ref = healpyReference(centres);
  const pixelSize = Math.sqrt((4 * Math.PI) / (12 * NSIDE * NSIDE)) * (180 / Math.PI);

  test("each tile's pixels hold every pixel whose centre is within 1.6° and only pixels with a point within 1.6° plus a pixel size (brute force over the sphere)", async () => {
    const { pairs } = await tilePixels({ tiles: handle(tiles) }, { nside: NSIDE }, ctx);
    centres.forEach((c, t) => {
      const id = tiles.TILEID[t];
      const got = new Set(pairs.filter((p) => p[0] === id).map((p) => Number(p[1])));
      const centre = vec(c.ra, c.dec);
      let inside = 0;
      ref.points.forEach((pts, pix) => {
        const dCentre = sep(centre, pts[0] ?? []);
        if (dCentre <= RADIUS) {
          inside++;
          expect(got.has(pix), `tile ${id} misses pixel ${pix} whose centre is ${dCentre.toFixed(3)}°`).toBe(true);
        }
        if (got.has(pix)) {
          const nearest = Math.min(...pts.map((p) => sep(centre, p)));
          expect(nearest, `tile ${id} pixel ${pix}`).toBeLessThanOrEqual(RADIUS + pixelSize);
        }
      });
      expect(inside).toBeGreaterThan(5);
      expect(got.size).toBeGreaterThan(inside);
    });
  });

  test("tilePixels equals healpy's query_disc(inclusive=True, nest=True) for every tile, ordered by TILEID then pixel", async () => {
    const { pairs } = await tilePixels({ tiles: handle(tiles) }, { nside: NSIDE }, ctx);
    const expected: number[][] = [];
    const order = [...tiles.TILEID.keys()].sort((a, b) => (tiles.TILEID[a] ?? 0) - (tiles.TILEID[b] ?? 0));
    for (const t of order) for (const p of ref.discs[t] ?? []) expected.push([tiles.TILEID[t] ?? 0, p]);
    expect(pairs).toEqual(expected);
    for (const p of pairs) for (const k of p) expect(typeof k).toBe("number");
  });

  test("footprintPixels is the sorted union of the tiles' pixels, as numbers", async () => {
    const { keys } = await footprintPixels({ tiles: handle(tiles) }, { nside: NSIDE }, ctx);
    const union = [...new Set(ref.discs.flat())].sort((a, b) => a - b);
    expect(keys).toEqual(union);
    expect(keys.every((k) => typeof k === "number")).toBe(true);
  });

  test("exposurePixels pairs each science exposure with its tile's pixels, flats with none, ordered by EXPID", async () => {
    const exposures = exposureList();
    const { pairs } = await exposurePixels({ tiles: handle(tiles), exposures: handle(exposures) }, { nside: NSIDE }, ctx);
    const tileRow = new Map([...tiles.TILEID].map((id, i) => [id, i]));
    const expected: number[][] = [];
    const rows = [...exposures.EXPID.keys()].sort((a, b) => (exposures.EXPID[a] ?? 0) - (exposures.EXPID[b] ?? 0));
    for (const r of rows) {
      const tileid = exposures.TILEID[r] ?? -1;
      if (tileid === -1) continue;
      for (const p of ref.discs[tileRow.get(tileid) ?? -1] ?? []) expected.push([exposures.EXPID[r] ?? 0, p]);
    }
    expect(pairs).toEqual(expected);
    expect(pairs.some((p) => p[0] === 10 || p[0] === 14)).toBe(false);
  });

  test("an exposure on a tile the table does not list is an error naming both", async () => {
    const exposures = exposureList();
    const bad = { ...exposures, TILEID: Int32Array.from(exposures.TILEID, (t) => (t === 1007 ? 4242 : t)) };
    await expect(exposurePixels({ tiles: handle(tiles), exposures: handle(bad) }, { nside: NSIDE }, ctx)).rejects.toThrow(/exposure 15 observes tile 4242/);
  });

  test("an nside that is not a power of two, a repeated TILEID and a bad tile centre are refused with clear errors", async () => {
    await expect(footprintPixels({ tiles: handle(tiles) }, { nside: 48 }, ctx)).rejects.toThrow(/nside 48 is not a power of two/);
    await expect(tilePixels({ tiles: handle(tiles) }, { nside: 0 }, ctx)).rejects.toThrow(/power of two/);
    await expect(exposurePixels({ tiles: handle(tiles), exposures: handle(exposureList()) }, { nside: 6.4 }, ctx)).rejects.toThrow(/power of two/);
    const twice = tileTable([
      [7, 10, 10],
      [7, 20, 10],
    ]);
    await expect(footprintPixels({ tiles: handle(twice) }, { nside: NSIDE }, ctx)).rejects.toThrow(/TILEID 7 is listed twice/);
    const nan = tileTable([[8, Number.NaN, 10]]);
    await expect(tilePixels({ tiles: handle(nan) }, { nside: NSIDE }, ctx)).rejects.toThrow(/tile 8/);
  });

  test("an empty tile table has an empty footprint", async () => {
    expect((await footprintPixels({ tiles: handle(tileTable([])) }, { nside: NSIDE }, ctx)).keys).toEqual([]);
  });
});
