/**
 * fastframe against expectations computed here: the S/N of a reference point source from the
 * numbers of docs/sources.md typed in (#specsim, #telescope), flat-field S/N and peak, fiber
 * acceptance vs seeing (#fiber-acceptance), airmass extinction of source and sky (specsim's KPNO
 * curve, #extinction), moonlight
 * (Krisciunas & Schaefer written out), bad fibers, flagged and unflagged cosmics, the stored
 * resolution, headers and determinism. Inputs are built without the template library.
 */
import { describe, expect, test } from "vitest";
import type { Frame } from "../../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../../stdlib/datamodel/SimSpec.js";
import { fiberInstrument, lampSpectrum } from "../../stdlib/instrument/index.js";
// The kernel's own file rather than the module's index, so these tests do not load newexp's
// template library.
import { fastframe } from "../../stdlib/sim/fastframe.js";
import { handle, taskCtx } from "../example/helpers.js";
import { type ExposureSpec, exposureList, flatFnu, simspecOf } from "./fixtures.js";

const SCIENCE: ExposureSpec = { EXPID: 11, NIGHT: 20250102, TILEID: 1234, EXPTIME: 1000, AIRMASS: 1, SEEING: 1.1, TRANSP: 1, MJD: 60677.25 };
const FLAT: ExposureSpec = { EXPID: 12, FLAVOR: "flat", EXPTIME: 120 };
const EXPOSURES = exposureList([
  SCIENCE,
  FLAT,
  // The nominal exposure in 2.0″ seeing.
  { ...SCIENCE, EXPID: 13, SEEING: 2 },
  // A 0.9 moon 40° up and 40° from the target (target at the zenith).
  { ...SCIENCE, EXPID: 15, MOONFRAC: 0.9, MOONALT: 40, MOONSEP: 40 },
  // Long exposures at airmass 1 and 1.5, where read noise is negligible against the sky.
  { ...SCIENCE, EXPID: 16, EXPTIME: 100000 },
  { ...SCIENCE, EXPID: 17, EXPTIME: 100000, AIRMASS: 1.5 },
]);

/**
 * Runs fastframe for one camera of one petal; `cosmics` events per cm² per minute (default 0:
 * the one hit a camera always gets; the cosmic tests pass DESI's rate).
 */
async function frameOf(simspec: SimSpec, expid: number, camera: string, petal: number, seed = 1, cosmics = 0): Promise<Frame> {
  const key = { exposure: expid, camera, petal };
  const out = await fastframe({ exposures: handle(EXPOSURES), simspec: handle(simspec) }, { cosmics }, taskCtx(seed, "fastframe", key));
  return out.frame;
}

/** Index of the pixel of `frame` nearest `wave` Å. */
function pixelAt(frame: Frame, wave: number): number {
  const w = frame.WAVELENGTH.data;
  return Math.round((wave - w[0]!) / 0.8);
}

/**
 * For each of `frames` (same camera and fibers), the noiseless electrons of each pixel plus the
 * read variance, from IVAR = Δλ² / (expected + read²), summed over `fibers` and over the pixels
 * from `lo` to `hi` Å where no frame has IVAR 0 (flagged cosmics).
 */
function expectedSums(frames: readonly Frame[], fibers: readonly number[], lo: number, hi: number): number[] {
  const nwave = frames[0]!.WAVELENGTH.data.length;
  const sums = frames.map(() => 0);
  for (const f of fibers) {
    for (let i = pixelAt(frames[0]!, lo); i <= pixelAt(frames[0]!, hi); i++) {
      const k = f * nwave + i;
      if (frames.some((fr) => !(fr.IVAR.data[k]! > 0))) continue;
      frames.forEach((fr, n) => (sums[n]! += 0.64 / fr.IVAR.data[k]!));
    }
  }
  return sums;
}

