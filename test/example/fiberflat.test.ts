import { describe, expect, test } from "vitest";
import { image } from "../../stdlib/datamodel/values.js";
import { fiberflat, simulate, type ExampleFlat, type ExampleFrame } from "../../stdlib/example/index.js";
import { fiberResponse } from "../../stdlib/instrument/index.js";
import { median } from "../../stdlib/math/index.js";
import { handMadeExposures } from "./fixtures.js";
import { handle, taskCtx, testRng } from "./helpers.js";

const NFIBER = 30;
const NWAVE = 200;
const WAVE = Float64Array.from({ length: NWAVE }, (_, i) => 5760 + 8 * i);
const LAMP = Float64Array.from(WAVE, (w) => 4e4 * (1 + 0.3 * Math.sin(w / 200)));

/** Per-fiber throughputs with smooth trends, normalised to median 1 over the fibers not in `dead` (which get 0). */
function injectedThroughputs(seed: number, dead: readonly number[] = []): Float64Array {
  const rng = testRng(seed);
  const t = new Float64Array(NFIBER * NWAVE);
  for (let f = 0; f < NFIBER; f++) {
    const scale = 1 + 0.08 * rng.normal();
    const tilt = 0.05 * rng.normal();
    for (let i = 0; i < NWAVE; i++) t[f * NWAVE + i] = dead.includes(f) ? 0 : scale * (1 + tilt * (i / NWAVE - 0.5));
  }
  for (let i = 0; i < NWAVE; i++) {
    const m = median(Array.from({ length: NFIBER }, (_, f) => t[f * NWAVE + i] ?? 0).filter((_, f) => !dead.includes(f)));
    for (let f = 0; f < NFIBER; f++) t[f * NWAVE + i] = (t[f * NWAVE + i] ?? 0) / m;
  }
  return t;
}

/** A flat-lamp frame with Poisson counts of lamp × throughput (1 Å pixels, so counts are electrons/Å). */
function flatFrame(t: Float64Array, expid: number, seed: number): ExampleFrame {
  const rng = testRng(seed);
  const flux = new Float32Array(NFIBER * NWAVE);
  const ivar = new Float32Array(NFIBER * NWAVE);
  for (let k = 0; k < flux.length; k++) {
    const n = (LAMP[k % NWAVE] ?? 0) * (t[k] ?? 0);
    flux[k] = rng.poisson(n);
    ivar[k] = n > 0 ? 1 / n : 1;
  }
  return {
    header: { NIGHT: 20210101, EXPID: expid, TILEID: -1, CAMERA: "r", FLAVOR: "flat", EXPTIME: 120 },
    FLUX: image(flux, [NFIBER, NWAVE]),
    IVAR: image(ivar, [NFIBER, NWAVE]),
    WAVELENGTH: image(Float64Array.from(WAVE), [NWAVE]),
    FIBERMAP: {
      TARGETID: new BigInt64Array(NFIBER).fill(-1n),
      FIBER: Int32Array.from({ length: NFIBER }, (_, f) => f),
      TARGET_RA: new Float64Array(NFIBER),
      TARGET_DEC: new Float64Array(NFIBER),
      FIBERSTATUS: new Int32Array(NFIBER),
      OBJTYPE: Array.from({ length: NFIBER }, () => "NON"),
    },
  };
}

async function computeFlat(frames: readonly ExampleFrame[], logs: string[] = []): Promise<ExampleFlat> {
  return (await fiberflat({ flats: frames.map((f) => handle(f)) }, { nsig: 10 }, taskCtx(1, "fiberflat", { night: 20210101, camera: "r" }, logs))).fiberflat;
}

/** Pulls (F − t)·sqrt(ivar) over the pixels with ivar > 0, and the fraction of pixels they cover. */
function pulls(flat: ExampleFlat, t: Float64Array): { rms: number; max: number; covered: number } {
  let s2 = 0;
  let max = 0;
  let n = 0;
  for (let k = 0; k < t.length; k++) {
    const w = flat.IVAR.data[k] ?? 0;
    if (w <= 0) continue;
    const p = ((flat.FIBERFLAT.data[k] ?? 0) - (t[k] ?? 0)) * Math.sqrt(w);
    s2 += p * p;
    max = Math.max(max, Math.abs(p));
    n++;
  }
  return { rms: Math.sqrt(s2 / n), max, covered: n / t.length };
}

