/**
 * The frames are hard enough to test a calibration honestly, and their truth is what tests of the
 * calibration kernels compare against (stdlib/sim/truth.ts; kernels never read it). A naive sky
 * model, the mean spectrum of the sky fibers without deconvolution, leaves significant residuals on
 * the bright sky lines of fibers held out of the mean, because each fiber's line-spread function
 * (width, skew, wings) and wavelength offset differ, and the fibers' throughput changed between
 * the flat and the science exposure. The noiseless truth itself explains the frame to χ²/dof ≈ 1
 * on the same pixels, so the χ² is calibrated.
 */
import { describe, expect, test } from "vitest";
import type { Frame } from "../../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../../stdlib/datamodel/SimSpec.js";
// The kernel's and the truth's own files rather than the module's index, so these tests do not
// load newexp's template library.
import { fastframe } from "../../stdlib/sim/fastframe.js";
import { frameTruth, type FrameTruth } from "../../stdlib/sim/truth.js";
import { handle, taskCtx } from "../example/helpers.js";
import { exposureList, simspecOf } from "./fixtures.js";

const EXPOSURES = exposureList([{ EXPID: 21, NIGHT: 20250103, TILEID: 77, EXPTIME: 1000 }]);
const SKY: SimSpec = simspecOf(
  500,
  () => "SKY",
  () => 0,
);

async function skyFrame(camera: string): Promise<{ frame: Frame; truth: FrameTruth }> {
  const key = { exposure: 21, camera, petal: 0 };
  // DESI's cosmic-ray rate (5 per cm² per minute).
  const { frame } = await fastframe({ exposures: handle(EXPOSURES), simspec: handle(SKY) }, { cosmics: 5 }, taskCtx(4, "fastframe", key));
  return { frame, truth: frameTruth(SKY, EXPOSURES, 21, camera, 0) };
}

/** |χ| above which a pixel is taken for an unflagged cosmic hit and left out of every χ² here. */
const CLIP = 10;

interface Chi2 {
  /** χ²/dof over every usable pixel of the held-out fibers. */
  readonly all: number;
  /** χ²/dof over the brightest 2 % sky-line pixels of the held-out fibers. */
  readonly lines: number;
}

/**
 * Divides the frame by `throughput` (per pixel), takes the plain mean of the even good fibers at
 * each pixel as the sky, and returns the χ²/dof of the odd good fibers against it, with the
 * mean's own variance added to each pixel's.
 */
function naiveSky(frame: Frame, truth: FrameTruth, throughput: Float64Array, linePixels: readonly number[]): Chi2 {
  const nwave = truth.nwave;
  const fibers = Array.from({ length: 500 }, (_, f) => f).filter((f) => frame.FIBERMAP.FIBERSTATUS[f] === 0);
  const fit = fibers.filter((f) => f % 2 === 0);
  const held = fibers.filter((f) => f % 2 === 1);
  const sky = new Float64Array(nwave);
  const skyVar = new Float64Array(nwave);
  for (let i = 0; i < nwave; i++) {
    let n = 0;
    let s = 0;
    let v = 0;
    for (const f of fit) {
      const k = f * nwave + i;
      if (!(frame.IVAR.data[k]! > 0)) continue;
      n++;
      s += frame.FLUX.data[k]! / throughput[k]!;
      v += 1 / (frame.IVAR.data[k]! * throughput[k]! ** 2);
    }
    sky[i] = s / n;
    skyVar[i] = v / (n * n);
  }
  const chi2 = (pixels: Iterable<number>): number => {
    let c = 0;
    let n = 0;
    for (const f of held) {
      for (const i of pixels) {
        const k = f * nwave + i;
        const ivar = frame.IVAR.data[k]!;
        if (!(ivar > 0)) continue;
        const t = throughput[k]!;
        const x = (frame.FLUX.data[k]! / t - sky[i]!) ** 2 / (1 / (ivar * t * t) + skyVar[i]!);
        // A faint unflagged cosmic hit (under 6σ), not a sky residual.
        if (x > CLIP * CLIP) continue;
        c += x;
        n++;
      }
    }
    return c / n;
  };
  return { all: chi2(Array.from({ length: nwave }, (_, i) => i)), lines: chi2(linePixels) };
}

