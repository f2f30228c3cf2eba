/**
 * The instrument model against numbers typed in from the primary sources (docs/sources.md: #telescope,
 * #wavelength-grids, #throughput, #extinction, #sky, #fiber-acceptance) and an independent Monte Carlo of fiber acceptance.
 */
import { describe, expect, test } from "vitest";
import {
  airmassAt,
  atmosphericTransmission,
  darkSky,
  effectiveReadNoise,
  extinction,
  fiberAcceptance,
  milkyWayExtinction,
  moonBrightnessV,
  moonSpectrum,
  pointSourceAcceptance,
  simWaveGrid,
  throughput,
  totalThroughput,
  waveGrid,
} from "../../stdlib/instrument/index.js";

/** docs/sources.md#fiber-acceptance: seeing FWHM → acceptance of a point source, a 0.45″ disk and a 1.5″ bulge. */
const TABLE: readonly (readonly [number, number, number, number])[] = [
  [0.8, 0.77, 0.54, 0.28],
  [1.0, 0.64, 0.46, 0.24],
  [1.1, 0.58, 0.43, 0.23],
  [1.3, 0.48, 0.36, 0.2],
  [1.5, 0.4, 0.31, 0.17],
  [2.0, 0.26, 0.21, 0.13],
];

/** mulberry32: a small seeded generator for the Monte Carlo. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Γ(k, 1) for integer k, as a sum of exponentials. */
function gammaInt(k: number, u: () => number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s -= Math.log(1 - u());
  return s;
}

/**
 * Monte Carlo fraction of a de Vaucouleurs source (r½ = `re`) in β = 3.5 Moffat seeing that falls
 * in a 0.76″-radius fiber: sample the Sérsic radius by r = r½ (g / b)^4 with g ~ Γ(8), the Moffat
 * radius by inverting its encircled energy, random angles.
 */
function monteCarloDeV(fwhm: number, re: number, n: number): number {
  const u = mulberry(12345);
  const beta = 3.5;
  const alpha = fwhm / (2 * Math.sqrt(2 ** (1 / beta) - 1));
  let hits = 0;
  for (let k = 0; k < n; k++) {
    const rs = re * (gammaInt(8, u) / 7.669249) ** 4;
    const ts = 2 * Math.PI * u();
    const rm = alpha * Math.sqrt((1 - u()) ** (1 / (1 - beta)) - 1);
    const tm = 2 * Math.PI * u();
    const x = rs * Math.cos(ts) + rm * Math.cos(tm);
    const y = rs * Math.sin(ts) + rm * Math.sin(tm);
    if (x * x + y * y < 0.76 * 0.76) hits++;
  }
  return hits / n;
}

describe("fiber acceptance", () => {
  test("A point source's acceptance falls with seeing as the acceptance table, within 2 %.", () => {
    for (const [fwhm, point] of TABLE) {
      expect(Math.abs(pointSourceAcceptance(fwhm) / point - 1)).toBeLessThan(0.02);
      expect(fiberAcceptance(fwhm, "point", 0)).toBe(pointSourceAcceptance(fwhm));
    }
  });

  test("An ELG-like 0.45″ exponential disk follows the table within 3 %.", () => {
    for (const [fwhm, , elg] of TABLE) expect(Math.abs(fiberAcceptance(fwhm, "exp", 0.45) / elg - 1)).toBeLessThan(0.03);
  });

  test("A BGS-like 1.5″ de Vaucouleurs bulge matches a Monte Carlo within 3 % and falls with seeing as the table does within 4 %.", () => {
    for (const fwhm of [0.8, 1.1, 2.0]) {
      const mc = monteCarloDeV(fwhm, 1.5, 200_000);
      expect(Math.abs(fiberAcceptance(fwhm, "dev", 1.5) / mc - 1)).toBeLessThan(0.03);
    }
    // The table's absolute BGS column is ≈ 15 % above this integral (and the Monte Carlo); its
    // dependence on seeing is what is compared.
    const nominal = fiberAcceptance(1.1, "dev", 1.5);
    for (const [fwhm, , , bgs] of TABLE) {
      expect(Math.abs(fiberAcceptance(fwhm, "dev", 1.5) / nominal / (bgs / 0.23) - 1)).toBeLessThan(0.04);
    }
  });
});

