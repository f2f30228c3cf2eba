import { describe, expect, test } from "vitest";
import { computeFiberflat, combineFlats, fiberflat } from "../../stdlib/calib/index.js";
import { fiberResponse } from "../../stdlib/instrument/index.js";
import { handle, taskCtx } from "../example/helpers.js";
import { FLATS, flatSimspec, frameOf } from "./fixtures.js";

describe("fiberflat", () => {
  test("recovers each fiber's relative throughput", async () => {
    const sim = flatSimspec(500);
    const t0 = performance.now();
    const frames = await Promise.all(FLATS.slice(0, 1).map((e) => frameOf(sim, e.EXPID, "r")));
    const t1 = performance.now();
    const data = combineFlats(frames);
    const res = computeFiberflat(data);
    const t2 = performance.now();
    console.log("sim", t1 - t0, "flat", t2 - t1, "iterations", res.iterations);
    const { nfiber, nwave } = data;
    const good: number[] = [];
    for (let f = 0; f < nfiber; f++) if (frames[0]!.FIBERMAP.FIBERSTATUS[f] === 0) good.push(f);
    const truth = good.map((f) => fiberResponse("r", f, nwave));
    const norm = new Float64Array(nwave);
    for (let i = 0; i < nwave; i++) {
      const col = truth.map((t) => t[i]!).sort((a, b) => a - b);
      norm[i] = col[col.length >> 1]!;
    }
    const errs: number[] = [];
    const binErrs: number[] = [];
    good.forEach((f, g) => {
      const r: number[] = [];
      for (let i = 0; i < nwave; i++) r.push(res.fiberflat[f * nwave + i]! / (truth[g]![i]! / norm[i]!));
      const s = [...r].sort((a, b) => a - b);
      errs.push(Math.abs(s[s.length >> 1]! - 1));
      for (let b = 0; b + 50 <= nwave; b += 50) {
        let m = 0;
        for (let i = b; i < b + 50; i++) m += r[i]!;
        binErrs.push(Math.abs(m / 50 - 1));
      }
    });
    const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!;
    console.log("per-fiber median err: median", q(errs, 0.5), "p99", q(errs, 0.99), "40Å bins median", q(binErrs, 0.5), "p99", q(binErrs, 0.99));
    expect(q(errs, 0.5)).toBeLessThan(0.003);
  }, 120000);
});