describe("example.fiberflat", () => {
  test("recovers injected per-fiber throughputs within their propagated errors", async () => {
    const t = injectedThroughputs(11);
    const flat = await computeFlat([flatFrame(t, 10, 1), flatFrame(t, 11, 2)]);
    expect(flat.FIBERFLAT.shape).toEqual([NFIBER, NWAVE]);
    expect(flat.header).toEqual({ NIGHT: 20210101, CAMERA: "r", NFLAT: 2 });
    const p = pulls(flat, t);
    expect(p.covered).toBe(1);
    // Pixel noise ≈ 1/sqrt(2 × 4e4) ≈ 0.35 %; the pulls are unit normal, plus the median normalisation's small common error.
    expect(p.rms).toBeGreaterThan(0.8);
    expect(p.rms).toBeLessThan(1.3);
    expect(p.max).toBeLessThan(6);
    // The absolute error: every pixel within 2.5 % of the truth (6σ of the worst pixel).
    for (let k = 0; k < t.length; k++) expect(Math.abs((flat.FIBERFLAT.data[k] ?? 0) - (t[k] ?? 0))).toBeLessThan(0.025);
    // Renormalised: the median over fibers is 1 at every wavelength.
    for (let i = 0; i < NWAVE; i++) expect(median(Array.from({ length: NFIBER }, (_, f) => flat.FIBERFLAT.data[f * NWAVE + i] ?? 0))).toBeCloseTo(1, 6);
    // MEANSPEC is the lamp, to within the noise and the fiber-to-fiber spacing of a median over 30 fibers.
    for (let i = 0; i < NWAVE; i++) expect(Math.abs((flat.MEANSPEC.data[i] ?? 0) / (LAMP[i] ?? 1) - 1)).toBeLessThan(0.02);
  });

  test("a cosmic-ray-like spike is rejected and replaced by the fiber's running median", async () => {
    const t = injectedThroughputs(12);
    const a = flatFrame(t, 10, 3);
    const spike = 5 * NWAVE + 100;
    a.FLUX.data[spike] = 5 * (a.FLUX.data[spike] ?? 0);
    const flat = await computeFlat([a, flatFrame(t, 11, 4)]);
    expect(flat.IVAR.data[spike]).toBe(0);
    expect(Math.abs((flat.FIBERFLAT.data[spike] ?? 0) - (t[spike] ?? 0))).toBeLessThan(0.01);
    expect(pulls(flat, t).max).toBeLessThan(6);
  });

  test("a dead fiber is dropped and the others are normalised without it", async () => {
    const t = injectedThroughputs(13, [7]);
    const logs: string[] = [];
    const flat = await computeFlat([flatFrame(t, 10, 5)], logs);
    for (let i = 0; i < NWAVE; i++) {
      expect(flat.FIBERFLAT.data[7 * NWAVE + i]).toBe(0);
      expect(flat.IVAR.data[7 * NWAVE + i]).toBe(0);
    }
    const p = pulls(flat, t);
    expect(p.covered).toBeCloseTo((NFIBER - 1) / NFIBER, 10);
    expect(p.max).toBeLessThan(6);
    expect(logs.join("\n")).toMatch(/dropped 1 of 30 fibers/);
  });

  test("the result does not depend on the order of the flats", async () => {
    const t = injectedThroughputs(14);
    const a = flatFrame(t, 10, 6);
    const b = flatFrame(t, 11, 7);
    const ab = await computeFlat([a, b]);
    const ba = await computeFlat([b, a]);
    expect(ba.FIBERFLAT.data).toEqual(ab.FIBERFLAT.data);
    expect(ba.IVAR.data).toEqual(ab.IVAR.data);
  });

  test("on simulated flats it measures the instrument's fiber throughputs", async () => {
    const nfiber = 20;
    const exposures = handle(handMadeExposures(nfiber));
    for (const camera of ["b", "r", "z"]) {
      const { frame } = await simulate({ exposures }, { step: 10 }, taskCtx(1, "simulate", { exposure: 1, camera }));
      const flat = (await fiberflat({ flats: [handle(frame)] }, { nsig: 10 }, taskCtx(1, "fiberflat", { night: 20210101, camera }))).fiberflat;
      const wave = frame.WAVELENGTH.data;
      const nw = wave.length;
      const r = new Float64Array(nfiber * nw);
      for (let f = 0; f < nfiber; f++) r.set(fiberResponse(camera, f, nw), f * nw);
      let worst = 0;
      for (let i = 0; i < nw; i++) {
        const m = median(Array.from({ length: nfiber }, (_, f) => r[f * nw + i] ?? 0));
        for (let f = 0; f < nfiber; f++) {
          const k = f * nw + i;
          worst = Math.max(worst, Math.abs((flat.FIBERFLAT.data[k] ?? 0) - (r[k] ?? 0) / m) * Math.sqrt(flat.IVAR.data[k] ?? 0));
        }
      }
      expect(worst).toBeLessThan(6);
    }
  });

  test("a science frame among the flats is refused", async () => {
    const t = injectedThroughputs(15);
    const science = { ...flatFrame(t, 12, 8), header: { ...flatFrame(t, 12, 8).header, FLAVOR: "science" } };
    await expect(computeFlat([flatFrame(t, 10, 9), science])).rejects.toThrow(/not a flat/);
  });
});
