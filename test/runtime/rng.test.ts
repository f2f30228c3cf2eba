import { describe, expect, it } from "vitest";
import { makeRng, taskSeed } from "../../src/runtime/rng.js";

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) };
}

describe("the task random stream", () => {
  it("depends on the seed, the stage and the key, and on nothing else", () => {
    const a = makeRng(taskSeed(1, "sky", "sky[exposure=1]"));
    const b = makeRng(taskSeed(1, "sky", "sky[exposure=1]"));
    const c = makeRng(taskSeed(1, "sky", "sky[exposure=2]"));
    const xa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
  });

  it("draws uniforms in [0, 1) and standard normals with the right moments", () => {
    const r = makeRng(taskSeed(7, "t", "k"));
    const u = Array.from({ length: 200_000 }, () => r.uniform());
    expect(u.every((x) => x >= 0 && x < 1)).toBe(true);
    const mu = moments(u);
    expect(Math.abs(mu.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / u.length));
    const n = moments(Array.from({ length: 200_000 }, () => r.normal()));
    expect(Math.abs(n.mean)).toBeLessThan(5 / Math.sqrt(200_000));
    expect(Math.abs(n.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / 200_000));
  });

  it("draws Poisson counts with mean and variance lambda, below and above the method switch", () => {
    const r = makeRng(taskSeed(3, "p", "k"));
    for (const lambda of [0.5, 5, 29, 31, 100, 5e4]) {
      const m = 100_000;
      const xs = Array.from({ length: m }, () => r.poisson(lambda));
      const { mean, variance } = moments(xs);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expect(Math.abs(mean - lambda), `mean at ${lambda}`).toBeLessThan(5 * Math.sqrt(lambda / m));
      expect(Math.abs(variance / lambda - 1), `variance at ${lambda}`).toBeLessThan(5 * Math.sqrt(2 / m) + 0.01);
    }
  });
});