const reference = simspecOf(
  500,
  () => "TGT",
  (w) => flatFnu(22, w),
);
const skyOnly = simspecOf(
  500,
  () => "SKY",
  () => 0,
);
const flat = simspecOf(
  500,
  () => "TGT",
  (w) => lampSpectrum([w])[0]!,
);

/** Fibers of a frame with FIBERSTATUS 0. */
function goodFibers(frame: Frame): number[] {
  return Array.from(frame.FIBERMAP.FIBERSTATUS.keys()).filter((f) => frame.FIBERMAP.FIBERSTATUS[f] === 0);
}

describe("S/N of a reference source", () => {
  test("An r = 22 AB point source in 1000 s of nominal dark time has the S/N per pixel of the closed form at 6400–6600 Å, within 10 %.", async () => {
    const src = await frameOf(reference, 11, "r", 0);
    const sky = await frameOf(skyOnly, 11, "r", 0);
    const nwave = src.WAVELENGTH.data.length;
    const good = goodFibers(src);
    expect(good.length).toBeGreaterThan(450);

    // Typed in (docs/sources.md#telescope, #throughput, #sky, #spectrographs): area 8.659 m², throughput 0.45, atmosphere 0.92 at airmass 1,
    // point-source acceptance 0.58 in 1.1″ seeing, sky 1.0e-17 erg/s/cm²/Å/arcsec² through
    // 1.81 arcsec², read noise 6 e⁻ per 0.8 Å pixel.
    const hc = 6.62607015e-27 * 2.99792458e18;
    const closed = (wave: number): { signal: number; snr: number } => {
      const perFlux = (86590 * 1000 * 0.8 * wave) / hc;
      const fnu = (3631e-23 * 10 ** (-0.4 * 22) * 2.99792458e18) / (wave * wave);
      const signal = fnu * perFlux * 0.45 * 0.92 * 0.58;
      const skyE = 1.0e-17 * 1.81 * perFlux * 0.45;
      return { signal, snr: signal / Math.sqrt(signal + skyE + 36) };
    };

    const snrRatio: number[] = [];
    const signalRatio: number[] = [];
    const fluxRatio: number[] = [];
    for (let i = 0; i < nwave; i++) {
      const w = src.WAVELENGTH.data[i]!;
      if (w < 6400 || w > 6600) continue;
      let snr = 0;
      let signal = 0;
      let fluxDiff = 0;
      let n = 0;
      for (const f of good) {
        // A flagged cosmic: no information on this pixel.
        if (!(src.IVAR.data[f * nwave + i]! > 0 && sky.IVAR.data[f * nwave + i]! > 0)) continue;
        n++;
        // IVAR = Δλ² / (expected electrons + read²): the noiseless variance of each pixel.
        const varSrc = 0.64 / src.IVAR.data[f * nwave + i]!;
        const varSky = 0.64 / sky.IVAR.data[f * nwave + i]!;
        signal += varSrc - varSky;
        snr += (varSrc - varSky) / Math.sqrt(varSrc);
        fluxDiff += (src.FLUX.data[f * nwave + i]! - sky.FLUX.data[f * nwave + i]!) * 0.8;
      }
      const c = closed(w);
      snrRatio.push(snr / n / c.snr);
      signalRatio.push(signal / n / c.signal);
      fluxRatio.push(fluxDiff / n / c.signal);
    }
    const median = (a: number[]): number => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    expect(Math.abs(median(snrRatio) - 1)).toBeLessThan(0.1);
    expect(Math.abs(median(signalRatio) - 1)).toBeLessThan(0.1);
    // The noisy counts agree with the expectation on average.
    expect(Math.abs(fluxRatio.reduce((s, x) => s + x, 0) / fluxRatio.length - 1)).toBeLessThan(0.1);
    // The closed form itself gives S/N ≈ 1.5 per pixel, the order of magnitude of a hand calculation.
    expect(closed(6500).snr).toBeGreaterThan(1.2);
    expect(closed(6500).snr).toBeLessThan(1.7);
  });
});

