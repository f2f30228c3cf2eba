import { describe, expect, test } from "vitest";
import { capPoint } from "../../stdlib/example/capPoint.js";
import { erf, gaussianFraction, median } from "../../stdlib/math/index.js";
import { fluxCalibration } from "../../stdlib/example/fluxCalibration.js";
import { fiberResponse, pointSourceAcceptance, throughput, waveGrid } from "../../stdlib/instrument/index.js";
import { truthStream } from "../../stdlib/example/truthStream.js";

const DEG = Math.PI / 180;

/** Angular distance in degrees (haversine). */
function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const s = Math.sin(((dec2 - dec1) * DEG) / 2) ** 2 + Math.cos(dec1 * DEG) * Math.cos(dec2 * DEG) * Math.sin(((ra2 - ra1) * DEG) / 2) ** 2;
  return (2 * Math.asin(Math.sqrt(s))) / DEG;
}

describe("the example's use of the instrument model", () => {
  test("step 1 gives DESI's reduction grids (desispec; docs/sources.md#wavelength-grids)", () => {
    const expected = { b: [3600, 5800, 2751], r: [5760, 7620, 2326], z: [7520, 9824, 2881] } as const;
    for (const [cam, [first, last, n]] of Object.entries(expected)) {
      const w = waveGrid(cam, 1);
      expect([w[0], w[w.length - 1], w.length]).toEqual([first, last, n]);
      // Every value is a multiple of 0.1 Å, 0.8 Å apart.
      expect(w.every((x, i) => Math.abs(x * 10 - Math.round(x * 10)) < 1e-9 && (i === 0 || Math.abs(x - (w[i - 1] ?? 0) - 0.8) < 1e-9))).toBe(true);
    }
  });

  test("a larger step keeps the first wavelength and never passes the last", () => {
    const w = waveGrid("b", 10);
    expect(w[0]).toBe(3600);
    expect(w[1]).toBe(3608);
    expect(w.length).toBe(276);
    expect(w[w.length - 1]).toBeLessThanOrEqual(5800);
    expect(() => waveGrid("b", 0)).toThrow(RangeError);
    expect(() => waveGrid("x", 1)).toThrow(/not b, r or z/);
  });

  test("the calibration vector is area × time × throughput × acceptance × λ/hc × 1e-17", () => {
    // Independent numbers: A = 8.659 m², h = 6.62607015e-34 J s, c = 299792458 m/s, 1 erg = 1e-7 J.
    const hcErgAngstrom = 6.62607015e-34 * 1e7 * 299792458 * 1e10;
    // The point-source acceptance in 1.1″ seeing: Moffat β = 3.5 into a 1.52″ fiber, 1 − (1 + R²/α²)^(1−β).
    const alpha = 1.1 / (2 * Math.sqrt(2 ** (1 / 3.5) - 1));
    const acceptance = 1 - (1 + 0.76 ** 2 / alpha ** 2) ** (1 - 3.5);
    expect(acceptance).toBeCloseTo(0.58, 2);
    expect(pointSourceAcceptance(1.1)).toBeCloseTo(acceptance, 12);
    const at = (cam: string, w: number, t: number): number => (8.659e4 * t * throughput(cam, w) * acceptance * w * 1e-17) / hcErgAngstrom;
    const c = fluxCalibration("r", Float64Array.from([6000, 7000]), 1000);
    expect(c[0]).toBeCloseTo(at("r", 6000, 1000), 10);
    expect(c[1]).toBeCloseTo(at("r", 7000, 1000), 10);
    expect(c[0]).toBeGreaterThan(60);
    expect(c[0]).toBeLessThan(80);
  });

  test("a fiber's response is its fixed throughput with a linear tilt across the arm, the same on any grid of the arm", () => {
    const fine = fiberResponse("r", 7, waveGrid("r", 1).length);
    const coarse = fiberResponse("r", 7, waveGrid("r", 10).length);
    // Both grids run from the arm's first to (nearly) its last pixel: their ends and middles agree.
    expect(coarse[0]).toBeCloseTo(fine[0]!, 12);
    const mid = (fine[0]! + fine[fine.length - 1]!) / 2;
    expect((coarse[0]! + coarse[coarse.length - 1]!) / 2).toBeCloseTo(mid, 12);
    expect(mid).toBeGreaterThanOrEqual(0.8);
    expect(mid).toBeLessThanOrEqual(1.2);
    // Linear: equal steps between equally spaced pixels.
    expect(fine[2]! - fine[1]!).toBeCloseTo(fine[1]! - fine[0]!, 12);
    // Another fiber has other properties.
    expect(fiberResponse("r", 8, 10)[0]).not.toBe(fiberResponse("r", 7, 10)[0]);
  });

  test("erf matches tabulated values to 1.2e-7", () => {
    const table: readonly (readonly [number, number])[] = [
      [0, 0],
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [-1.5, -0.9661051464753108],
    ];
    for (const [x, v] of table) expect(Math.abs(erf(x) - v)).toBeLessThan(1.2e-7);
    expect(gaussianFraction(-1, 1, 0, 1)).toBeCloseTo(0.6826894921370859, 6);
  });

  test("median handles odd, even and empty inputs", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median(Float64Array.from([4, 1, 3, 2]))).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  test("a truth stream is a function of its seed and labels", () => {
    const draw = (seed: number, ...labels: number[]): number[] => {
      const s = truthStream(seed, ...labels);
      return Array.from({ length: 5 }, () => s.uniform());
    };
    expect(draw(12345, 1, 7)).toEqual(draw(12345, 1, 7));
    expect(draw(12345, 1, 7)).not.toEqual(draw(12345, 1, 8));
    expect(draw(12345, 1, 7)).not.toEqual(draw(12346, 1, 7));
    expect(draw(2 ** 52 + 1, 2)).not.toEqual(draw(1, 2));
    const s = truthStream(99, 3);
    const xs = Array.from({ length: 20000 }, () => s.uniform());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / xs.length));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test("cap points lie within the radius, uniformly in area", () => {
    const s = truthStream(5, 9);
    const radius = 2;
    let inner = 0;
    let farthest = 0;
    let raInRange = true;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const [ra, dec] = capPoint(359.5, 60, radius, s.uniform(), s.uniform());
      const d = separation(359.5, 60, ra, dec);
      farthest = Math.max(farthest, d);
      raInRange &&= ra >= 0 && ra < 360;
      // Half of a small cap's area is within radius/√2.
      if (d < radius / Math.SQRT2) inner++;
    }
    expect(farthest).toBeLessThanOrEqual(radius + 1e-9);
    expect(farthest).toBeGreaterThan(0.99 * radius);
    expect(raInRange).toBe(true);
    expect(Math.abs(inner / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
  });
});
