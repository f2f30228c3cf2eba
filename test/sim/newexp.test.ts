/**
 * newexp: flat and science SimSpecs from an exposure row, a fibermap and truth tables; the flux of
 * a target fiber is the template library's spectrum of its truth row, reddened by its EBV.
 */
import { describe, expect, test } from "vitest";
import type { Fibermap } from "../../stdlib/datamodel/Fibermap.js";
import type { Truth } from "../../stdlib/datamodel/Truth.js";
import type { TruthTable } from "../../stdlib/datamodel/TruthTable.js";
import { newexp } from "../../stdlib/sim/index.js";
import { observedSpectrum, truthRow } from "../../stdlib/templates/index.js";
import { handle, taskCtx } from "../example/helpers.js";
import { exposureList, fibermapTable, testSimWave } from "./fixtures.js";

const EXPOSURES = exposureList([
  { EXPID: 21, NIGHT: 20250105, TILEID: 77, EXPTIME: 900, AIRMASS: 1.25, SEEING: 1.3, TRANSP: 0.9, MOONFRAC: 0.4, MOONALT: 20, MOONSEP: 70, MJD: 60680.3 },
  { EXPID: 22, NIGHT: 20250105, FLAVOR: "flat", EXPTIME: 120 },
]);

/** A truth table for the given TARGETIDs: alternating F stars and ELGs. */
function truthTable(ids: readonly bigint[]): TruthTable {
  const n = ids.length;
  const isStar = (i: number): boolean => i % 2 === 0;
  const f32 = (f: (i: number) => number): Float32Array => Float32Array.from({ length: n }, (_, i) => f(i));
  const str = (f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
  return {
    TARGETID: BigInt64Array.from(ids),
    MOCKID: BigInt64Array.from(ids, (_, i) => BigInt(i)),
    TRUEZ: Float64Array.from({ length: n }, (_, i) => (isStar(i) ? 0 : 0.9 + 0.01 * i)),
    TRUESPECTYPE: str((i) => (isStar(i) ? "STAR" : "GALAXY")),
    TEMPLATETYPE: str((i) => (isStar(i) ? "STAR" : "ELG")),
    TEMPLATESUBTYPE: str(() => ""),
    SEED: BigInt64Array.from(ids, (_, i) => BigInt(1000 + i)),
    MAG: f32((i) => (isStar(i) ? 18 : 22)),
    MAGFILTER: str(() => "decam2014-r"),
    FLUX_G: f32(() => 0),
    FLUX_R: f32(() => 0),
    FLUX_Z: f32(() => 0),
    FLUX_W1: f32(() => 0),
    FLUX_W2: f32(() => 0),
    OIIFLUX: f32((i) => (isStar(i) ? 0 : 8e-17)),
    HBETAFLUX: f32((i) => (isStar(i) ? 0 : 3e-17)),
    VDISP: f32((i) => (isStar(i) ? 0 : 60)),
    D4000: f32((i) => (isStar(i) ? 0 : 1.1)),
    OIIIHBETA: f32((i) => (isStar(i) ? 0 : 0.1)),
    OIIDOUBLET: f32((i) => (isStar(i) ? 0 : 0.73)),
    TEFF: f32((i) => (isStar(i) ? 6200 : 0)),
    LOGG: f32((i) => (isStar(i) ? 4.2 : 0)),
    FEH: f32(() => 0),
  };
}

/** A tile fibermap of petals 0–1 (1000 fibers, fibers 20..29 of each 50 are sky, 45..49 unassigned), rows shuffled. */
function tileFibermap(): Fibermap {
  const kind = (f: number): "TGT" | "SKY" | "NON" => (f % 50 >= 45 ? "NON" : f % 50 >= 20 && f % 50 < 30 ? "SKY" : "TGT");
  const table = fibermapTable(0, 1000, kind);
  return { header: { TILEID: 77, TILERA: 150, TILEDEC: 2, SURVEY: "main", PROGRAM: "dark" }, FIBERMAP: table };
}

const ctx = (expid: number) => taskCtx(1, "newexp", { exposure: expid });

describe("newexp", () => {
  const fibermap = tileFibermap();
  const ids = Array.from(fibermap.FIBERMAP.TARGETID).filter((id) => id >= 0n);
  // Targets split over two truth files, as for a tile covering two healpix pixels.
  const half = Math.floor(ids.length / 2);
  const truths: Truth[] = [ids.slice(0, half), ids.slice(half)].map((part) => ({
    header: { HPXPIXEL: 1, HPXNSIDE: 64, HPXNEST: true },
    TRUTH: truthTable(part),
  }));

  test("A science SimSpec holds each TGT fiber's template spectrum, zeros for SKY and NON, the first npetal petals and the exposure's header.", async () => {
    const { simspec } = await newexp(
      { exposures: handle(EXPOSURES), fibermaps: [handle(fibermap)], truth: truths.map((t) => handle(t)) },
      { npetal: 1 },
      ctx(21),
    );
    expect(simspec.FLUX.shape).toEqual([500, 7781]);
    expect(simspec.FLUX.data).toBeInstanceOf(Float32Array);
    expect(Array.from(simspec.WAVE.data)).toEqual(Array.from(testSimWave()));
    expect(simspec.header).toMatchObject({
      NIGHT: 20250105,
      EXPID: 21,
      TILEID: 77,
      EXPTIME: 900,
      AIRMASS: 1.25,
      SEEING: 1.3,
      TRANSP: 0.9,
      MOONFRAC: 0.4,
      MOONALT: 20,
      MOONSEP: 70,
      PROGRAM: "dark",
      FLAVOR: "science",
      OBSTYPE: "SCIENCE",
      "MJD-OBS": 60680.3,
      // Independent: MJD 60680.3 is 2025-01-05 plus 0.3 day (MJD 60680 = 2025-01-05).
      "DATE-OBS": "2025-01-05T07:12:00.000",
      TILERA: 150,
      TILEDEC: 2,
      SURVEY: "main",
      FAPRGRM: "dark",
    });
    expect(Array.from(simspec.FIBERMAP.NUM_ITER.subarray(0, 2))).toEqual([2n, 2n]);
    expect(simspec.FIBERMAP.FIBER.length).toBe(500);
    expect(Array.from(simspec.FIBERMAP.EXPTIME.subarray(0, 3))).toEqual([900, 900, 900]);
    const wave = simspec.WAVE.data;
    for (const f of [0, 1, 31, 250, 444]) {
      const id = simspec.FIBERMAP.TARGETID[f]!;
      const t = truths.find((x) => x.TRUTH.TARGETID.includes(id))!;
      const expected = Float32Array.from(observedSpectrum(truthRow(t.TRUTH, t.TRUTH.TARGETID.indexOf(id)), wave));
      expect(Buffer.compare(Buffer.from(simspec.FLUX.data.slice(f * 7781, (f + 1) * 7781).buffer), Buffer.from(expected.buffer))).toBe(0);
    }
    for (const f of [20, 29, 45, 499]) {
      if (simspec.FIBERMAP.OBJTYPE[f] === "TGT") continue;
      expect(Math.max(...simspec.FLUX.data.subarray(f * 7781, (f + 1) * 7781))).toBe(0);
    }
  });

  test("A flat SimSpec has the lamp in every fiber and a fibermap built from the focal plane, without a tile.", async () => {
    const { simspec } = await newexp({ exposures: handle(EXPOSURES), fibermaps: [], truth: [] }, { npetal: 2 }, ctx(22));
    expect(simspec.FLUX.shape).toEqual([1000, 7781]);
    expect(simspec.header).toMatchObject({
      EXPID: 22,
      FLAVOR: "flat",
      OBSTYPE: "FLAT",
      TILEID: -1,
      EXPTIME: 120,
      PROGRAM: "calib",
      TILERA: 0,
      TILEDEC: 0,
      SURVEY: "calib",
      FAPRGRM: "calib",
    });
    const fm = simspec.FIBERMAP;
    expect(Array.from(fm.FIBER.subarray(495, 505))).toEqual([495, 496, 497, 498, 499, 500, 501, 502, 503, 504]);
    expect(fm.PETAL_LOC[999]).toBe(1);
    expect(fm.LOCATION[999]).toBe(BigInt(1000 + fm.DEVICE_LOC[999]!));
    expect(fm.OBJTYPE.every((o) => o === "FLT")).toBe(true);
    expect(fm.TARGETID.every((t) => t === -1n)).toBe(true);
    const first = simspec.FLUX.data.subarray(0, 7781);
    expect(Math.min(...first)).toBeGreaterThan(0);
    expect(Array.from(simspec.FLUX.data.subarray(999 * 7781, 1000 * 7781))).toEqual(Array.from(first));
  });

  test("Each TGT fiber is reddened by its fibermap EBV: with EBV = 0.1 a source is dimmer by A_λ = R(λ) · 0.1 mag, R = 0.86 × CCM89 (R_V = 3.1).", async () => {
    // Cardelli, Clayton & Mathis (1989) Table 3, R_V = 3.1, A_λ/A_V typed in at x = 1/λ (µm⁻¹):
    // U (x = 2.78) 1.569, V (1.82) 1.000, R (1.43) 0.751, I (1.11) 0.479; per unit of the SFD EBV
    // the fibermap holds, R(λ) = 0.86 (Schlafly & Finkbeiner 2011) × 3.1 × A_λ/A_V. The pixel
    // nearest each (within 3 Å; U's 3597 Å is just below the grid, 3600 Å is used).
    const points: readonly (readonly [number, number])[] = [
      [1e4 / 2.78, 0.86 * 3.1 * 1.569],
      [1e4 / 1.82, 0.86 * 3.1 * 1.0],
      [1e4 / 1.43, 0.86 * 3.1 * 0.751],
      [1e4 / 1.11, 0.86 * 3.1 * 0.479],
    ];
    const reddened: Fibermap = { ...fibermap, FIBERMAP: { ...fibermap.FIBERMAP, EBV: new Float32Array(1000).fill(0.1) } };
    const run = async (fm: Fibermap) =>
      (await newexp({ exposures: handle(EXPOSURES), fibermaps: [handle(fm)], truth: truths.map((t) => handle(t)) }, { npetal: 1 }, ctx(21))).simspec;
    const clear = await run(fibermap);
    const dim = await run(reddened);
    const wave = clear.WAVE.data;
    let checked = 0;
    for (const f of [0, 1, 31, 250]) {
      if (clear.FIBERMAP.OBJTYPE[f] !== "TGT") continue;
      for (const [w, r] of points) {
        const i = Math.max(0, Math.round((w - 3600) / 0.8));
        expect(Math.abs(wave[i]! - w)).toBeLessThan(3.2);
        const ratio = dim.FLUX.data[f * 7781 + i]! / clear.FLUX.data[f * 7781 + i]!;
        // E(B−V) = 0.1 (as f32) and 0.3 % for U's 3 Å off the table point.
        expect(Math.abs(ratio / 10 ** (-0.4 * r * 0.1) - 1)).toBeLessThan(0.003);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    // SKY and NON fibers stay at 0.
    for (const f of [20, 45]) expect(Math.max(...dim.FLUX.data.subarray(f * 7781, (f + 1) * 7781))).toBe(0);
  });

  test("A target missing from every truth table is an error naming its TARGETID.", async () => {
    const missing = fibermap.FIBERMAP.TARGETID[3]!;
    const partial: Truth = { header: {}, TRUTH: truthTable(ids.filter((id) => id !== missing)) };
    await expect(newexp({ exposures: handle(EXPOSURES), fibermaps: [handle(fibermap)], truth: [handle(partial)] }, { npetal: 1 }, ctx(21))).rejects.toThrow(
      new RegExp(`TARGETID ${missing} `),
    );
  });

  test("A science exposure without its fibermap is an error.", async () => {
    await expect(newexp({ exposures: handle(EXPOSURES), fibermaps: [], truth: [] }, { npetal: 1 }, ctx(21))).rejects.toThrow(/exactly one fibermap/);
  });
});

describe("products the runtime accepts", () => {
  test("newexp's SimSpecs (science and flat) and a fastframe Frame pass the runtime's validation against the data model.", async () => {
    const { validateProduct } = await import("../../src/runtime/codecs/index.js");
    const { productType } = await import("../runtime/codecs/productTypes.js");
    const { fastframe } = await import("../../stdlib/sim/index.js");
    const fibermap = tileFibermap();
    const ids = Array.from(fibermap.FIBERMAP.TARGETID).filter((id) => id >= 0n);
    const truth: Truth = { header: {}, TRUTH: truthTable(ids) };
    const science = (await newexp({ exposures: handle(EXPOSURES), fibermaps: [handle(fibermap)], truth: [handle(truth)] }, { npetal: 1 }, ctx(21))).simspec;
    const flat = (await newexp({ exposures: handle(EXPOSURES), fibermaps: [], truth: [] }, { npetal: 1 }, ctx(22))).simspec;
    const simspecType = await productType("SimSpec");
    expect(validateProduct(simspecType, science)).toEqual([]);
    expect(validateProduct(simspecType, flat)).toEqual([]);
    const key = { exposure: 21, camera: "b", petal: 0 };
    const { frame } = await fastframe({ exposures: handle(EXPOSURES), simspec: handle(science) }, { cosmics: 5 }, taskCtx(1, "fastframe", key));
    expect(validateProduct(await productType("Frame"), frame)).toEqual([]);
    expect(frame.header["CAMERA"]).toBe("b0");
  });
});