describe("flats", () => {
  const flat1000 = simspecOf(
    1000,
    () => "TGT",
    (w) => lampSpectrum([w])[0]!,
  );

  test("Flat frames have S/N above 100 on every pixel of good fibers in every arm, and stay under the 2e5 e⁻ ceiling.", async () => {
    // The acceptance: S/N > 100 per pixel everywhere on good fibers; the ceiling of the lamp's
    // documentation, 2·10^5 e⁻ per 0.8 Å pixel, well below the CCD's full well.
    const CEILING = 2e5;
    // The largest effective read noise per pixel is 6.9 e⁻ (b); 7.5² bounds the read variance.
    const READ_VAR = 7.5 * 7.5;
    for (const camera of ["b", "r", "z"]) {
      for (const petal of [0, 1]) {
        const frame = await frameOf(flat1000, 12, camera, petal);
        const nwave = frame.WAVELENGTH.data.length;
        const measured: number[] = [];
        let minExpected = Infinity;
        let maxExpected = 0;
        let maxCounts = 0;
        for (const f of goodFibers(frame)) {
          for (let i = 0; i < nwave; i++) {
            const k = f * nwave + i;
            if (frame.MASK.data[k] !== 0) continue;
            const ivar = frame.IVAR.data[k]!;
            measured.push(frame.FLUX.data[k]! * Math.sqrt(ivar));
            // IVAR = 0.64 / (expected + read²): the noiseless S/N is expected / √(expected + read²).
            const total = 0.64 / ivar;
            minExpected = Math.min(minExpected, (total - READ_VAR) / Math.sqrt(total));
            maxExpected = Math.max(maxExpected, total);
            maxCounts = Math.max(maxCounts, frame.FLUX.data[k]! * 0.8);
          }
        }
        measured.sort((a, b) => a - b);
        expect(measured.length).toBeGreaterThan(0.9 * 500 * nwave);
        expect(measured[Math.floor(measured.length * 0.001)]!).toBeGreaterThan(100);
        expect(minExpected).toBeGreaterThan(100);
        expect(maxExpected).toBeLessThan(CEILING);
        expect(maxCounts).toBeLessThan(CEILING);
        expect(frame.header["FLAVOR"]).toBe("flat");
      }
    }
  });
});

