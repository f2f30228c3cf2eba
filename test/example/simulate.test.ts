import { describe, expect, test } from "vitest";
import { simulate } from "../../stdlib/example/index.js";
import { sourceSpectrum } from "../../stdlib/example/sourceSpectrum.js";
import { effectiveReadNoise, fiberResponse, lampSpectrum, photonsPerFluxUnit, throughput, waveGrid } from "../../stdlib/instrument/index.js";
import { handMadeExposures } from "./fixtures.js";
import { handle, taskCtx } from "./helpers.js";

const DEG = Math.PI / 180;

function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const s = Math.sin(((dec2 - dec1) * DEG) / 2) ** 2 + Math.cos(dec1 * DEG) * Math.cos(dec2 * DEG) * Math.sin(((ra2 - ra1) * DEG) / 2) ** 2;
  return (2 * Math.asin(Math.sqrt(s))) / DEG;
}

describe("example.simulate", () => {
  test("flat-lamp counts are Poisson plus read noise: mean, variance and IVAR match the analytic values", async () => {
    const nfiber = 5;
    const step = 20;
    const exposures = handle(handMadeExposures(nfiber));
    const key = { exposure: 1, camera: "r" };
    const wave = waveGrid("r", step);
    const nw = wave.length;
    const dw = 0.8 * step;
    // Read noise of `step` 0.8 Å pixels: 2.69 e⁻ per CCD pixel over 3.2 pixels across the trace and (7741 − 5625)/4096 Å per row.
    const readVar = 2.69 ** 2 * 3.2 * (0.8 / ((7741 - 5625) / 4096)) * step;
    expect(readVar).toBeCloseTo(effectiveReadNoise("r") ** 2 * step, 9);
    // The analytic expectation: lamp photons through the area × exposure time × camera throughput × fiber throughput × pixel width.
    const lamp = lampSpectrum(wave);
    const response = Float64Array.from({ length: nfiber * nw }, (_, k) => fiberResponse("r", Math.floor(k / nw), nw)[k % nw] ?? 0);
    const expected = Float64Array.from(
      { length: nfiber * nw },
      (_, k) => (lamp[k % nw] ?? 0) * photonsPerFluxUnit(wave[k % nw] ?? 0, 1) * 120 * throughput("r", wave[k % nw] ?? 0) * (response[k] ?? 0) * dw,
    );

    const K = 300;
    const sum = new Float64Array(nfiber * nw);
    const sum2 = new Float64Array(nfiber * nw);
    for (let r = 0; r < K; r++) {
      const { frame } = await simulate({ exposures }, { step }, taskCtx(r, "simulate", key));
      if (r === 0) {
        expect(frame.FLUX.shape).toEqual([nfiber, nw]);
        expect(frame.WAVELENGTH.data).toEqual(wave);
        for (let k = 0; k < nfiber * nw; k++) expect(frame.IVAR.data[k]).toBeCloseTo(Math.fround((dw * dw) / ((expected[k] ?? 0) + readVar)), 9);
      }
      for (let k = 0; k < nfiber * nw; k++) {
        const counts = (frame.FLUX.data[k] ?? 0) * dw;
        sum[k] = (sum[k] ?? 0) + counts;
        sum2[k] = (sum2[k] ?? 0) + counts * counts;
      }
    }
    let chi2Mean = 0;
    let varianceRatio = 0;
    const n = nfiber * nw;
    for (let k = 0; k < n; k++) {
      const N = expected[k] ?? 0;
      const mean = (sum[k] ?? 0) / K;
      const variance = ((sum2[k] ?? 0) - K * mean * mean) / (K - 1);
      chi2Mean += (mean - N) ** 2 / ((N + readVar) / K);
      varianceRatio += variance / (N + readVar);
    }
    // Each mean deviation is N(0, 1) after scaling: the average square is 1 ± sqrt(2/n).
    expect(Math.abs(chi2Mean / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // Each sample variance over the analytic one is 1 ± sqrt(2/(K-1)); averaged over n pixels.
    expect(Math.abs(varianceRatio / n - 1)).toBeLessThan(5 * Math.sqrt(2 / (K - 1) / n));
    // Counts are large enough here that this is a real test of the Poisson part, not the read noise.
    expect(Math.min(...expected)).toBeGreaterThan(10 * readVar);
  });

  test("a science frame's fibermap holds the tile's targets: mock TARGETIDs, within the field, every fifth fiber sky", async () => {
    const { frame } = await simulate({ exposures: handle(handMadeExposures(10)) }, { step: 40 }, taskCtx(1, "simulate", { exposure: 2, camera: "b" }));
    const fm = frame.FIBERMAP;
    expect([...fm.FIBER]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...fm.TARGETID]).toEqual(Array.from({ length: 10 }, (_, f) => 2n ** 58n + (3n << 16n) + BigInt(f)));
    expect(fm.OBJTYPE).toEqual(["TGT", "TGT", "TGT", "TGT", "SKY", "TGT", "TGT", "TGT", "TGT", "SKY"]);
    for (let f = 0; f < 10; f++) expect(separation(10, -5, fm.TARGET_RA[f] ?? 0, fm.TARGET_DEC[f] ?? 0)).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(frame.header).toEqual({ NIGHT: 20210101, EXPID: 2, TILEID: 3, CAMERA: "b", FLAVOR: "science", EXPTIME: 900 });
  });

  test("a flat's fibermap holds no targets", async () => {
    const { frame } = await simulate({ exposures: handle(handMadeExposures(3)) }, { step: 40 }, taskCtx(1, "simulate", { exposure: 1, camera: "z" }));
    expect(frame.FIBERMAP.TARGETID).toEqual(BigInt64Array.from([-1n, -1n, -1n]));
    expect(frame.FIBERMAP.OBJTYPE).toEqual(["NON", "NON", "NON"]);
    expect(frame.header["FLAVOR"]).toBe("flat");
  });

  test("an emission line's flux is conserved by pixel integration", () => {
    const target = { targetid: 0n, fiber: 0, ra: 0, dec: 0, objtype: "TGT" as const, continuum: 1, slope: 0, redshift: 1.2, lineFlux: 20 };
    for (const step of [1, 10]) {
      const wave = waveGrid("z", step);
      const dw = 0.8 * step;
      const f = sourceSpectrum(target, wave, dw);
      // The continuum is flat at 1, so the excess over it is the line.
      const line = f.reduce((acc, x) => acc + (x - 1) * dw, 0);
      expect(line).toBeCloseTo(20, 4);
    }
  });

  test("the same seed and key give identical arrays; another key other noise", async () => {
    const exposures = handle(handMadeExposures(10));
    const run = async (seed: number, camera: string) => (await simulate({ exposures }, { step: 10 }, taskCtx(seed, "simulate", { exposure: 2, camera }))).frame;
    const a = await run(1, "r");
    const b = await run(1, "r");
    expect(b.FLUX.data).toEqual(a.FLUX.data);
    expect(b.IVAR.data).toEqual(a.IVAR.data);
    expect(b.FIBERMAP).toEqual(a.FIBERMAP);
    expect((await run(2, "r")).FLUX.data).not.toEqual(a.FLUX.data);
    // Targets are the tile's whatever the seed of the noise.
    expect((await run(2, "r")).FIBERMAP).toEqual(a.FIBERMAP);
  });

  test("a task whose key has no camera, or names an unknown exposure, fails with a message saying so", async () => {
    const exposures = handle(handMadeExposures(2));
    await expect(simulate({ exposures }, { step: 10 }, taskCtx(1, "simulate", { exposure: 2 }))).rejects.toThrow(/`camera`/);
    await expect(simulate({ exposures }, { step: 10 }, taskCtx(1, "simulate", { exposure: 7, camera: "b" }))).rejects.toThrow(/exposure 7/);
  });
});