/** The brightest 2 % of pixels in the sky's line emission: the sky input above its running 25-pixel minimum. */
function brightLinePixels(truth: FrameTruth): number[] {
  const n = truth.nwave;
  const s = truth.skyInput;
  const line = Array.from({ length: n }, (_, i) => {
    let lo = Infinity;
    for (let j = Math.max(0, i - 12); j <= Math.min(n - 1, i + 12); j++) lo = Math.min(lo, s[j]!);
    return s[i]! - lo;
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => line[b]! - line[a]!);
  return order.slice(0, Math.ceil(0.02 * n));
}

/** χ²/dof of the frame against the noiseless truth on the held-out (odd) good fibers. */
function truthChi2(frame: Frame, truth: FrameTruth, pixels: readonly number[]): number {
  const nwave = truth.nwave;
  let c = 0;
  let n = 0;
  for (let f = 1; f < 500; f += 2) {
    if (frame.FIBERMAP.FIBERSTATUS[f] !== 0) continue;
    for (const i of pixels) {
      const k = f * nwave + i;
      const ivar = frame.IVAR.data[k]!;
      if (!(ivar > 0)) continue;
      const x = (frame.FLUX.data[k]! - truth.sky[k]! - truth.source[k]!) ** 2 * ivar;
      if (x > CLIP * CLIP) continue;
      c += x;
      n++;
    }
  }
  return c / n;
}

/**
 * Lower bounds on the naive model's χ²/dof on the brightest 2 % sky-line pixels (flat-fielded;
 * with the science-time throughput divided out). Measured with these seeds: b 1.39 / 1.35,
 * r 1.43 / 1.34, z 2.97 / 2.61; each χ²/dof averages ≈ 14 000 pixels (σ ≈ 0.012 if it were 1).
 */
const NAIVE_MIN: Record<string, readonly [number, number]> = { b: [1.25, 1.2], r: [1.25, 1.2], z: [2.5, 2.2] };

describe("frames hard enough for a sky model", () => {
  for (const camera of ["b", "r", "z"]) {
    test(`${camera}: a naive sky (mean of the sky fibers, no deconvolution) leaves sky-line residuals with χ²/dof well above 1.1, from the flat-to-science throughput change and from the line-spread functions alone; the truth gives ≈ 1.`, async () => {
      const { frame, truth } = await skyFrame(camera);
      const lines = brightLinePixels(truth);
      // Flat-fielded with the true flat-time throughput: the best a fiber flat can do.
      const flatFielded = naiveSky(frame, truth, truth.flatThroughput, lines);
      // Divided by the true science-time throughput: only the line-spread functions differ.
      const science = Float64Array.from(truth.flatThroughput, (t, k) => t * truth.throughputChange[Math.floor(k / truth.nwave)]!);
      const lsfOnly = naiveSky(frame, truth, science, lines);
      const truthLines = truthChi2(frame, truth, lines);
      const truthAll = truthChi2(
        frame,
        truth,
        Array.from({ length: truth.nwave }, (_, i) => i),
      );
      expect(Math.abs(truthLines - 1)).toBeLessThan(0.05);
      expect(Math.abs(truthAll - 1)).toBeLessThan(0.02);
      const [flatMin, lsfMin] = NAIVE_MIN[camera]!;
      expect(flatFielded.lines).toBeGreaterThan(flatMin);
      expect(lsfOnly.lines).toBeGreaterThan(lsfMin);
      // The throughput change adds to what the line-spread functions leave.
      expect(flatFielded.lines).toBeGreaterThan(lsfOnly.lines);
      // Over every pixel too, though less in b (≈ 1.025 with these seeds: its sky continuum is faint
      // against the read noise); σ ≈ 0.002 if it were 1.
      expect(flatFielded.all).toBeGreaterThan(1.015);
    });
  }
});

/** Moments of the response of resolution `data` (dia layout, fiber `f`) to a delta at column `c`: centroid, σ, skewness, excess kurtosis. */
function deltaMoments(data: ArrayLike<number>, f: number, nwave: number, c: number): { mean: number; sigma: number; skew: number; kurt: number } {
  const base = f * 11 * nwave;
  let m0 = 0;
  let m1 = 0;
  for (let d = 0; d < 11; d++) {
    const v = data[base + d * nwave + c]!;
    m0 += v;
    m1 += v * (c - (5 - d));
  }
  const mean = m1 / m0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let d = 0; d < 11; d++) {
    const v = data[base + d * nwave + c]! / m0;
    const x = c - (5 - d) - mean;
    m2 += v * x * x;
    m3 += v * x ** 3;
    m4 += v * x ** 4;
  }
  return { mean: mean - c, sigma: Math.sqrt(m2), skew: m3 / m2 ** 1.5, kurt: m4 / m2 ** 2 - 3 };
}

