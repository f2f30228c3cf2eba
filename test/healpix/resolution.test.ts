/**
 * The resolution helpers (nside ↔ npix ↔ order, pixel size and area) against healpy, and the
 * argument checks of the whole module: every invalid input is a RangeError that names it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as hp from "../../stdlib/healpix/index.js";
import { mismatches } from "./compare.js";
import { f64, i64, runHealpy, type HealpyResult } from "./healpyBridge.js";

const NSIDES = [1, 2, 3, 4, 5, 64, 100, 1000, 2 ** 13, 12345, 2 ** 20, 2 ** 24, 2 ** 25, 2 ** 29];
const CANDIDATES = [1, 2, 3, 4, 6, 8, 1024, 1000, 2 ** 29, 2 ** 29 - 1, 2 ** 30, 0, -4];

const SCRIPT = `
ns = [int(n) for n in inp["nsides"]]
out["resol"] = [hp.nside2resol(n) for n in ns]
out["resol_arcmin"] = [hp.nside2resol(n, arcmin=True) for n in ns]
out["area"] = [hp.nside2pixarea(n) for n in ns]
out["area_deg2"] = [hp.nside2pixarea(n, degrees=True) for n in ns]
out["npix"] = [hp.nside2npix(n) for n in ns]
out["npix2nside"] = [hp.npix2nside(12 * n * n) for n in ns]
out["ok_ring"] = [int(hp.isnsideok(int(n))) for n in inp["candidates"]]
out["ok_nest"] = [int(hp.isnsideok(int(n), nest=True)) for n in inp["candidates"]]
out["order"] = [hp.nside2order(2 ** o) for o in range(30)]
`;

let ref: HealpyResult;
beforeAll(() => {
  ref = runHealpy(SCRIPT, {
    nsides: BigInt64Array.from(NSIDES, BigInt),
    candidates: BigInt64Array.from(CANDIDATES, BigInt),
  });
});

describe("HEALPix resolution helpers", () => {
  it("nside2resol and nside2pixarea equal healpy bit for bit in every unit", () => {
    expect(
      mismatches(
        "resol",
        f64(ref, "resol"),
        NSIDES.map((n) => hp.nside2resol(n)),
      ),
    ).toEqual([]);
    expect(
      mismatches(
        "resol arcmin",
        f64(ref, "resol_arcmin"),
        NSIDES.map((n) => hp.nside2resol(n, "arcmin")),
      ),
    ).toEqual([]);
    expect(
      mismatches(
        "area",
        f64(ref, "area"),
        NSIDES.map((n) => hp.nside2pixarea(n)),
      ),
    ).toEqual([]);
    expect(
      mismatches(
        "area deg2",
        f64(ref, "area_deg2"),
        NSIDES.map((n) => hp.nside2pixarea(n, "deg2")),
      ),
    ).toEqual([]);
    // DESI's grouping resolution: nside 64 pixels of ≈ 0.839 deg².
    expect(hp.nside2pixarea(64, "deg2")).toBeCloseTo(0.8393, 4);
  });

  it("nside2npix is exact up to nside 2^24 and points to nside2npixBig beyond", () => {
    const exact = NSIDES.filter((n) => n <= hp.MAX_EXACT_NSIDE);
    expect(
      mismatches(
        "npix",
        i64(ref, "npix").subarray(0, exact.length),
        exact.map((n) => hp.nside2npix(n)),
      ),
    ).toEqual([]);
    expect(
      mismatches(
        "npix big",
        i64(ref, "npix"),
        NSIDES.map((n) => hp.nside2npixBig(n)),
      ),
    ).toEqual([]);
    expect(() => hp.nside2npix(2 ** 25)).toThrow(/2\^24.*`nside2npixBig`/);
    expect(hp.nside2npixBig(2 ** 29)).toBe(12n * 4n ** 29n);
  });

  it("npix2nside inverts nside2npix for numbers and BigInts and rejects other counts", () => {
    expect(
      mismatches(
        "npix2nside",
        i64(ref, "npix2nside"),
        NSIDES.map((n) => hp.npix2nside(12n * BigInt(n) ** 2n)),
      ),
    ).toEqual([]);
    expect(hp.npix2nside(49152)).toBe(64);
    for (const bad of [0, 13, 36, -12, 12.5, 12n * 4n ** 30n, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => hp.npix2nside(bad)).toThrow(RangeError);
    }
  });

  it("order2nside and nside2order cover orders 0 to 29 and reject the rest", () => {
    expect(
      mismatches(
        "nside2order",
        i64(ref, "order"),
        Array.from({ length: 30 }, (_, o) => hp.nside2order(hp.order2nside(o))),
      ),
    ).toEqual([]);
    expect(() => hp.order2nside(30)).toThrow(RangeError);
    expect(() => hp.order2nside(-1)).toThrow(RangeError);
    expect(() => hp.nside2order(3)).toThrow(/not a power of two/);
    expect(() => hp.nside2order(2 ** 30)).toThrow(RangeError);
  });

  it("isNsideValid agrees with healpy's isnsideok in both schemes", () => {
    expect(
      mismatches(
        "ring",
        i64(ref, "ok_ring"),
        CANDIDATES.map((n) => (hp.isNsideValid(n) ? 1 : 0)),
      ),
    ).toEqual([]);
    expect(
      mismatches(
        "nest",
        i64(ref, "ok_nest"),
        CANDIDATES.map((n) => (hp.isNsideValid(n, true) ? 1 : 0)),
      ),
    ).toEqual([]);
    expect(hp.isNsideValid(1.5)).toBe(false);
  });
});

describe("HEALPix argument checks", () => {
  it("rejects colatitudes outside [0, π] (with healpy's 1e-5 of slack), non-finite longitudes and zero vectors", () => {
    for (const theta of [NaN, -1e-300, -0.1, Math.PI + 2e-5, Infinity]) {
      expect(() => hp.ang2pix(64, theta, 0)).toThrow(/theta must be a colatitude/);
    }
    expect(hp.ang2pix(64, Math.PI + 1e-6, 0)).toBe(hp.ang2pix(64, Math.PI - 1e-6, Math.PI));
    expect(() => hp.ang2pix(64, 1, NaN)).toThrow(/phi must be a finite/);
    expect(() => hp.radec2pix(64, 10, 91)).toThrow(/dec must be in \[-90, 90\]/);
    expect(() => hp.radec2pix(64, Infinity, 0)).toThrow(/ra must be a finite/);
    expect(() => hp.vec2pix(64, [0, 0, 0])).toThrow(/vector must be finite and non-zero/);
    expect(() => hp.ang2pixArray(64, [1, 1, NaN], [0, 0, 0])).toThrow(/at index 2/);
    expect(() => hp.radec2pixArray(64, [0, 0], [0, -95])).toThrow(/at index 1/);
    expect(() => hp.ang2pixArray(64, [1, 1], [0])).toThrow(/same length/);
    expect(() => hp.ang2pixArray(64, [1], [0], false, new Float64Array(2))).toThrow(/`out` has 2 elements/);
  });

  it("rejects pixel numbers outside 0..npix−1 or not integers, naming the range", () => {
    expect(() => hp.pix2ang(1, 12)).toThrow(/from 0 to 11 at nside 1/);
    expect(() => hp.pix2ang(1, -1)).toThrow(RangeError);
    expect(() => hp.pix2ang(1, 1.5)).toThrow(RangeError);
    expect(() => hp.nest2ring(4, 192)).toThrow(RangeError);
    expect(() => hp.neighboursBig(2 ** 29, 12n * 4n ** 29n)).toThrow(RangeError);
    expect(() => hp.pix2angArray(2, [0, 48])).toThrow(/at index 1/);
    expect(() => hp.nest2ring(12, 0)).toThrow(/not a power of two/);
  });

  it("checks disc queries: radius, oversampling factor, and list size", () => {
    expect(() => hp.queryDisc(64, [1, 0, 0], -0.1)).toThrow(/radius must be/);
    expect(() => hp.queryDisc(64, [1, 0, 0], NaN)).toThrow(/radius must be/);
    expect(() => hp.queryDisc(64, [0, 0, 0], 0.1)).toThrow(/non-zero/);
    expect(() => hp.queryDisc(64, [1, 0, 0], 0.1, { inclusive: true, nest: true, fact: 3 })).toThrow(/power of two/);
    expect(() => hp.queryDisc(64, [1, 0, 0], 0.1, { inclusive: true, fact: 0 })).toThrow(/positive integer/);
    expect(() => hp.queryDisc(2 ** 24, [1, 0, 0], 0.1, { inclusive: true, fact: 64 })).toThrow(/2\^29/);
    // A fact that is not a power of two is fine in the RING scheme, as in healpy.
    expect(hp.queryDisc(64, [1, 0, 0], 0.1, { inclusive: true, fact: 3 }).length).toBeGreaterThan(0);
    // The whole sphere at nside 2^15 is 1.3e10 pixels: too many for a list, two numbers as ranges.
    expect(() => hp.queryDisc(2 ** 15, [1, 0, 0], 4)).toThrow(/queryDiscRanges/);
    expect(Array.from(hp.queryDiscRanges(2 ** 15, [1, 0, 0], 4))).toEqual([0, 12 * 4 ** 15]);
    expect(Array.from(hp.queryDiscRangesBig(2 ** 29, [1, 0, 0], 4))).toEqual([0n, 12n * 4n ** 29n]);
  });
});
