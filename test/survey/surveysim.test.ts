import { describe, expect, test } from "vitest";
import type { ExposureList } from "../../stdlib/datamodel/ExposureList.js";
import type { TileTable } from "../../stdlib/datamodel/TileTable.js";
import { formatEcsv, parseEcsv, type EcsvColumnData } from "../../stdlib/io/ecsv/index.js";
import { surveysim } from "../../stdlib/survey/index.js";
import { taskCtx } from "../example/helpers.js";
import { skyBrightnessR } from "../../stdlib/instrument/index.js";
import { LAT, altitudeAt, efftimeDark, elgFiberFrac, gmstDeg, mjdOf, sunRaDec } from "./reference.js";

const RAD = Math.PI / 180;
const MINI = { ntile: 2, nnight: 2, nscience: 2, npass: 2, firstNight: 20210211, ra: 150.1, dec: 2.2, spacing: 2.7 };
/**
 * The 2 % survey's size (400 tiles, 3 exposures each). 52 nights from 2021-02-11: with every tile
 * taken to its full 1000 s, the dark time of a footprint at RA 150° holds about 13 tiles a night
 * and the two full moons (Feb 27, Mar 28) little, so the 40 nights of the pipeline's profile leave
 * about 20 tiles short.
 */
const TWOPCT = { ...MINI, ntile: 400, nnight: 52, nscience: 3 };
/** desisurvey's DARK effective-time goal per tile and its longest exposure (desisurvey config-main.yaml; docs/sources.md#observing), s. */
const EFFTIME_GOAL = 1000;
const MAX_EXPTIME = 1800;

function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const c = Math.sin(dec1 * RAD) * Math.sin(dec2 * RAD) + Math.cos(dec1 * RAD) * Math.cos(dec2 * RAD) * Math.cos((ra1 - ra2) * RAD);
  return Math.acos(Math.min(1, c)) / RAD;
}

/** The local (MST) date at the start of the night holding `mjd`: nights run noon to noon. */
function nightOf(mjd: number): number {
  const t = new Date(Math.round((mjd - 40587 - 7 / 24 - 0.5) * 86400000));
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}

const rowsOf = (x: ExposureList): number[] => [...x.EXPID.keys()];
const science = (x: ExposureList): number[] => rowsOf(x).filter((r) => x.FLAVOR[r] === "science");

/** Checks every science exposure against the circumstances recomputed independently (reference.ts). */
function checkCircumstances(tiles: TileTable, x: ExposureList, nscience: number, fair = true): void {
  const byId = new Map([...tiles.TILEID].map((id, i) => [id, i]));
  let reached = 0;
  for (const r of science(x)) {
    const i = byId.get(x.TILEID[r] ?? -1) as number;
    const ra = tiles.RA[i] as number;
    const dec = tiles.DEC[i] as number;
    const mjd = x.MJD[r] as number;
    const exptime = x.EXPTIME[r] as number;
    // Dark: the Sun below −18° from shutter open to close.
    for (const t of [mjd, mjd + exptime / 86400]) {
      const s = sunRaDec(t);
      expect(altitudeAt(s.ra, s.dec, t)).toBeLessThan(-17.99);
    }
    // AIRMASS at mid-exposure: KS's (1 − 0.96 sin²z)^−½ and close to sec z; well placed.
    const alt = altitudeAt(ra, dec, mjd + exptime / 2 / 86400);
    const z = (90 - alt) * RAD;
    const X = x.AIRMASS[r] as number;
    expect(X).toBeCloseTo(1 / Math.sqrt(1 - 0.96 * Math.sin(z) ** 2), 3);
    expect(Math.abs(X * Math.cos(z) - 1)).toBeLessThan(0.06);
    expect(alt).toBeGreaterThanOrEqual(29.99);
    // The hour angle is within DESI's 5 h limit.
    const ha = ((((gmstDeg(mjd) - 111.6003 - ra) % 360) + 540) % 360) - 180;
    expect(Math.abs(ha)).toBeLessThan(75);
    // EFFTIME from the formula written out, with the sky the simulated frames receive for the
    // row's AIRMASS and Moon columns: the r-band brightness of the instrument's sky spectrum.
    const sky = skyBrightnessR({ airmass: X, fraction: x.MOONFRAC[r] as number, altitude: x.MOONALT[r] as number, separation: x.MOONSEP[r] as number });
    const ff = (elgFiberFrac(x.SEEING[r] as number) / elgFiberFrac(1.1)) * (x.TRANSP[r] as number);
    const eff = efftimeDark(exptime, ff, X, sky, tiles.EBV_MED[i] as number);
    expect(Math.abs((x.EFFTIME[r] as number) / eff - 1)).toBeLessThan(2e-3);
    // No exposure is longer than the 30-min cosmic split; in fair conditions an exposure takes
    // the tile's 1000 s split evenly over its nscience exposures.
    expect(exptime).toBeLessThanOrEqual(MAX_EXPTIME);
    if (Math.abs((x.EFFTIME[r] as number) - EFFTIME_GOAL / nscience) < 0.05) reached++;
    expect(x.MOONFRAC[r]).toBeGreaterThanOrEqual(0);
    expect(x.MOONFRAC[r]).toBeLessThanOrEqual(1);
    expect(x.MOONSEP[r]).toBeGreaterThanOrEqual(0);
    expect(x.MOONSEP[r]).toBeLessThanOrEqual(180);
    expect(x.SEEING[r]).toBeGreaterThanOrEqual(0.5);
    expect(x.TRANSP[r]).toBeLessThanOrEqual(1);
  }
  if (fair) expect(reached).toBeGreaterThan(science(x).length / 2);
  checkDepth(x, nscience);
}