describe("observing conditions in the frames", () => {
  /** The reference sources as 0.45″ exponential disks (ELG-like). */
  const disks: SimSpec = {
    ...reference,
    FIBERMAP: { ...reference.FIBERMAP, MORPHTYPE: reference.FIBERMAP.MORPHTYPE.map(() => "EXP"), SHAPE_R: new Float32Array(500).fill(0.45) },
  };

  /**
   * Source electrons at seeing 2.0″ over those at 1.1″, summed over good fibers and pixels lo–hi
   * Å: each the source frame minus the sky-only frame of its exposure, from IVAR.
   */
  async function seeingRatio(simspec: SimSpec, camera: string, lo: number, hi: number): Promise<number> {
    const frames = await Promise.all([
      frameOf(simspec, 13, camera, 0),
      frameOf(skyOnly, 13, camera, 0),
      frameOf(simspec, 11, camera, 0),
      frameOf(skyOnly, 11, camera, 0),
    ]);
    const [src2, sky2, src11, sky11] = expectedSums(frames, goodFibers(frames[0]), lo, hi);
    return (src2! - sky2!) / (src11! - sky11!);
  }

  test("Fiber acceptance falls with seeing: a frame at 2.0″ over one at 1.1″ gives the acceptance table's ratio within 4 %.", async () => {
    // docs/sources.md#fiber-acceptance table, typed in: point source 0.58 (1.1″) and 0.26 (2.0″); ELG-like disk 0.43 and 0.21.
    // SEEING is quoted at 6355 Å, so the ratio is taken at 6300–6410 Å.
    const point = await seeingRatio(reference, "r", 6300, 6410);
    expect(Math.abs(point / (0.26 / 0.58) - 1)).toBeLessThan(0.04);
    const disk = await seeingRatio(disks, "r", 6300, 6410);
    expect(Math.abs(disk / (0.21 / 0.43) - 1)).toBeLessThan(0.04);
  });

  test("Airmass dims the source and the sky by 10^(−0.4 k(λ) ΔX): 1.5 over 1.0 at the KPNO curve's tabulated wavelengths, within 0.5 %.", async () => {
    // specsim's KPNO curve (data/test/test_extinction.ecsv, docs/sources.md#extinction), typed in, at points away from the telluric bands.
    const K: readonly (readonly [string, number, number])[] = [
      ["b", 4004, 0.36],
      ["b", 4524, 0.24],
      ["b", 5564, 0.15],
      ["r", 6084, 0.13],
      ["r", 6604, 0.09],
      ["r", 7124, 0.07],
      ["z", 7904, 0.055],
      ["z", 8684, 0.045],
    ];
    for (const camera of ["b", "r", "z"]) {
      const frames = await Promise.all([
        frameOf(reference, 16, camera, 0),
        frameOf(reference, 17, camera, 0),
        frameOf(skyOnly, 16, camera, 0),
        frameOf(skyOnly, 17, camera, 0),
      ]);
      const good = goodFibers(frames[0]);
      for (const [, wave, k] of K.filter(([c]) => c === camera)) {
        const expected = 10 ** (-0.4 * k * 0.5);
        // Two pixels either side: the extinction is smooth there, and the resolution mixes neighbours.
        const [src1, src15, s1, s15] = expectedSums(frames, good, wave - 1.6, wave + 1.6) as [number, number, number, number];
        const source = (src15 - s15) / (src1 - s1);
        expect(Math.abs(source / expected - 1)).toBeLessThan(0.005);
        // The sky, specsim's extinct_emission (docs/sources.md#sky); 10^5 s makes the read variance (≤ 48 e⁻) negligible.
        expect(Math.abs(s15 / s1 / expected - 1)).toBeLessThan(0.005);
      }
    }
  });

  test("A 0.9 moon 40° from the target adds Krisciunas & Schaefer's scattered moonlight to the sky, within 3 % at 5500 Å.", async () => {
    // KS91 written out (Krisciunas & Schaefer 1991, PASP 103, 1033; docs/sources.md#moon): phase angle from the illuminated fraction, f = (1 + cos α)/2;
    // moon 40° up (zenith angle 50°), target at the zenith (X = 1), ρ = 40°; k_V = 0.1537, the
    // KPNO curve at 5500 Å (0.18 at 5044, 0.15 at 5564, linear between).
    const alpha = (Math.acos(2 * 0.9 - 1) * 180) / Math.PI;
    const kV = 0.18 + ((0.15 - 0.18) * (5500 - 5044)) / (5564 - 5044);
    const istar = 10 ** (-0.4 * (3.84 + 0.026 * alpha + 4e-9 * alpha ** 4));
    const rho = 40;
    const fRho = 10 ** 5.36 * (1.06 + Math.cos((rho * Math.PI) / 180) ** 2) + 10 ** (6.15 - rho / 40);
    const xMoon = 1 / Math.sqrt(1 - 0.96 * Math.sin((50 * Math.PI) / 180) ** 2);
    const nL = fRho * istar * 10 ** (-0.4 * kV * xMoon) * (1 - 10 ** (-0.4 * kV * 1));
    const v = (20.7233 - Math.log(nL / 34.08)) / 0.92104;
    // V = 0 is 3.63e-9 erg/(s cm² Å) at 5500 Å (Bessell 1998): moonlight in 1e-17 per arcsec².
    const moon5500 = 3.63e8 * 10 ** (-0.4 * v);

    // The added electrons over the flat's, for the same fiber and arm: the throughput, the fiber's
    // own throughput and the photon rate cancel, leaving S_moon · Ω · 1000 s / (lamp · 120 s) with
    // the lamp the flat SimSpec's input and Ω = π (0.76″)².
    const frames = await Promise.all([frameOf(skyOnly, 15, "b", 0), frameOf(skyOnly, 11, "b", 0), frameOf(flat, 12, "b", 0)]);
    const [up, down, lamp] = expectedSums(frames, goodFibers(frames[0]), 5492, 5508) as [number, number, number];
    const expected = (moon5500 * Math.PI * 0.76 ** 2 * 1000) / (lampSpectrum([5500])[0]! * 120);
    expect(Math.abs((up - down) / lamp / expected - 1)).toBeLessThan(0.03);
    // Bright: the moonlight outshines the dark continuum several times.
    expect(up / down).toBeGreaterThan(3);
  });
});

