import { describe, expect, it } from "vitest";
import { exactChi2 } from "../../stdlib/redshift/exactChi2.js";
import { prepareTarget } from "../../stdlib/redshift/prepareTarget.js";
import { templateModel } from "../../stdlib/redshift/TemplateModel.js";
import { fft } from "../../stdlib/redshift/fft.js";
import { minfit, findMinima } from "../../stdlib/redshift/minfit.js";
import { logGrid, type Template } from "../../stdlib/redshift/index.js";
import { makeRng, taskSeed } from "../../src/runtime/index.js";

/** A small synthetic template: a continuum slope and two Gaussian lines. */
function toyTemplate(): Template {
  const wave = Float64Array.from({ length: 4000 }, (_, i) => 1000 + i * 2);
  const b0 = wave.map(() => 1);
  const b1 = wave.map((w) => (w - 5000) / 4000);
  const b2 = wave.map((w) => Math.exp(-0.5 * ((w - 3728) / 3) ** 2) + 0.5 * Math.exp(-0.5 * ((w - 5008) / 3) ** 2));
  return { spectype: "GALAXY", subtype: "", version: "t", wave, basis: [b0, b1, b2], redshifts: logGrid(0, 0.5, 3e-4), igm: false, source: "toy" };
}

/** One band: 400 pixels of 1 Å from 4500 Å, Gaussian resolution of σ 1.2 pixel in 11 diagonals. */
function toyBand(seed: string) {
  const n = 400;
  const nd = 11;
  const wave = Float64Array.from({ length: n }, (_, i) => 4500 + i);
  const r = new Float64Array(nd * n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = -5; k <= 5; k++) s += Math.exp(-0.5 * (k / 1.2) ** 2);
    for (let k = -5; k <= 5; k++) {
      const j = i + k;
      if (j >= 0 && j < n) r[(5 - k) * n + j] = Math.exp(-0.5 * (k / 1.2) ** 2) / s;
    }
  }
  const rng = makeRng(taskSeed(seed, "toy", "band"));
  const flux = Float64Array.from({ length: n }, () => 1 + 0.3 * rng.normal());
  // Every 37th pixel masked, and the first and last 5, whose truncated resolution rows sum to < 0.99 (the fitter drops those).
  const ivar = Float64Array.from({ length: n }, (_, i) => (i % 37 === 0 || i < 5 || i >= n - 5 ? 0 : 4 + rng.uniform()));
  return { wave, flux, ivar, resolution: r, ndiag: nd };
}

/** Independent χ²: exact piecewise-linear integrals per pixel, a dense R, normal equations by Cramer-free Gauss–Jordan. */
function denseChi2(t: Template, band: ReturnType<typeof toyBand>, z: number): number {
  const n = band.wave.length;
  const nb = t.basis.length;
  const edges = Float64Array.from({ length: n + 1 }, (_, i) =>
    i === 0 ? band.wave[0]! - 0.5 : i === n ? band.wave[n - 1]! + 0.5 : 0.5 * (band.wave[i - 1]! + band.wave[i]!),
  );
  const T = Array.from({ length: nb }, () => new Float64Array(n));
  for (let p = 0; p < n; p++) {
    const a = edges[p]! / (1 + z);
    const b = edges[p + 1]! / (1 + z);
    for (let q = 0; q < nb; q++) {
      // Integrate the linear interpolant over [a, b] by splitting at the template samples.
      const x = t.wave;
      const y = t.basis[q]!;
      let s = 0;
      for (let k = 0; k < x.length - 1; k++) {
        const lo = Math.max(a, x[k]!);
        const hi = Math.min(b, x[k + 1]!);
        if (hi <= lo) continue;
        const f = (u: number) => y[k]! + ((y[k + 1]! - y[k]!) * (u - x[k]!)) / (x[k + 1]! - x[k]!);
        s += 0.5 * (f(lo) + f(hi)) * (hi - lo);
      }
      T[q]![p] = s / (b - a);
    }
  }
  const R = (i: number, j: number) => (Math.abs(i - j) <= 5 ? band.resolution[(5 - (j - i)) * n + j]! : 0);
  const Tb = T.map((col) =>
    Float64Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = Math.max(0, i - 5); j <= Math.min(n - 1, i + 5); j++) s += R(i, j) * col[j]!;
      return s;
    }),
  );
  const A = Array.from({ length: nb }, (_, a) => [
    ...Array.from({ length: nb }, (_, b) => Tb[a]!.reduce((s, v, i) => s + band.ivar[i]! * v * Tb[b]![i]!, 0)),
    Tb[a]!.reduce((s, v, i) => s + band.ivar[i]! * v * band.flux[i]!, 0),
  ]);
  for (let c = 0; c < nb; c++) {
    for (let r = 0; r < nb; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = 0; k <= nb; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  const coef = A.map((row, c) => row[nb]! / row[c]!);
  let chi2 = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let q = 0; q < nb; q++) m += coef[q]! * Tb[q]![i]!;
    chi2 += band.ivar[i]! * (band.flux[i]! - m) ** 2;
  }
  return chi2;
}

describe("the exact per-redshift solve", () => {
  it("agrees with a dense, independent computation of rebinning, resolution and the linear fit", () => {
    const t = toyTemplate();
    const band = toyBand("a");
    const target = prepareTarget([band], false);
    const model = templateModel(t);
    for (const z of [0.21, 0.2345, 0.31]) {
      const ours = exactChi2(target, model, z);
      expect(ours.chi2).toBeCloseTo(denseChi2(t, band, z), 6);
    }
  });

  it("gives redrock's 9,999,999 and zero coefficients when no pixel has weight", () => {
    const band = { ...toyBand("b"), ivar: new Float64Array(400) };
    const r = exactChi2(prepareTarget([band], false), templateModel(toyTemplate()), 0.2);
    expect(r.chi2).toBe(9999999);
    expect([...r.coeff]).toEqual([0, 0, 0]);
  });
});

describe("helpers of the scan and the fine fit", () => {
  it("the FFT inverts itself and matches a direct DFT", () => {
    const n = 16;
    const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + i / 7);
    const im = Float64Array.from({ length: n }, (_, i) => Math.cos(3 * i));
    const r2 = Float64Array.from(re);
    const i2 = Float64Array.from(im);
    fft(r2, i2, false);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        sr += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
        si += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
      }
      expect(r2[k]).toBeCloseTo(sr, 10);
      expect(i2[k]).toBeCloseTo(si, 10);
    }
    fft(r2, i2, true);
    for (let j = 0; j < n; j++) expect(r2[j]).toBeCloseTo(re[j]!, 12);
  });

  it("the parabola recovers a known minimum, and flags a maximum and an outside vertex", () => {
    const f = (x: number) => 4 + ((x - 1.2) / 0.01) ** 2;
    const ok = minfit([1.19, 1.2, 1.215], [f(1.19), f(1.2), f(1.215)]);
    expect(ok.x0).toBeCloseTo(1.2, 10);
    expect(ok.xerr).toBeCloseTo(0.01, 10);
    expect(ok.y0).toBeCloseTo(4, 8);
    expect(ok.zwarn).toBe(0);
    expect(minfit([0, 1, 2], [0, 1, 0]).zwarn).toBe(1024);
    expect(minfit([0, 1, 2], [3, 2, 1.5]).zwarn).toBe(1024);
  });

  it("local minima include the edges and are ordered by value", () => {
    expect(findMinima([1, 2, 0.5, 3, 2.5, 4, 0.1])).toEqual([6, 2, 0, 4]);
  });
});
