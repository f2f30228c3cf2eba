/**
 * calib.fiberflat on simulated flat-lamp frames: each fiber's relative throughput at flat time
 * recovered against the simulator's truth (fiberResponse, normalised like the flat to a median of
 * 1 over good fibers at every wavelength); bad input masked, never NaN.
 */
import { describe, expect, test } from "vitest";
import { combineFlats, computeFiberflat } from "../../stdlib/calib/index.js";
import type { Frame } from "../../stdlib/datamodel/Frame.js";
import { image } from "../../stdlib/datamodel/values.js";
import { SPECMASK, fiberResponse } from "../../stdlib/instrument/index.js";
import { flatFrame, nightFlat } from "./fixtures.js";

/** The p-quantile of `values`. */
function quantile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** Relative errors of a fiber flat against the truth: per fiber (median over λ) and per 40 Å bin. */
function flatErrors(camera: string, frame: Frame, flat: Float32Array | Float64Array): { fiber: number[]; bin: number[] } {
  const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
  const good = Array.from({ length: nfiber }, (_, f) => f).filter((f) => frame.FIBERMAP.FIBERSTATUS[f] === 0);
  const truth = good.map((f) => fiberResponse(camera, frame.FIBERMAP.FIBER[f]!, nwave));
  const norm = Float64Array.from({ length: nwave }, (_, i) =>
    quantile(
      truth.map((t) => t[i]!),
      0.5,
    ),
  );
  const fiber: number[] = [];
  const bin: number[] = [];
  good.forEach((f, g) => {
    const ratio = Array.from({ length: nwave }, (_, i) => flat[f * nwave + i]! / (truth[g]![i]! / norm[i]!));
    fiber.push(Math.abs(quantile(ratio, 0.5) - 1));
    for (let b = 0; b + 50 <= nwave; b += 50) bin.push(Math.abs(ratio.slice(b, b + 50).reduce((a, v) => a + v, 0) / 50 - 1));
  });
  return { fiber, bin };
}

describe("calib.fiberflat", () => {
  for (const camera of ["b", "z"]) {
    test(`Recovers each fiber's true relative throughput at flat time in ${camera}: within 0.3 percent median and 1 percent at the 99th percentile, per fiber and per 40 Å bin.`, async () => {
      const frame = await flatFrame(camera);
      const flat = await nightFlat(camera, frame);
      expect(flat.FIBERFLAT.shape).toEqual(frame.FLUX.shape);
      const { fiber, bin } = flatErrors(camera, frame, flat.FIBERFLAT.data);
      expect(fiber.length).toBeGreaterThan(450);
      for (const errs of [fiber, bin]) {
        expect(quantile(errs, 0.5)).toBeLessThan(0.003);
        expect(quantile(errs, 0.99)).toBeLessThan(0.01);
      }
      // Bad fibers (FIBERSTATUS) come out masked with IVAR 0 and a finite flat.
      const nwave = frame.FLUX.shape[1]!;
      for (let f = 0; f < frame.FLUX.shape[0]!; f++) {
        if (frame.FIBERMAP.FIBERSTATUS[f] === 0) continue;
        expect(flat.IVAR.data.subarray(f * nwave, (f + 1) * nwave).every((v) => v === 0)).toBe(true);
        expect(flat.MASK.data.subarray(f * nwave, (f + 1) * nwave).every((v) => (v & SPECMASK.BADFIBERFLAT) !== 0)).toBe(true);
      }
      expect(flat.FIBERFLAT.data.every(Number.isFinite)).toBe(true);
      expect(flat.IVAR.data.every(Number.isFinite)).toBe(true);
      expect(flat.MEANSPEC.data.every(Number.isFinite)).toBe(true);
      expect(flat.header).toMatchObject({ NIGHT: 20250102, CAMERA: `${camera}0`, SPECGRPH: 0 });
    }, 60000);
  }

  test("A fiber with no valid pixel and NaN flux on masked pixels: that fiber masked with flat 1, no NaN anywhere, the others unchanged.", async () => {
    const frame = await flatFrame("r");
    const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
    const flux = Float32Array.from(frame.FLUX.data);
    const ivar = Float32Array.from(frame.IVAR.data);
    const dead = 7;
    for (let i = 0; i < nwave; i++) {
      ivar[dead * nwave + i] = 0;
      flux[dead * nwave + i] = Number.NaN;
    }
    const bad: Frame = { ...frame, FLUX: image(flux, [nfiber, nwave]), IVAR: image(ivar, [nfiber, nwave]) };
    const r = computeFiberflat(combineFlats([bad]));
    expect(r.fiberflat.every(Number.isFinite) && r.ivar.every(Number.isFinite)).toBe(true);
    for (let i = 0; i < nwave; i++) {
      expect(r.fiberflat[dead * nwave + i]).toBe(1);
      expect(r.ivar[dead * nwave + i]).toBe(0);
      expect(r.mask[dead * nwave + i]! & SPECMASK.BADFIBERFLAT).not.toBe(0);
    }
    const { fiber } = flatErrors(
      "r",
      bad,
      r.fiberflat.map((v, k) => (Math.floor(k / nwave) === dead ? Number.NaN : v)),
    );
    expect(quantile(fiber.filter(Number.isFinite), 0.5)).toBeLessThan(0.003);
  }, 60000);
});