describe("bad fibers and cosmics", () => {
  test("2–5 % of each petal's fibers are bad: FIBERSTATUS bits set, every pixel masked BADFIBER with IVAR 0, the same in every arm.", async () => {
    const wide = simspecOf(
      5000,
      (f) => (f % 10 === 0 ? "SKY" : "TGT"),
      (w) => flatFnu(21, w),
    );
    for (const petal of [0, 4, 9]) {
      const byArm: number[][] = [];
      for (const camera of ["b", "z"]) {
        const frame = await frameOf(wide, 11, camera, petal);
        const nwave = frame.WAVELENGTH.data.length;
        const bad: number[] = [];
        frame.FIBERMAP.FIBERSTATUS.forEach((s, f) => {
          if (s === 0) return;
          bad.push(f);
          expect(s & (1 << 16)).not.toBe(0);
          for (let i = 0; i < nwave; i += 97) {
            expect(frame.MASK.data[f * nwave + i]! & (1 << 9)).not.toBe(0);
            expect(frame.IVAR.data[f * nwave + i]).toBe(0);
          }
        });
        expect(bad.length / 500).toBeGreaterThanOrEqual(0.02);
        expect(bad.length / 500).toBeLessThanOrEqual(0.05);
        for (const f of goodFibers(frame)) expect(frame.MASK.data[f * nwave + 100]! & (1 << 9)).toBe(0);
        byArm.push(bad);
      }
      expect(byArm[0]).toEqual(byArm[1]);
    }
  });

  test("Cosmic rays hit at DESI's rate: 5 events per cm² per minute on a 4096² CCD of 15 µm pixels, ≈ 3150 in 1000 s; flagged ones have MASK COSMIC and IVAR 0.", async () => {
    const frame = await frameOf(reference, 11, "r", 0, 3, 5);
    const nwave = frame.WAVELENGTH.data.length;
    const flagged = (k: number): boolean => (frame.MASK.data[k]! & (1 << 2)) !== 0;
    // A flagged hit is a run of 1–3 flagged pixels of one fiber; hits rarely touch at this density.
    let runs = 0;
    let pixels = 0;
    for (let f = 0; f < 500; f++) {
      for (let i = 0; i < nwave; i++) {
        const k = f * nwave + i;
        if (!flagged(k)) continue;
        pixels++;
        expect(frame.IVAR.data[k]).toBe(0);
        if (i === 0 || !flagged(k - 1)) runs++;
      }
    }
    // Typed in: 5 cm⁻² min⁻¹ × (4096 × 15e-4 cm)² × 1000 s / 60 s. Nearly all are flagged: a pixel's
    // noise is ≈ 10 e⁻ here, and an exponential deposit of 1500 e⁻ mean stays under 6σ on every
    // pixel of its hit for ≈ 1 % of hits; a few runs merge.
    const expected = 5 * (4096 * 15e-4) ** 2 * (1000 / 60);
    expect(runs / expected).toBeGreaterThan(0.95);
    expect(runs / expected).toBeLessThan(1.03);
    // 1–3 pixels each (2 on average).
    expect(pixels / runs).toBeGreaterThan(1.8);
    expect(pixels / runs).toBeLessThan(2.2);
  });

  test("A hit is flagged when a pixel of it stands above 6σ of its noise (desispec's preprocessing threshold): unflagged pixels keep their normal IVAR and χ² per pixel 1, none beyond 6σ plus noise.", async () => {
    // Ten times DESI's rate on a sky-only frame, for the statistics.
    const frame = await frameOf(skyOnly, 11, "r", 0, 5, 50);
    const nwave = frame.WAVELENGTH.data.length;
    // 6.0 e⁻ effective read noise in r (docs/sources.md#spectrographs): IVAR = 0.64 / (expected + 36).
    const readVar = 36;
    let flagged = 0;
    let unflagged = 0;
    let chi2 = 0;
    let maxChi = 0;
    let zeroIvar = 0;
    for (const f of goodFibers(frame)) {
      for (let i = 0; i < nwave; i++) {
        const k = f * nwave + i;
        if ((frame.MASK.data[k]! & (1 << 2)) !== 0) {
          flagged++;
          continue;
        }
        const ivar = frame.IVAR.data[k]!;
        if (!(ivar > 0)) zeroIvar++;
        const expected = 0.64 / ivar - readVar;
        const chi = (frame.FLUX.data[k]! * 0.8 - expected) * Math.sqrt(ivar / 0.64);
        unflagged++;
        chi2 += chi * chi;
        maxChi = Math.max(maxChi, chi);
      }
    }
    expect(zeroIvar).toBe(0);
    // Tens of thousands of hit pixels (≈ 2 per hit) on ≈ 1.1 M good pixels.
    expect(flagged).toBeGreaterThan(20_000);
    // A faint hit adds under 6σ; the noise itself reaches 5σ about once in 3 M pixels.
    expect(maxChi).toBeLessThan(12);
    // Hits of 6σ or more left in would dominate χ²: each one adds (1500 e⁻ / 10 e⁻)² on average.
    expect(Math.abs(chi2 / unflagged - 1), `χ²/pixel ${chi2 / unflagged}, max χ ${maxChi}`).toBeLessThan(0.02);
  });
});

