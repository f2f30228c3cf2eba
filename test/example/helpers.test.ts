import { describe, expect, test } from "vitest";
import { handle, taskCtx, testRng } from "./helpers.js";

/** Sample mean and (unbiased) variance. */
function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe("the test random source", () => {
  test.each([0.5, 3, 9.9, 10, 47, 5e4])("Poisson draws of mean %d have that mean and variance", (lam) => {
    const rng = testRng(7);
    const n = 40000;
    const xs = Array.from({ length: n }, () => rng.poisson(lam));
    const { mean, variance } = moments(xs);
    // Standard errors: sqrt(λ/n) for the mean, λ·sqrt(2/n) for the variance (plus the excess kurtosis 1/λ).
    expect(Math.abs(mean - lam)).toBeLessThan(5 * Math.sqrt(lam / n));
    expect(Math.abs(variance - lam)).toBeLessThan(5 * lam * Math.sqrt((2 + 1 / lam) / n));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  test("normal draws are standard", () => {
    const rng = testRng(3);
    const { mean, variance } = moments(Array.from({ length: 40000 }, () => rng.normal()));
    expect(Math.abs(mean)).toBeLessThan(5 / 200);
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / 40000));
  });

  test("contexts depend on the seed, the stage and the key, not on the order keys are written in", () => {
    const a = taskCtx(1, "simulate", { exposure: 5, camera: "b" }).rng.uniform();
    expect(taskCtx(1, "simulate", { camera: "b", exposure: 5 }).rng.uniform()).toBe(a);
    expect(taskCtx(2, "simulate", { exposure: 5, camera: "b" }).rng.uniform()).not.toBe(a);
    expect(taskCtx(1, "calibrate", { exposure: 5, camera: "b" }).rng.uniform()).not.toBe(a);
    expect(taskCtx(1, "simulate", { exposure: 6, camera: "b" }).rng.uniform()).not.toBe(a);
  });

  test("a handle reads its value, its header and row ranges of a table", async () => {
    const value = { header: { NIGHT: 20201214 }, FIBERMAP: { FIBER: Int32Array.from([0, 1, 2, 3]), OBJTYPE: ["TGT", "SKY", "TGT", "TGT"] } };
    const h = handle(value, { exposure: 1 });
    expect(await h.read()).toBe(value);
    expect(await h.header()).toEqual({ NIGHT: 20201214 });
    expect(await h.readRows("FIBERMAP", 1, 3)).toEqual({ FIBER: Int32Array.from([1, 2]), OBJTYPE: ["SKY", "TGT"] });
    expect(await h.readRows("FIBERMAP", 0, 2, ["OBJTYPE"])).toEqual({ OBJTYPE: ["TGT", "SKY"] });
  });
});