describe("grids, throughput, extinction, read noise", () => {
  test("The arm grids are desispec's: 2751, 2326 and 2881 pixels of 0.8 Å, inside the 7781-pixel simulation grid.", () => {
    for (const [band, first, last, n] of [
      ["b", 3600, 5800, 2751],
      ["r", 5760, 7620, 2326],
      ["z", 7520, 9824, 2881],
    ] as const) {
      const w = waveGrid(band);
      expect(w.length).toBe(n);
      expect(w[0]).toBe(first);
      expect(w[n - 1]).toBe(last);
      expect(w[1]! - w[0]!).toBeCloseTo(0.8, 10);
    }
    const sim = simWaveGrid();
    expect(sim.length).toBe(7781);
    expect(sim[2700]).toBe(5760);
    expect(sim[4900]).toBe(7520);
  });

  test("Throughput peaks near the model's 0.35 (b) and 0.45 (r, z) and rolls off toward the grid ends.", () => {
    expect(throughput("b", 4700)).toBeCloseTo(0.35, 2);
    expect(throughput("r", 6500)).toBeCloseTo(0.45, 2);
    expect(throughput("z", 8600)).toBeCloseTo(0.45, 2);
    expect(throughput("b", 3600)).toBeGreaterThan(0.08);
    expect(throughput("b", 3600)).toBeLessThan(0.2);
    expect(throughput("z", 9824)).toBeGreaterThan(0.15);
    expect(throughput("z", 9824)).toBeLessThan(0.3);
    expect(throughput("r", 5000)).toBe(0);
  });

  test("The dichroics split the light: b + r and r + z never exceed the total throughput or the 0.45 single-arm peak, and each arm keeps its peak.", () => {
    // docs/sources.md#throughput, typed in: peaks b 0.35, r 0.45, z 0.45; crossovers near 5800 and 7600 Å.
    // specsim desi.yaml (docs/sources.md#wavelength-grids): non-zero throughput b 3533–5998, r 5564–7805, z 7360–9913 Å.
    const peak: Record<string, number> = { b: 0, r: 0, z: 0 };
    for (let w = 3400; w <= 10000; w += 0.5) {
      const b = throughput("b", w);
      const r = throughput("r", w);
      const z = throughput("z", w);
      expect(b + r + z).toBeLessThanOrEqual(totalThroughput(w) + 1e-12);
      expect(b + r + z).toBeLessThanOrEqual(0.45 + 1e-9);
      for (const [band, t] of [
        ["b", b],
        ["r", r],
        ["z", z],
      ] as const)
        peak[band] = Math.max(peak[band]!, t);
      if (w <= 3533 || w >= 5998) expect(b).toBe(0);
      if (w <= 5564 || w >= 7805) expect(r).toBe(0);
      if (w <= 7360 || w >= 9913) expect(z).toBe(0);
    }
    expect(peak["b"]).toBeCloseTo(0.35, 3);
    expect(peak["r"]).toBeCloseTo(0.45, 3);
    expect(peak["z"]).toBeCloseTo(0.45, 3);
    // Where two arms share light, their sum is no more than the larger arm just outside the overlap
    // (no bump: the review found b + r = 0.69 at 5800 Å and r + z = 0.78 at 7570 Å).
    for (let w = 5564; w <= 5998; w += 1)
      expect(throughput("b", w) + throughput("r", w)).toBeLessThanOrEqual(Math.max(throughput("b", 5564), throughput("r", 5998)) + 1e-9);
    for (let w = 7360; w <= 7805; w += 1)
      expect(throughput("r", w) + throughput("z", w)).toBeLessThanOrEqual(Math.max(throughput("r", 7360), throughput("z", 7805)) + 1e-9);
    expect(throughput("b", 5800) + throughput("r", 5800)).toBeLessThan(0.4);
    expect(throughput("r", 7570) + throughput("z", 7570)).toBeLessThan(0.45);
    // Crossovers (the two arms equal) near 5800 and 7600 Å.
    const crossing = (blue: string, red: string, lo: number, hi: number): number => {
      for (let w = lo; w <= hi; w += 0.5) if (throughput(red, w) >= throughput(blue, w)) return w;
      return NaN;
    };
    expect(Math.abs(crossing("b", "r", 5564, 5998) - 5800)).toBeLessThan(50);
    expect(Math.abs(crossing("r", "z", 7360, 7805) - 7600)).toBeLessThan(50);
  });

  test("Milky Way extinction is Cardelli, Clayton & Mathis (1989) for R_V = 3.1: their Table 3 A_λ/A_V times 3.1.", () => {
    // CCM89 Table 3 (R_V = 3.1), A_λ/A_V at x = 1/λ: U (x = 2.78) 1.569, V (1.82) 1.000, R (1.43) 0.751, I (1.11) 0.479.
    for (const [x, ratio] of [
      [2.78, 1.569],
      [1.82, 1.0],
      [1.43, 0.751],
      [1.11, 0.479],
    ] as const) {
      expect(Math.abs(milkyWayExtinction(1e4 / x) - 3.1 * ratio)).toBeLessThan(0.01);
    }
  });

  test("Extinction reproduces specsim's KPNO curve at its tabulated points within 0.03 mag/airmass.", () => {
    // prettier-ignore
    const points: readonly (readonly [number, number])[] = [
      [3516, 0.59],
      [3744, 0.46],
      [4004, 0.36],
      [4264, 0.29],
      [4524, 0.24],
      [4784, 0.2],
      [5044, 0.18],
      [5564, 0.15],
      [6084, 0.13],
      [6604, 0.09],
      [7124, 0.07],
      [7644, 0.42],
      [7904, 0.055],
      [8164, 0.1],
      [8684, 0.045],
      [9464, 0.29],
      [9724, 0.04],
    ];
    for (const [w, k] of points) expect(Math.abs(extinction(w) - k)).toBeLessThan(0.03);
    expect(Math.abs(atmosphericTransmission(6500, 1) - 0.92)).toBeLessThan(0.01);
    expect(airmassAt(0)).toBe(1);
  });

  test("The effective read noise per 0.8 Å pixel is about 6 e⁻ (docs/sources.md#spectrographs).", () => {
    expect(effectiveReadNoise("r")).toBeCloseTo(6, 0);
    for (const b of ["b", "r", "z"]) {
      expect(effectiveReadNoise(b)).toBeGreaterThan(5);
      expect(effectiveReadNoise(b)).toBeLessThan(7.5);
    }
  });
});