describe("resolution", () => {
  test("Every stored resolution row sums to 1 and is the documented profile (skewed Gauss–Hermite core plus Lorentzian wings, stored width, no shift) integrated over each pixel.", async () => {
    const frame = await frameOf(reference, 11, "r", 0);
    const nwave = frame.WAVELENGTH.data.length;
    const data = frame.RESOLUTION.data;
    expect(frame.RESOLUTION.shape).toEqual([500, 11, nwave]);
    let worst = 0;
    for (let f = 0; f < 500; f += 7) {
      const base = f * 11 * nwave;
      for (const i of [0, 3, 700, 1163, 2000, nwave - 1]) {
        let sum = 0;
        for (let d = 0; d < 11; d++) {
          const j = i + 5 - d;
          if (j >= 0 && j < nwave) sum += data[base + d * nwave + j]!;
        }
        expect(sum).toBeCloseTo(1, 5);
      }
      // Rows 640 and 1280 (where the kernel is computed exactly) against a numerical integral of
      // p(τ) = (1 − a) φ(u)(1 + h3 (u³ − 3u))/σ + a L(τ), σ = 0.95 (1 + 0.05 (i/(n−1) − ½)) · scale · (1 + tilt x).
      const inst = fiberInstrument("r", f);
      const lsf = inst.lsf;
      for (const i of [640, 1280]) {
        const x = (i - (nwave - 1) / 2) / ((nwave - 1) / 2);
        const sigma = 0.95 * (1 + 0.05 * (i / (nwave - 1) - 0.5)) * lsf.widthScale * inst.storedWidthRatio * (1 + lsf.widthTilt! * x);
        const a = lsf.wing!;
        const gb = lsf.wingBlue!;
        const gr = lsf.wingRed!;
        const p = (t: number): number => {
          const u = t / sigma;
          const core = (Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI) / sigma) * (1 + lsf.h3! * (u ** 3 - 3 * u));
          const g = t < 0 ? gb : gr;
          const tail = 2 / (Math.PI * (gb + gr)) / (1 + (t / g) ** 2);
          return (1 - a) * core + a * tail;
        };
        const w: number[] = [];
        for (let d = 0; d < 11; d++) {
          // Column j = i + 5 − d; its light lands in row i at τ = i − j = d − 5 (no stored shift).
          const t0 = d - 5 - 0.5;
          let integral = 0;
          const steps = 200;
          for (let k = 0; k < steps; k++) integral += p(t0 + (k + 0.5) / steps) / steps;
          w.push(Math.max(0, integral));
        }
        const total = w.reduce((s, v) => s + v, 0);
        for (let d = 0; d < 11; d++) worst = Math.max(worst, Math.abs(data[base + d * nwave + i + 5 - d]! - w[d]! / total));
      }
    }
    expect(worst).toBeLessThan(2e-5);
  });
});