/**
 * Every tile's science exposures sum to at least the 1000 s EFFTIME goal (to float32 rounding),
 * in at least `nscience` exposures of at most 30 min, with no exposure taken after the goal was
 * reached. Returns the number of science exposures per TILEID.
 */
function checkDepth(x: ExposureList, nscience: number): Map<number, number> {
  const byTile = new Map<number, number[]>();
  for (const r of science(x)) {
    expect(x.EXPTIME[r]).toBeLessThanOrEqual(MAX_EXPTIME);
    const list = byTile.get(x.TILEID[r] ?? -1) ?? [];
    list.push(x.EFFTIME[r] ?? 0);
    byTile.set(x.TILEID[r] ?? -1, list);
  }
  const counts = new Map<number, number>();
  for (const [tile, eff] of byTile) {
    const sum = eff.reduce((a, b) => a + b, 0);
    expect(sum, `tile ${tile}: EFFTIME ${eff.join(" + ")}`).toBeGreaterThanOrEqual(EFFTIME_GOAL * (1 - 1e-6));
    expect(eff.length).toBeGreaterThanOrEqual(nscience);
    if (eff.length > nscience) expect(sum - (eff[eff.length - 1] ?? 0), `tile ${tile}: an exposure after the goal`).toBeLessThan(EFFTIME_GOAL);
    counts.set(tile, eff.length);
  }
  return counts;
}

