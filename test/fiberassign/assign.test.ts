import { describe, expect, it } from "vitest";
import type { Fibermap } from "../../stdlib/datamodel/Fibermap.js";
import type { Targets } from "../../stdlib/datamodel/Targets.js";
import { assign, focalPlane, focalToRadec, radecToFocal, radiusToTheta, TILE_RADIUS_DEG } from "../../stdlib/fiberassign/index.js";
import { radec2pix } from "../../stdlib/healpix/index.js";
import type { Handle } from "../../stdlib/kernel.js";
import { handle, taskCtx, testRng } from "../example/helpers.js";
import { documentedCentres } from "./documentedCentres.js";
import { BIT, capPositions, separation, target, tileTable, targetsFile, type SynthTarget } from "./synth.js";

const TILE = { id: 1000, ra: 150, dec: 30, program: "DARK" };
const PARAMS = { nsky: 40, nstd: 10, maxscience: 500, extraSky: true, matchObsconditions: true, keepout: 2.6, survey: "main" };
const centres = documentedCentres();

type Cls = "QSO" | "LRG" | "ELG" | "SKY" | "STD";

/** Targets of each class at `density` per deg² within `radius` of the tile centre, split by nside-64 pixel. */
function field(seed: number, density: Partial<Record<Cls, number>>, radius: number, omitSubpriority = false): Targets[] {
  const rng = testRng(seed);
  const area = 2 * Math.PI * (1 - Math.cos((radius * Math.PI) / 180)) * (180 / Math.PI) ** 2;
  const byPixel = new Map<number, SynthTarget[]>();
  for (const [cls, d] of Object.entries(density) as [Cls, number][]) {
    for (const p of capPositions(rng, TILE.ra, TILE.dec, radius, Math.round(d * area))) {
      const pix = radec2pix(64, p.ra, p.dec, true);
      const list = byPixel.get(pix) ?? [];
      list.push(target(cls, p.ra, p.dec));
      byPixel.set(pix, list);
    }
  }
  return [...byPixel.keys()].sort((a, b) => a - b).map((pix) => targetsFile(byPixel.get(pix) ?? [], pix, omitSubpriority));
}

async function run(files: readonly Targets[], seed = 1, params = PARAMS, logs: string[] = [], tile = TILE.id): Promise<Fibermap> {
  const handles = files.map((f) => handle(f, { healpix: Number(f.header["HPXPIXEL"]) }));
  const out = await assign(
    { tiles: handle(tileTable([TILE, { id: 1001, ra: 152, dec: 31 }])), targets: handles },
    params,
    taskCtx(seed, "fiberassign", { tile }, logs),
  );
  return out.fibermap;
}

/** Focal-plane position of a sky position on TILE, and whether any documented positioner reaches it. */
function reachable(ra: number, dec: number): boolean {
  const xy = radecToFocal(ra, dec, TILE.ra, TILE.dec);
  for (let i = 0; i < 5000; i++) if (Math.hypot(xy.x - (centres.x[i] ?? 0), xy.y - (centres.y[i] ?? 0)) <= 6) return true;
  return false;
}

const DENSE: Partial<Record<Cls, number>> = { QSO: 700, LRG: 700, ELG: 2400, STD: 120, SKY: 1500 };

