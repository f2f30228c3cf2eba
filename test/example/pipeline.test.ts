import { beforeAll, describe, expect, test } from "vitest";
import { exposureTargets } from "../../stdlib/example/exposureTargets.js";
import { sourceSpectrum } from "../../stdlib/example/sourceSpectrum.js";
import { runCli } from "../helpers/cli.js";
import { MINI, runExample, type ExampleRun } from "./runExample.js";

describe("the example pipeline, run in memory", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await runExample(MINI);
  });

  test("the same seed gives identical products whatever order the tasks and gathers run in", async () => {
    const reversed = await runExample(MINI, true);
    expect(reversed.exposures).toEqual(run.exposures);
    for (const [name, a, b] of [
      ["frames", run.frames, reversed.frames],
      ["fiberflats", run.fiberflats, reversed.fiberflats],
      ["cframes", run.cframes, reversed.cframes],
      ["spectra", run.spectra, reversed.spectra],
    ] as const) {
      expect([...b.keys()].sort(), name).toEqual([...a.keys()].sort());
      for (const [k, v] of a as Map<string | number, unknown>) expect((b as Map<string | number, unknown>).get(k), `${name} ${k}`).toEqual(v);
    }
    expect(reversed.pixels).toEqual(run.pixels);
    expect(reversed.pairs).toEqual(run.pairs);
    expect(reversed.summary).toEqual(run.summary);
  });

  test("another seed gives another survey", async () => {
    const other = await runExample({ ...MINI, seed: 2 });
    expect(other.exposures.meta["SIMSEED"]).not.toBe(run.exposures.meta["SIMSEED"]);
    expect(other.summary).not.toEqual(run.summary);
  });

  test("the mini profile is small: 2 nights, 6 exposures, a few pixels, every spectrum summarised", () => {
    expect(run.exposures.EXPID.length).toBe(6);
    expect(run.frames.size).toBe(18);
    expect(run.fiberflats.size).toBe(6);
    expect(run.cframes.size).toBe(12);
    expect(run.summary.npixel).toBe(run.pixels.length);
    expect(run.summary.nspectra).toBe(4 * 20);
    expect(run.summary.ntarget).toBe(2 * 20);
    for (const p of run.summary.pixels) for (const v of Object.values(p.medianSnr)) expect(v).toBeGreaterThan(1);
  });

  test("calibrated spectra are the simulated sources: flux scale within 5 % per band, unit-normal pulls", async () => {
    // More fibers than mini so that the statistics are tight.
    const big = await runExample({ ...MINI, nfiber: 40 });
    const x = big.exposures;
    for (const camera of ["b", "r", "z"]) {
      let num = 0;
      let den = 0;
      let s = 0;
      let s2 = 0;
      let n = 0;
      for (let row = 0; row < x.EXPID.length; row++) {
        if (x.FLAVOR[row] !== "science") continue;
        const cf = big.cframes.get(`${x.EXPID[row] ?? 0}/${camera}`);
        if (cf === undefined) throw new Error(`no cframe ${x.EXPID[row] ?? 0}/${camera}`);
        const wave = cf.WAVELENGTH.data;
        const nw = wave.length;
        for (const t of exposureTargets(x, row)) {
          if (t.objtype !== "TGT") continue;
          const truth = sourceSpectrum(t, wave, 0.8 * MINI.step);
          for (let i = 0; i < nw; i++) {
            const k = t.fiber * nw + i;
            const w = cf.IVAR.data[k] ?? 0;
            if (w <= 0) continue;
            const f = cf.FLUX.data[k] ?? 0;
            const F = truth[i] ?? 0;
            num += f * F * w;
            den += F * F * w;
            const p = (f - F) * Math.sqrt(w);
            s += p;
            s2 += p * p;
            n++;
          }
        }
      }
      const mean = s / n;
      // The fiber flat is normalised to the median fiber and the sky is a median of 8 sky fibers: both bias by ~1 %.
      expect(Math.abs(num / den - 1), camera).toBeLessThan(0.05);
      expect(Math.abs(mean), camera).toBeLessThan(0.3);
      expect(Math.abs(Math.sqrt(s2 / n - mean * mean) - 1), camera).toBeLessThan(0.05);
    }
  });
});

describe("pipelines/example.dflow", () => {
  test("checks with no problem", async () => {
    const r = await runCli(["check", "pipelines/example.dflow"]);
    expect(r.stderr + r.stdout).toMatch(/no problems/);
    expect(r.code).toBe(0);
  });

  test("is formatted", async () => {
    const r = await runCli(["fmt", "--check", "pipelines/example.dflow"]);
    expect(r.code).toBe(0);
  });
});
