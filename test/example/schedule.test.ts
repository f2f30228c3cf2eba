import { describe, expect, test } from "vitest";
import type { Header } from "../../stdlib/datamodel/values.js";
import { observedPixels, schedule, simulate, type ExampleExposures } from "../../stdlib/example/index.js";
import { formatEcsv, parseEcsv } from "../../stdlib/io/ecsv/index.js";
import { handle, taskCtx } from "./helpers.js";

const DEG = Math.PI / 180;
const PARAMS = { nnight: 4, nexp: 3, ntile: 5, nfiber: 20, firstNight: 20201230, ra: 150.1, dec: 2.2, patch: 1, radius: 0.8, exptime: 1000 };

function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const s = Math.sin(((dec2 - dec1) * DEG) / 2) ** 2 + Math.cos(dec1 * DEG) * Math.cos(dec2 * DEG) * Math.sin(((ra2 - ra1) * DEG) / 2) ** 2;
  return (2 * Math.asin(Math.sqrt(s))) / DEG;
}

function daysBetween(a: number, b: number): number {
  const ms = (n: number): number => Date.UTC(Math.floor(n / 10000), (Math.floor(n / 100) % 100) - 1, n % 100);
  return (ms(b) - ms(a)) / 86400000;
}

describe("example.schedule", () => {
  test("every night has one flat then the science exposures, with unique increasing EXPIDs", () => {
    const { exposures: x } = schedule({}, PARAMS, taskCtx(1, "schedule"));
    expect(x.EXPID.length).toBe(4 * 4);
    expect([...x.EXPID]).toEqual(Array.from({ length: 16 }, (_, i) => 1000 + i));
    const nights = [...new Set(x.NIGHT)];
    expect(nights[0]).toBe(20201230);
    expect(nights.length).toBe(4);
    for (let k = 1; k < nights.length; k++) {
      const gap = daysBetween(nights[k - 1] ?? 0, nights[k] ?? 0);
      expect(gap >= 1 && gap <= 3).toBe(true);
    }
    // Dates roll over months and years as dates do.
    expect(nights.every((n) => !Number.isNaN(Date.UTC(Math.floor(n / 10000), (Math.floor(n / 100) % 100) - 1, n % 100)) && n % 100 >= 1 && n % 100 <= 31)).toBe(
      true,
    );
    for (const night of nights) {
      const rows = [...x.NIGHT.keys()].filter((r) => x.NIGHT[r] === night);
      expect(rows.map((r) => x.FLAVOR[r])).toEqual(["flat", "science", "science", "science"]);
      const flat = rows[0] ?? 0;
      expect([x.TILEID[flat], x.EXPTIME[flat], x.RA[flat], x.DEC[flat]]).toEqual([-1, 120, 0, 0]);
    }
  });

  test("science exposures observe the tiles in turn, within the patch, for 0.8 to 1.2 × exptime", () => {
    const { exposures: x } = schedule({}, PARAMS, taskCtx(1, "schedule"));
    const science = [...x.EXPID.keys()].filter((r) => x.FLAVOR[r] === "science");
    expect(science.map((r) => x.TILEID[r])).toEqual(Array.from({ length: 12 }, (_, i) => i % 5));
    const pointing = new Map<number, string>();
    for (const r of science) {
      const t = x.TILEID[r] ?? -1;
      const p = `${x.RA[r]},${x.DEC[r]}`;
      expect(pointing.get(t) ?? p).toBe(p);
      pointing.set(t, p);
      expect(separation(150.1, 2.2, x.RA[r] ?? 0, x.DEC[r] ?? 0)).toBeLessThanOrEqual(1 + 1e-9);
      expect((x.EXPTIME[r] ?? 0) >= 800 && (x.EXPTIME[r] ?? 0) <= 1200).toBe(true);
    }
    expect(new Set(pointing.values()).size).toBe(5);
    expect(x.meta["NFIBER"]).toBe(20n);
    expect(x.meta["RADIUS"]).toBe(0.8);
    const seed = x.meta["SIMSEED"];
    expect(typeof seed === "bigint" && seed >= 0n && seed < 2n ** 53n).toBe(true);
  });

  test("the same seed gives the same table; another seed another one", () => {
    const a = schedule({}, PARAMS, taskCtx(1, "schedule")).exposures;
    const b = schedule({}, PARAMS, taskCtx(1, "schedule")).exposures;
    const c = schedule({}, PARAMS, taskCtx(2, "schedule")).exposures;
    expect(b).toEqual(a);
    expect(c.meta["SIMSEED"]).not.toBe(a.meta["SIMSEED"]);
    expect(c.RA).not.toEqual(a.RA);
  });

  test("the table survives ECSV: written and read back, it drives simulate and observedPixels identically", async () => {
    const { exposures: x } = schedule({}, PARAMS, taskCtx(1, "schedule"));
    const names = ["EXPID", "NIGHT", "TILEID", "FLAVOR", "EXPTIME", "RA", "DEC"] as const;
    const text = formatEcsv({ meta: x.meta, columns: names.map((name) => ({ name, data: x[name] })) });
    expect(text).toMatch(/NFIBER: 20\n/);
    const table = parseEcsv(text);
    const col = (name: string) => table.columns.find((c) => c.name === name)?.data;
    const back: ExampleExposures = {
      meta: table.meta as Header,
      EXPID: col("EXPID") as Int32Array,
      NIGHT: col("NIGHT") as Int32Array,
      TILEID: col("TILEID") as Int32Array,
      FLAVOR: col("FLAVOR") as readonly string[],
      EXPTIME: col("EXPTIME") as Float32Array,
      RA: col("RA") as Float64Array,
      DEC: col("DEC") as Float64Array,
    };
    expect(back).toEqual(x);
    const key = { exposure: x.EXPID[1] ?? 0, camera: "r" };
    const a = await simulate({ exposures: handle(x) }, { step: 20 }, taskCtx(1, "simulate", key));
    const b = await simulate({ exposures: handle(back) }, { step: 20 }, taskCtx(1, "simulate", key));
    expect(b).toEqual(a);
    expect(await observedPixels({ exposures: handle(back) }, { nside: 64 }, taskCtx(1, "grid"))).toEqual(
      await observedPixels({ exposures: handle(x) }, { nside: 64 }, taskCtx(1, "grid")),
    );
  });

  test("impossible params are refused with their name", () => {
    expect(() => schedule({}, { ...PARAMS, nnight: 0 }, taskCtx(1, "schedule"))).toThrow(/nnight/);
    expect(() => schedule({}, { ...PARAMS, nfiber: 70000 }, taskCtx(1, "schedule"))).toThrow(/nfiber/);
    expect(() => schedule({}, { ...PARAMS, firstNight: 20201331 }, taskCtx(1, "schedule"))).toThrow(/firstNight/);
  });
});