describe("survey.surveysim", () => {
  test("mini: 2 overlapping DARK tiles in 2 passes, 2 nights of a flat and 2 science exposures", () => {
    const { tiles, exposures: x } = surveysim({}, MINI, taskCtx(1, "surveysim"));
    expect([...tiles.TILEID]).toEqual([1000, 1001]);
    expect([...tiles.PASS]).toEqual([0, 1]);
    expect(tiles.PROGRAM).toEqual(["DARK", "DARK"]);
    expect([...tiles.IN_DESI]).toEqual([1, 1]);
    expect(tiles.RA[0]).toBeCloseTo(150.1, 9);
    expect(tiles.DEC[0]).toBeCloseTo(2.2, 9);
    const sep = separation(tiles.RA[0] ?? 0, tiles.DEC[0] ?? 0, tiles.RA[1] ?? 0, tiles.DEC[1] ?? 0);
    expect(sep).toBeGreaterThan(0.5);
    expect(sep).toBeLessThan(3.2);
    for (const e of tiles.EBV_MED) expect(e > 0.005 && e < 0.1).toBe(true);

    expect(x.EXPID.length).toBe(6);
    expect([...x.EXPID]).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
    expect(x.FLAVOR).toEqual(["flat", "science", "science", "flat", "science", "science"]);
    expect([...x.NIGHT]).toEqual([20210211, 20210211, 20210211, 20210212, 20210212, 20210212]);
    expect([...x.TILEID].filter((t) => t === 1000).length).toBe(2);
    expect([...x.TILEID].filter((t) => t === 1001).length).toBe(2);
    for (const r of rowsOf(x).filter((r) => x.FLAVOR[r] === "flat")) {
      expect([x.TILEID[r], x.PROGRAM[r], x.EXPTIME[r], x.EFFTIME[r]]).toEqual([-1, "CALIB", 120, 0]);
    }
    for (const r of science(x)) {
      expect(x.PROGRAM[r]).toBe("DARK");
      // Well placed near transit, and at new moon the Moon is thin and down.
      expect(x.AIRMASS[r]).toBeLessThan(1.3);
      expect(x.MOONFRAC[r]).toBeLessThan(0.05);
    }
    checkCircumstances(tiles, x, 2);
  });

  test("a moon-bright night: tiles are split into exposures of at most 30 min until each reaches 1000 s", () => {
    // Full moon on 2021-02-27 08:17 UTC; the footprint at RA 110°, Dec 30° stands ~60° from it.
    const p = { ...MINI, firstNight: 20210227, nnight: 1, ra: 110, dec: 30 };
    for (const seed of [1, 2, 3]) {
      const { tiles, exposures: x } = surveysim({}, p, taskCtx(seed, "surveysim"));
      const rows = science(x);
      // The conditions are forced bad: every exposure has a nearly full Moon above the horizon.
      for (const r of rows) {
        expect(x.MOONFRAC[r]).toBeGreaterThan(0.95);
        expect(x.MOONALT[r]).toBeGreaterThan(0);
      }
      const counts = checkDepth(x, 2);
      expect(counts.size).toBe(2);
      // 1000 s does not fit in 2 exposures of at most 30 min under this sky: more were needed.
      expect(rows.length).toBeGreaterThan(4);
      for (const c of counts.values()) expect(c).toBeGreaterThan(2);
      checkCircumstances(tiles, x, 2, false);
    }
  });

  test("EXPIDs and MJDs increase together, and NIGHT is the local date at the start of the night", () => {
    // The first nights of 2021 are near full moon (Dec 30): 6 tiles taken to full depth fit in 5 nights.
    for (const p of [MINI, { ...MINI, ntile: 6, nnight: 5, nscience: 3, firstNight: 20201231 }]) {
      const { exposures: x } = surveysim({}, p, taskCtx(3, "surveysim"));
      for (let r = 1; r < x.EXPID.length; r++) {
        expect((x.EXPID[r] ?? 0) > (x.EXPID[r - 1] ?? 0)).toBe(true);
        expect((x.MJD[r] ?? 0) > (x.MJD[r - 1] ?? 0) + (x.EXPTIME[r - 1] ?? 0) / 86400).toBe(true);
      }
      for (const r of rowsOf(x)) expect(x.NIGHT[r]).toBe(nightOf(x.MJD[r] ?? 0));
      // One flat per night, first; nights are consecutive across the new year.
      const flats = rowsOf(x).filter((r) => x.FLAVOR[r] === "flat");
      expect(flats.length).toBe(p.nnight);
      for (const r of flats) expect(x.NIGHT[r - 1] ?? 0).not.toBe(x.NIGHT[r]);
    }
    const { exposures: y } = surveysim({}, { ...MINI, ntile: 6, nnight: 5, nscience: 3, firstNight: 20201231 }, taskCtx(3, "surveysim"));
    expect([...new Set(y.NIGHT)]).toEqual([20201231, 20210101, 20210102, 20210103, 20210104]);
  });

  test("twopct-sized (400 tiles, 52 nights, at least 3 exposures each) runs in well under a second, every tile overlapping and taken to 1000 s", () => {
    const t0 = performance.now();
    const { tiles, exposures: x } = surveysim({}, TWOPCT, taskCtx(1, "surveysim"));
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    expect(tiles.TILEID.length).toBe(400);
    expect(new Set(tiles.TILEID).size).toBe(400);
    expect(new Set(x.EXPID).size).toBe(x.EXPID.length);
    const count = checkDepth(x, 3);
    expect(count.size).toBe(400);
    // Most tiles in fair conditions take exactly 3; moonlit ones more.
    expect([...count.values()].filter((c) => c === 3).length).toBeGreaterThan(300);
    expect(x.EXPID.length).toBe(52 + [...count.values()].reduce((a, b) => a + b, 0));
    for (let i = 0; i < 400; i++) {
      let nearest = Infinity;
      for (let j = 0; j < 400; j++)
        if (j !== i) nearest = Math.min(nearest, separation(tiles.RA[i] ?? 0, tiles.DEC[i] ?? 0, tiles.RA[j] ?? 0, tiles.DEC[j] ?? 0));
      expect(nearest).toBeLessThan(3.2);
    }
    checkCircumstances(tiles, x, 3);
    // Mostly well placed.
    const am = science(x)
      .map((r) => x.AIRMASS[r] ?? 0)
      .sort((a, b) => a - b);
    expect(am[am.length >> 1]).toBeLessThan(1.5);
  });

  test("the same seed gives identical tables; another seed other weather", () => {
    const a = surveysim({}, TWOPCT, taskCtx(1, "surveysim"));
    const b = surveysim({}, TWOPCT, taskCtx(1, "surveysim"));
    expect(b).toEqual(a);
    const c = surveysim({}, MINI, taskCtx(2, "surveysim"));
    const d = surveysim({}, MINI, taskCtx(1, "surveysim"));
    expect(c.tiles).toEqual(d.tiles);
    expect(c.exposures.SEEING).not.toEqual(d.exposures.SEEING);
  });

  test("the tables survive ECSV", () => {
    const { tiles, exposures: x } = surveysim({}, MINI, taskCtx(1, "surveysim"));
    for (const table of [tiles, x] as const) {
      const columns = Object.entries(table)
        .filter(([name]) => name !== "meta")
        .map(([name, data]) => ({ name, data: data as EcsvColumnData }));
      const back = parseEcsv(formatEcsv({ meta: table.meta, columns }));
      expect(back.meta).toEqual(table.meta);
      for (const { name, data } of columns) expect(back.columns.find((c) => c.name === name)?.data).toEqual(data);
    }
  });

  test("impossible params are refused with a RangeError naming them", () => {
    const run = (p: Partial<typeof MINI>) => () => surveysim({}, { ...MINI, ...p }, taskCtx(1, "surveysim"));
    expect(run({ ntile: 0 })).toThrow(RangeError);
    expect(run({ ntile: 0 })).toThrow(/ntile = 0/);
    expect(run({ nnight: 1.5 })).toThrow(/nnight/);
    expect(run({ nscience: 0 })).toThrow(/nscience/);
    expect(run({ firstNight: 20201331 })).toThrow(RangeError);
    expect(run({ firstNight: 20201331 })).toThrow(/firstNight = 20201331 is not a date/);
    expect(run({ firstNight: 2020121 })).toThrow(/firstNight/);
    expect(run({ firstNight: 19000101 })).toThrow(/1950/);
    expect(run({ ra: 360 })).toThrow(/ra = 360/);
    expect(run({ dec: 91 })).toThrow(/dec/);
    expect(run({ spacing: 3.3 })).toThrow(/spacing = 3.3 deg .*overlap/);
    // Too many exposures for the nights, and a footprint in the daytime sky.
    expect(run({ ntile: 400, nnight: 2 })).toThrow(/did not fit in 2 night/);
    expect(run({ firstNight: 20210801 })).toThrow(/centre the footprint near RA/);
  });
});

test("the reference night helper agrees with a known instant", () => {
  // 2021-02-12 03:00 UTC is 20:00 MST on 2021-02-11.
  expect(nightOf(mjdOf(2021, 2, 12, 3))).toBe(20210211);
  expect(nightOf(mjdOf(2021, 2, 12, 12))).toBe(20210211);
  expect(LAT).toBeCloseTo(31.9634, 4);
});