describe("fiberassign.assign", () => {
  it("writes 5000 fibers in FIBER order with the tile's header", async () => {
    const fm = await run(field(1, DENSE, 1.75));
    const t = fm.FIBERMAP;
    expect(t.FIBER.length).toBe(5000);
    expect(Array.from(t.FIBER)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    for (let i = 0; i < 5000; i++) {
      expect(t.LOCATION[i]).toBe(BigInt((t.PETAL_LOC[i] ?? 0) * 1000 + (t.DEVICE_LOC[i] ?? 0)));
      expect(t.FIBER[i]).toBe((t.PETAL_LOC[i] ?? 0) * 500 + (t.DEVICE_LOC[i] ?? 0));
    }
    expect(fm.header).toMatchObject({ TILEID: 1000, TILERA: 150, TILEDEC: 30, SURVEY: "main", PROGRAM: "dark" });
    // Every column of the table has 5000 rows.
    for (const [name, col] of Object.entries(t)) expect((col as { length: number }).length, name).toBe(5000);
  });

  it("never places a fiber beyond its positioner's 6 mm reach, and puts it on the target", async () => {
    const fm = await run(field(2, DENSE, 1.75));
    const t = fm.FIBERMAP;
    let assigned = 0;
    for (let i = 0; i < 5000; i++) {
      const x = t.FIBERASSIGN_X[i] ?? 0;
      const y = t.FIBERASSIGN_Y[i] ?? 0;
      // FIBERASSIGN_X/Y are float32: allow their rounding (≈ 3e-5 mm at 400 mm).
      expect(Math.hypot(x - (centres.x[i] ?? 0), y - (centres.y[i] ?? 0))).toBeLessThanOrEqual(6 + 1e-4);
      if ((t.TARGETID[i] ?? -1n) < 0n) continue;
      assigned++;
      const xy = radecToFocal(t.TARGET_RA[i] ?? 0, t.TARGET_DEC[i] ?? 0, TILE.ra, TILE.dec);
      expect(Math.hypot(xy.x - x, xy.y - y)).toBeLessThan(1e-4);
      expect(t.FIBER_X[i]).toBeCloseTo(x, 4);
      expect(t.PLATE_RA[i]).toBe(t.TARGET_RA[i]);
    }
    expect(assigned).toBeGreaterThan(4500);
  });

  it("never puts two assigned fiber tips closer than the 2.6 mm keep-out", async () => {
    const fm = await run(field(3, { ...DENSE, ELG: 6000 }, 1.75));
    const t = fm.FIBERMAP;
    const idx = Array.from({ length: 5000 }, (_, i) => i).filter((i) => (t.TARGETID[i] ?? -1n) >= 0n);
    let minD = Infinity;
    for (let a = 0; a < idx.length; a++) {
      const i = idx[a] ?? 0;
      for (let b = a + 1; b < idx.length; b++) {
        const j = idx[b] ?? 0;
        minD = Math.min(minD, Math.hypot((t.FIBERASSIGN_X[i] ?? 0) - (t.FIBERASSIGN_X[j] ?? 0), (t.FIBERASSIGN_Y[i] ?? 0) - (t.FIBERASSIGN_Y[j] ?? 0)));
      }
    }
    expect(minD).toBeGreaterThanOrEqual(2.6 - 1e-4);
  });

  it("meets the per-petal minima of 40 sky and 10 standard-star fibers", async () => {
    const fm = await run(field(4, DENSE, 1.75));
    const t = fm.FIBERMAP;
    const sky = new Array<number>(10).fill(0);
    const std = new Array<number>(10).fill(0);
    for (let i = 0; i < 5000; i++) {
      const p = t.PETAL_LOC[i] ?? 0;
      if (t.OBJTYPE[i] === "SKY") {
        sky[p] = (sky[p] ?? 0) + 1;
        expect(t.FA_TYPE[i]).toBe(4);
        expect((t.DESI_TARGET[i] ?? 0n) & BIT.SKY).toBe(BIT.SKY);
      }
      if (((t.DESI_TARGET[i] ?? 0n) & BIT.STD_FAINT) !== 0n) {
        std[p] = (std[p] ?? 0) + 1;
        expect(t.OBJTYPE[i]).toBe("TGT");
        expect(t.FA_TYPE[i]).toBe(2);
      }
    }
    for (let p = 0; p < 10; p++) {
      expect(sky[p]).toBeGreaterThanOrEqual(40);
      expect(std[p]).toBeGreaterThanOrEqual(10);
    }
    expect(fm.header["FA_MNSTD"]).toBeGreaterThanOrEqual(10);
    expect(fm.header["FA_MNSKY"]).toBeGreaterThanOrEqual(40);
  });

  it("assigns every standard star when a petal has fewer candidates than the minimum, and says so", async () => {
    const fp = focalPlane();
    // Three standards on petal 0, at the centres of well separated positioners; plenty of sky and science.
    const stds = [10, 200, 400].map((d) => focalToRadec(fp.x[d] ?? 0, fp.y[d] ?? 0, TILE.ra, TILE.dec));
    const files = field(5, { QSO: 700, LRG: 700, ELG: 2400, SKY: 1500 }, 1.75);
    files.push(
      targetsFile(
        stds.map((s) => target("STD", s.ra, s.dec)),
        99999,
      ),
    );
    const logs: string[] = [];
    const fm = await run(files, 1, PARAMS, logs);
    const t = fm.FIBERMAP;
    const got = Array.from({ length: 5000 }, (_, i) => i).filter((i) => ((t.DESI_TARGET[i] ?? 0n) & BIT.STD_FAINT) !== 0n);
    expect(got.length).toBe(3);
    expect(got.every((i) => t.PETAL_LOC[i] === 0)).toBe(true);
    expect(logs.some((l) => /petal 0 has 3 standard-star fibers, fewer than the 10 asked: every one of the 3 standard-star candidates/.test(l))).toBe(true);
    expect(logs.some((l) => /petal 7 has 0 standard-star fibers, fewer than the 10 asked/.test(l))).toBe(true);
    expect(fm.header["FA_MNSTD"]).toBe(0);
  });

  it("gives higher-priority classes a larger assigned fraction on a dense field", async () => {
    const files = field(6, DENSE, 1.75);
    const fm = await run(files);
    const assignedIds = new Set(Array.from(fm.FIBERMAP.TARGETID).filter((id) => id >= 0n));
    const frac = new Map<string, [number, number]>();
    for (const f of files) {
      const tt = f.TARGETS;
      for (let r = 0; r < tt.TARGETID.length; r++) {
        const pri = Number(tt.PRIORITY_INIT[r]);
        if (pri < 0) continue;
        if (separation(tt.RA[r] ?? 0, tt.DEC[r] ?? 0, TILE.ra, TILE.dec) > 1.5) continue;
        const cls = String(pri);
        const [a, n] = frac.get(cls) ?? [0, 0];
        frac.set(cls, [a + (assignedIds.has(tt.TARGETID[r] ?? 0n) ? 1 : 0), n + 1]);
      }
    }
    const f = (p: number): number => {
      const [a, n] = frac.get(String(p)) ?? [0, 1];
      return a / n;
    };
    console.log(`assigned fraction within 1.5°: QSO(3400) ${f(3400).toFixed(3)}, LRG(3200) ${f(3200).toFixed(3)}, ELG(3000) ${f(3000).toFixed(3)}`);
    expect(f(3400)).toBeGreaterThan(f(3200));
    expect(f(3200)).toBeGreaterThan(f(3000));
    expect(f(3000)).toBeGreaterThan(0);
  });

  it("reports the assignment efficiency of each class, reachable targets that got a fiber", async () => {
    const files = field(7, DENSE, 1.75);
    const fm = await run(files);
    const assignedIds = new Set(Array.from(fm.FIBERMAP.TARGETID).filter((id) => id >= 0n));
    const names: Record<string, string> = { "3400": "QSO", "3200": "LRG", "3000": "ELG" };
    const count = new Map<string, [number, number]>();
    for (const f of files) {
      const tt = f.TARGETS;
      for (let r = 0; r < tt.TARGETID.length; r++) {
        const d = tt.DESI_TARGET[r] ?? 0n;
        const cls = d === BIT.SKY ? "SKY" : d === BIT.STD_FAINT ? "STD" : (names[String(tt.PRIORITY_INIT[r])] ?? "?");
        if (separation(tt.RA[r] ?? 0, tt.DEC[r] ?? 0, TILE.ra, TILE.dec) > TILE_RADIUS_DEG || !reachable(tt.RA[r] ?? 0, tt.DEC[r] ?? 0)) continue;
        const [a, n] = count.get(cls) ?? [0, 0];
        count.set(cls, [a + (assignedIds.has(tt.TARGETID[r] ?? 0n) ? 1 : 0), n + 1]);
      }
    }
    const lines: string[] = [];
    for (const cls of ["QSO", "LRG", "ELG", "STD", "SKY"]) {
      const [a, n] = count.get(cls) ?? [0, 0];
      lines.push(`${cls} ${a}/${n} = ${(a / n).toFixed(3)} (header ${String(fm.header[`EFF_${cls}`])})`);
      expect(fm.header[`EFF_${cls}`]).toBeCloseTo(a / n, 5);
    }
    console.log(`efficiency per class (reachable targets assigned): ${lines.join("; ")}`);
    const nsci = Number(fm.header["FA_NSCI"]);
    const nstd = Number(fm.header["FA_NSTD"]);
    const nsky = Number(fm.header["FA_NSKY"]);
    const nun = Number(fm.header["FA_NUNAS"]);
    expect(nsci + nstd + nsky + nun).toBe(5000);
    expect(nun).toBe(Array.from(fm.FIBERMAP.OBJTYPE).filter((o) => o === "NON").length);
  });

  it("never assigns a target outside the field", async () => {
    const inside = field(8, DENSE, 1.75);
    // A ring of targets 1.7° to 3° out, all QSOs (top priority), in their own file.
    const rng = testRng(80);
    const far = capPositions(rng, TILE.ra, TILE.dec, 3, 6000)
      .filter((p) => separation(p.ra, p.dec, TILE.ra, TILE.dec) > 1.7)
      .map((p) => target("QSO", p.ra, p.dec));
    const fm = await run([...inside, targetsFile(far, 88888)]);
    const t = fm.FIBERMAP;
    const maxReach = radiusToTheta(focalPlane().maxCentreRadius + 6);
    for (let i = 0; i < 5000; i++) {
      if ((t.TARGETID[i] ?? -1n) < 0n) continue;
      expect(((t.TARGETID[i] ?? 0n) >> 22n) & 0xfffffn).not.toBe(88888n);
      expect(separation(t.TARGET_RA[i] ?? 0, t.TARGET_DEC[i] ?? 0, TILE.ra, TILE.dec)).toBeLessThanOrEqual(maxReach);
    }
  });

  it("parks unassigned positioners at their centre with OBJTYPE NON, TARGETID -1 and FIBERSTATUS UNASSIGNED", async () => {
    // A sparse field leaves most positioners empty.
    const fm = await run(field(9, { QSO: 50, STD: 20, SKY: 60 }, 1.75), 1, { ...PARAMS, extraSky: false });
    const t = fm.FIBERMAP;
    let parked = 0;
    for (let i = 0; i < 5000; i++) {
      if (t.OBJTYPE[i] !== "NON") continue;
      parked++;
      expect(t.TARGETID[i]).toBe(-1n);
      expect(t.FIBERSTATUS[i]).toBe(1);
      expect(t.FIBERASSIGN_X[i]).toBeCloseTo(centres.x[i] ?? 0, 4);
      expect(t.FIBERASSIGN_Y[i]).toBeCloseTo(centres.y[i] ?? 0, 4);
      const back = radecToFocal(t.TARGET_RA[i] ?? 0, t.TARGET_DEC[i] ?? 0, TILE.ra, TILE.dec);
      expect(back.x).toBeCloseTo(centres.x[i] ?? 0, 6);
    }
    expect(parked).toBeGreaterThan(3000);
  });

  it("skips science targets whose OBSCONDITIONS exclude the tile's program", async () => {
    const fp = focalPlane();
    const at = (d: number): { ra: number; dec: number } => focalToRadec(fp.x[d] ?? 0, fp.y[d] ?? 0, TILE.ra, TILE.dec);
    const bright: SynthTarget = { ...at(50), desi: BIT.BGS_ANY, bgs: 2n, priority: 2100, obs: 4 };
    const dark: SynthTarget = { ...target("LRG", at(300).ra, at(300).dec), obs: 1 };
    const fm = await run([targetsFile([bright, dark], 1)], 1, { ...PARAMS, extraSky: false });
    const ids = Array.from(fm.FIBERMAP.TARGETID).filter((id) => id >= 0n);
    expect(ids.length).toBe(1);
    expect((ids[0] ?? 0n) & 0x3fffffn).toBe(1n);
    const all = await run([targetsFile([bright, dark], 1)], 1, { ...PARAMS, extraSky: false, matchObsconditions: false });
    expect(Array.from(all.FIBERMAP.TARGETID).filter((id) => id >= 0n).length).toBe(2);
  });

  it("is deterministic: same inputs and seed, same fibermap; a missing SUBPRIORITY comes from ctx.rng", async () => {
    const a = await run(field(10, DENSE, 1.75), 3);
    const b = await run(field(10, DENSE, 1.75), 3);
    expect(b).toEqual(a);
    const c = await run(field(10, DENSE, 1.75, true), 3);
    const d = await run(field(10, DENSE, 1.75, true), 3);
    expect(d).toEqual(c);
    const e = await run(field(10, DENSE, 1.75, true), 4);
    expect(Array.from(e.FIBERMAP.TARGETID)).not.toEqual(Array.from(c.FIBERMAP.TARGETID));
    const subs = Array.from(c.FIBERMAP.SUBPRIORITY).filter((_, i) => (c.FIBERMAP.TARGETID[i] ?? -1n) >= 0n);
    expect(subs.every((s) => s >= 0 && s < 1)).toBe(true);
  });

  it("reads a streamed gather the same as an array", async () => {
    const files = field(11, DENSE, 1.75);
    const fromArray = await run(files);
    async function* stream(): AsyncIterable<Handle<Targets>> {
      for (const f of files) yield handle(f);
    }
    const out = await assign({ tiles: handle(tileTable([TILE])), targets: stream() }, PARAMS, taskCtx(1, "fiberassign", { tile: TILE.id }));
    expect(out.fibermap).toEqual(fromArray);
  });

  it("holds each petal to maxscience science fibers, the sky and standard minima still met, the rest unassigned without extraSky", async () => {
    const files = field(4, DENSE, 1.75);
    const fm = await run(files, 1, { ...PARAMS, maxscience: 20, extraSky: false });
    const all = await run(files, 1, { ...PARAMS, extraSky: false });
    const count = (f: Fibermap, p: number, what: (i: number) => boolean): number => {
      let n = 0;
      for (let i = 0; i < 5000; i++) if ((f.FIBERMAP.PETAL_LOC[i] ?? 0) === p && what(i)) n++;
      return n;
    };
    for (let p = 0; p < 10; p++) {
      const t = fm.FIBERMAP;
      const science = count(fm, p, (i) => t.FA_TYPE[i] === 1);
      expect(science, `petal ${p}`).toBe(20);
      expect(count(all, p, (i) => all.FIBERMAP.FA_TYPE[i] === 1)).toBeGreaterThan(300);
      expect(count(fm, p, (i) => t.OBJTYPE[i] === "SKY")).toBeGreaterThanOrEqual(40);
      expect(count(fm, p, (i) => ((t.DESI_TARGET[i] ?? 0n) & BIT.STD_FAINT) !== 0n)).toBeGreaterThanOrEqual(10);
      expect(count(fm, p, (i) => t.OBJTYPE[i] === "NON")).toBeGreaterThan(400);
    }
    await expect(run(files, 1, { ...PARAMS, maxscience: 501 })).rejects.toThrow(/maxscience = 501 is not an integer in \[0, 500\]/);
  });

  it("rejects a tile that is not in the tiles table, and bad minima", async () => {
    await expect(run(field(12, { QSO: 10 }, 1), 1, PARAMS, [], 999)).rejects.toThrow(/tile 999 is not in the tiles table, which has 2 tiles \(1000, 1001\)/);
    await expect(assign({ tiles: handle(tileTable([TILE])), targets: [] }, PARAMS, taskCtx(1, "fiberassign", {}))).rejects.toThrow(
      /index the stage by a grid named `tile`/,
    );
    await expect(run([], 1, { ...PARAMS, nsky: 480, nstd: 30 })).rejects.toThrow(/exceeds the 500 positioners/);
  });

  it("assigns a realistic tile (about 25 pixels × 5000 targets) in under 2 s", async () => {
    // Dark-time densities (docs/sources.md#target-classes): ELG 2400, LRG 605, QSO 310 per deg², standards and sky.
    const files = field(13, { ELG: 2400, LRG: 605, QSO: 310, STD: 150, SKY: 1700 }, 2.6);
    const total = files.reduce((s, f) => s + f.TARGETS.TARGETID.length, 0);
    await run(files); // warm-up (JIT, focal-plane cache)
    const logs: string[] = [];
    const t0 = performance.now();
    const fm = await run(files, 1, PARAMS, logs);
    const ms = performance.now() - t0;
    console.log(`realistic tile: ${files.length} pixels, ${total} targets, assigned in ${ms.toFixed(0)} ms\n  ${logs.join("\n  ")}`);
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(total).toBeGreaterThan(100_000);
    expect(ms).toBeLessThan(2000);
    expect(Number(fm.header["FA_NUNAS"])).toBeLessThan(250);
  });
});