/** Excess kurtosis of a Gaussian of σ integrated over unit pixels and cut at ±5 pixels, by quadrature. */
function pixelGaussianKurtosis(sigma: number): number {
  const w: number[] = [];
  for (let k = -5; k <= 5; k++) {
    let s = 0;
    for (let q = 0; q < 200; q++) {
      const t = k - 0.5 + (q + 0.5) / 200;
      s += Math.exp((-0.5 * t * t) / (sigma * sigma));
    }
    w.push(s);
  }
  const tot = w.reduce((a, b) => a + b, 0);
  let m2 = 0;
  let m4 = 0;
  w.forEach((v, i) => {
    m2 += (v / tot) * (i - 5) ** 2;
    m4 += (v / tot) * (i - 5) ** 4;
  });
  return m4 / m2 ** 2 - 3;
}

describe("line-spread functions", () => {
  test("The true line-spread functions are skewed and have wings, vary with fiber and wavelength, and the stored resolution differs from the truth by the wavelength offset and 1–2 % in width.", async () => {
    const { frame, truth } = await skyFrame("r");
    const nwave = truth.nwave;
    const mid = Math.floor(nwave / 2);
    const skews: number[] = [];
    const kurts: number[] = [];
    const sigmas: number[] = [];
    const slopes: number[] = [];
    const offsets: number[] = [];
    const ratios: number[] = [];
    for (let f = 0; f < 500; f++) {
      const t = deltaMoments(truth.trueResolution, f, nwave, mid);
      const s = deltaMoments(frame.RESOLUTION.data, f, nwave, mid);
      skews.push(t.skew);
      kurts.push(t.kurt - pixelGaussianKurtosis(t.sigma));
      sigmas.push(t.sigma);
      slopes.push(deltaMoments(truth.trueResolution, f, nwave, nwave - 100).sigma / deltaMoments(truth.trueResolution, f, nwave, 100).sigma);
      // The stored matrix has no shift: the centroids differ by the true offset (in pixels).
      expect(Math.abs(t.mean - s.mean - truth.waveOffset[f * nwave + mid]! / 0.8)).toBeLessThan(0.01);
      offsets.push(truth.waveOffset[f * nwave + mid]!);
      ratios.push(s.sigma / t.sigma);
    }
    const rms = (a: number[], m = 0): number => Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / a.length);
    const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
    // Skewed (Gauss–Hermite h3 ~ N(0, 0.02)) and with more light in the wings than a Gaussian of the same width.
    expect(rms(skews)).toBeGreaterThan(0.03);
    expect(Math.min(...kurts)).toBeGreaterThan(0.1);
    // Widths differ by fiber (±5 % and broader at the slit's ends) and change along the arm.
    expect((Math.max(...sigmas) - Math.min(...sigmas)) / mean(sigmas)).toBeGreaterThan(0.1);
    expect(rms(slopes, mean(slopes))).toBeGreaterThan(0.015);
    // Offsets of ~0.02 Å rms; stored widths 1–2 % off.
    expect(rms(offsets)).toBeGreaterThan(0.012);
    expect(rms(offsets)).toBeLessThan(0.04);
    expect(rms(ratios, 1)).toBeGreaterThan(0.008);
    expect(rms(ratios, 1)).toBeLessThan(0.025);
  });

  test("The truth explains the frame: IVAR is 0.64 / (0.8 (sky + source) + read²) on every good pixel, and the flat-to-science change is ≈ 1 % per fiber, achromatic.", async () => {
    const { frame, truth } = await skyFrame("z");
    const nwave = truth.nwave;
    let worst = 0;
    for (let f = 0; f < 500; f++) {
      if (frame.FIBERMAP.FIBERSTATUS[f] !== 0) continue;
      for (let i = 0; i < nwave; i += 13) {
        const k = f * nwave + i;
        if (!(frame.IVAR.data[k]! > 0)) continue;
        const expected = 0.64 / (0.8 * (truth.sky[k]! + truth.source[k]!) + truth.readNoise ** 2);
        worst = Math.max(worst, Math.abs(frame.IVAR.data[k]! / expected - 1));
      }
    }
    expect(worst).toBeLessThan(1e-5);
    const change = Array.from(truth.throughputChange);
    const rms = Math.sqrt(change.reduce((s, x) => s + (x - 1) ** 2, 0) / change.length);
    expect(rms).toBeGreaterThan(0.007);
    expect(rms).toBeLessThan(0.015);
    // The same change in every arm of the same exposure.
    expect(frameTruth(SKY, EXPOSURES, 21, "b", 0).throughputChange).toEqual(truth.throughputChange);
  });
});