describe("sky", () => {
  test("The dark-sky continuum near 6500 Å is about 1.0e-17 per arcsec² and lines dominate the z arm's peaks (docs/sources.md#sky).", () => {
    const w = waveGrid("r");
    const sky = darkSky(w, 0.8);
    const between = Array.from(sky.subarray(Math.round((6400 - 5760) / 0.8), Math.round((6600 - 5760) / 0.8))).sort((a, b) => a - b);
    expect(between[Math.floor(between.length / 2)]!).toBeGreaterThan(0.9);
    expect(between[Math.floor(between.length / 2)]!).toBeLessThan(1.1);
    const oi = sky[Math.round((6302.0 - 5760) / 0.8)]!;
    expect(oi).toBeGreaterThan(10);
    const z = darkSky(waveGrid("z"), 0.8);
    expect(Math.max(...z)).toBeGreaterThan(30);
  });

  test("Krisciunas & Schaefer's scattered moonlight, computed here by hand, gives the model's V brightness.", () => {
    // Full moon 40° from zenith (altitude 50°), target at airmass 1.2, 60° away; k = 0.1537, the
    // KPNO curve at 5500 Å (0.18 at 5044, 0.15 at 5564, linear between).
    const k = 0.18 + ((0.15 - 0.18) * (5500 - 5044)) / (5564 - 5044);
    const alpha = 0;
    const rho = 60;
    const istar = 10 ** (-0.4 * (3.84 + 0.026 * alpha));
    const f = 10 ** 5.36 * (1.06 + Math.cos((rho * Math.PI) / 180) ** 2) + 10 ** (6.15 - rho / 40);
    const xm = 1 / Math.sqrt(1 - 0.96 * Math.sin((40 * Math.PI) / 180) ** 2);
    const b = f * istar * 10 ** (-0.4 * k * xm) * (1 - 10 ** (-0.4 * k * 1.2));
    const v = (20.7233 - Math.log(b / 34.08)) / 0.92104;
    expect(moonBrightnessV({ fraction: 1, altitude: 50, separation: 60, airmass: 1.2 })).toBeCloseTo(v, 6);
    expect(v).toBeGreaterThan(17.5);
    expect(v).toBeLessThan(19.5);
    expect(moonBrightnessV({ fraction: 1, altitude: -5, separation: 60, airmass: 1.2 })).toBe(Infinity);
    // Bright moonlight outshines the dark continuum in the blue; a new moon adds nothing.
    const w = waveGrid("b");
    const moon = moonSpectrum(w, { fraction: 0.9, altitude: 40, separation: 50, airmass: 1.1 });
    expect(moon[Math.round((4500 - 3600) / 0.8)]!).toBeGreaterThan(darkSky(w, 0.8)[Math.round((4500 - 3600) / 0.8)]!);
    expect(Math.max(...moonSpectrum(w, { fraction: 0, altitude: 40, separation: 50, airmass: 1.1 }))).toBe(0);
  });
});
