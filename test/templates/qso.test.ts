/**
 * Quasars: the Lyα forest's mean transmission against τ_eff(z) = 0.0023 (1+z)^3.65 (Kirkman
 * et al. 2005) written here, Lyman-limit absorption, BAL troughs and the CIV blueshift.
 */
import { describe, expect, it } from "vitest";
import { igmTransmission, observedSpectrum, restFrameSpectrum } from "../../stdlib/templates/index.js";
import { DESI_WAVE, grid, meanIn, qso } from "./rows.js";

const LYA = 1215.67;
const CIV = 1549.06;
const C_KMS = 299792.458;

describe("Lyman-alpha forest", () => {
  it("has a mean transmission exp(−0.0023 (1+z)^3.65) within 5 % for a quasar at z = 2.5", () => {
    const z = 2.5;
    const wave = grid(3600, 4200, 0.8); // Lyα absorbers at 1.96 < z < 2.45, above the Lyβ forest
    let sum = 0;
    let expected = 0;
    for (let s = 0; s < 300; s++) {
      const r = qso(z, BigInt(1000 + s));
      const obs = observedSpectrum(r, wave);
      const intrinsic = restFrameSpectrum(
        r,
        wave.map((w) => w / (1 + z)),
      );
      for (let i = 0; i < wave.length; i++) {
        sum += (obs[i]! * (1 + z)) / intrinsic[i]!;
        expected += Math.exp(-0.0023 * (wave[i]! / LYA) ** 3.65);
      }
    }
    expect(Math.abs(sum / expected - 1)).toBeLessThan(0.05);
  });

  it("is the ratio of the observed to the intrinsic spectrum, and 1 redward of Lyα", () => {
    const z = 2.8;
    const r = qso(z, 77n);
    const t = igmTransmission(r, DESI_WAVE);
    const obs = observedSpectrum(r, DESI_WAVE);
    const intrinsic = restFrameSpectrum(
      r,
      DESI_WAVE.map((w) => w / (1 + z)),
    );
    for (let i = 0; i < DESI_WAVE.length; i += 97) expect(obs[i]! * (1 + z)).toBeCloseTo(intrinsic[i]! * t[i]!, 10);
    for (let i = 0; i < DESI_WAVE.length; i++) if (DESI_WAVE[i]! > LYA * (1 + z)) expect(t[i]).toBe(1);
  });

  it("fluctuates: pixel transmissions spread between nearly 0 and nearly 1", () => {
    const t = igmTransmission(qso(3.0, 5n), grid(4000, 4800, 0.8));
    expect(Math.min(...t)).toBeLessThan(0.2);
    expect(Math.max(...t)).toBeGreaterThan(0.9);
  });

  it("suppresses the flux below the Lyman limit (912 Å rest) to under 10 % of the intrinsic", () => {
    const z = 3.6;
    for (let s = 0; s < 10; s++) {
      const r = qso(z, BigInt(300 + s));
      const obs = observedSpectrum(r, DESI_WAVE);
      const lls = meanIn(DESI_WAVE, obs, 3600, 880 * (1 + z));
      const intrinsic =
        meanIn(
          DESI_WAVE,
          restFrameSpectrum(
            r,
            DESI_WAVE.map((w) => w / (1 + z)),
          ),
          3600,
          880 * (1 + z),
        ) /
        (1 + z);
      expect(lls / intrinsic).toBeLessThan(0.1);
    }
  });
});

describe("broad absorption lines", () => {
  const z = 2.5;
  const rest = grid(1300, 1800, 0.5);
  /** Power law through the mean fluxes at 1440–1460 and 1690–1710 Å, two line-free windows. */
  const continuum = (f: Float64Array): Float64Array => {
    const a = meanIn(rest, f, 1440, 1460);
    const b = meanIn(rest, f, 1690, 1710);
    const p = Math.log(b / a) / Math.log(1700 / 1450);
    return rest.map((w) => a * (w / 1450) ** p);
  };
  it("gives BAL quasars a CIV trough, at least half deep, that their non-BAL twins do not have", () => {
    for (let s = 0; s < 20; s++) {
      const bal = restFrameSpectrum(qso(z, BigInt(500 + s), "BAL"), rest);
      const plain = restFrameSpectrum(qso(z, BigInt(500 + s)), rest);
      let minRatio = Infinity;
      for (let i = 0; i < rest.length; i++) if (rest[i]! > 1400 && rest[i]! < CIV) minRatio = Math.min(minRatio, bal[i]! / plain[i]!);
      expect(minRatio).toBeLessThan(0.5 + 1e-9);
      // Redward of CIV the two agree (up to the normalisation, which the trough shifts slightly).
      expect(meanIn(rest, bal, 1600, 1800) / meanIn(rest, plain, 1600, 1800)).toBeCloseTo(1, 1);
    }
  });

  it("leaves non-BAL quasars above their continuum between 1400 Å and CIV", () => {
    for (let s = 0; s < 20; s++) {
      const f = restFrameSpectrum(qso(z, BigInt(600 + s)), rest);
      const c = continuum(f);
      for (let i = 0; i < rest.length; i++) if (rest[i]! > 1400 && rest[i]! < CIV) expect(f[i]! / c[i]!).toBeGreaterThan(0.95);
    }
  });
});

describe("CIV", () => {
  it("peaks blueward of 1549.06 (1 + z), by more than 50 km/s, for every quasar", () => {
    const z = 2.1;
    const wave = grid(4500, 5000, 0.2);
    let meanShift = 0;
    for (let s = 0; s < 20; s++) {
      const f = observedSpectrum(qso(z, BigInt(700 + s)), wave);
      let best = 0;
      for (let i = 0; i < wave.length; i++) if (f[i]! > f[best]!) best = i;
      const shift = (C_KMS * (CIV * (1 + z) - wave[best]!)) / (CIV * (1 + z));
      expect(shift).toBeGreaterThan(50);
      meanShift += shift / 20;
    }
    expect(meanShift).toBeLessThan(5000);
  });
});