describe("frame layout and determinism", () => {
  test("The frame's header comes from the exposure row, camera and petal; its FIBERMAP is the petal's rows.", async () => {
    const wide = simspecOf(
      1000,
      () => "TGT",
      (w) => flatFnu(21, w),
    );
    const frame = await frameOf(wide, 11, "z", 1);
    expect(frame.header).toMatchObject({
      NIGHT: 20250102,
      EXPID: 11,
      TILEID: 1234,
      CAMERA: "z1",
      SPECGRPH: 1,
      EXPTIME: 1000,
      AIRMASS: 1,
      SEEING: 1.1,
      PROGRAM: "dark",
      FLAVOR: "science",
      OBSTYPE: "SCIENCE",
      "MJD-OBS": 60677.25,
      // MJD 60677 is 2025-01-02; a quarter day later is 06:00 UTC.
      "DATE-OBS": "2025-01-02T06:00:00.000",
      TILERA: 150,
      TILEDEC: 2,
      SURVEY: "main",
      FAPRGRM: "dark",
    });
    expect(frame.FLUX.shape).toEqual([500, 2881]);
    expect(frame.IVAR.shape).toEqual([500, 2881]);
    expect(frame.MASK.shape).toEqual([500, 2881]);
    expect(frame.WAVELENGTH.data[0]).toBe(7520);
    expect(frame.FIBERMAP.FIBER[0]).toBe(500);
    expect(frame.FIBERMAP.FIBER[499]).toBe(999);
    expect(frame.FIBERMAP.TARGETID.length).toBe(500);
  });

  test("The same seed gives identical arrays whatever ran before; b0 and r0 differ.", async () => {
    const a = await frameOf(reference, 11, "b", 0, 7);
    await frameOf(reference, 11, "r", 0, 7);
    await frameOf(flat, 12, "z", 0, 7);
    const b = await frameOf(reference, 11, "b", 0, 7);
    for (const name of ["FLUX", "IVAR", "MASK", "RESOLUTION", "WAVELENGTH"] as const) {
      expect(Buffer.compare(Buffer.from(a[name].data.buffer), Buffer.from(b[name].data.buffer))).toBe(0);
    }
    expect(Array.from(a.FIBERMAP.FIBERSTATUS)).toEqual(Array.from(b.FIBERMAP.FIBERSTATUS));
    const r = await frameOf(reference, 11, "r", 0, 7);
    expect(r.FLUX.data.length).not.toBe(a.FLUX.data.length);
    expect(Array.from(r.FLUX.data.subarray(0, 100))).not.toEqual(Array.from(a.FLUX.data.subarray(0, 100)));
    const other = await frameOf(reference, 11, "b", 0, 8);
    expect(Buffer.compare(Buffer.from(a.FLUX.data.buffer), Buffer.from(other.FLUX.data.buffer))).not.toBe(0);
  });

  test("A petal the SimSpec does not hold is an error that names it.", async () => {
    await expect(frameOf(reference, 11, "r", 3)).rejects.toThrow(/no fiber of petal 3/);
  });
});
