/**
 * Determinism and the row plumbing: the same row renders the same array bit for bit, another
 * SEED another forest, and truth tables become rows.
 */
import { describe, expect, it } from "vitest";
import type { TruthTable } from "../../stdlib/datamodel/index.js";
import { igmTransmission, observedSpectrum, sourceType, truthRow } from "../../stdlib/templates/index.js";
import { DESI_WAVE, elg, qso, row, star } from "./rows.js";

describe("determinism", () => {
  it("renders the same row to an identical Float64Array", () => {
    for (const r of [elg(1.1), qso(2.7, 9n, "BAL"), qso(0.4, 9n), star(6300)]) {
      const a = observedSpectrum(r, DESI_WAVE);
      const b = observedSpectrum({ ...r }, DESI_WAVE);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    }
  });

  it("draws a different forest for a different SEED", () => {
    const a = igmTransmission(qso(2.9, 1n), DESI_WAVE);
    const b = igmTransmission(qso(2.9, 2n), DESI_WAVE);
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 0.05) differ++;
    expect(differ).toBeGreaterThan(200);
  });

  it("draws the same forest on any grid: it is a function of the observed wavelength", () => {
    const r = qso(3.1, 42n);
    const fine = new Float64Array([4000, 4000.1, 4321.7, 4500.25]);
    const t = igmTransmission(r, fine);
    const one = igmTransmission(r, new Float64Array([4321.7]));
    expect(one[0]).toBe(t[2]);
  });

  it("refuses decreasing wavelengths", () => {
    expect(() => observedSpectrum(elg(1), new Float64Array([5000, 4000]))).toThrow(/strictly increasing/);
  });
});

describe("rows", () => {
  it("classifies rows by TEMPLATETYPE, falling back to TRUESPECTYPE", () => {
    expect(sourceType(elg(1))).toBe("galaxy");
    expect(sourceType(row({ TEMPLATETYPE: "LRG" }))).toBe("galaxy");
    expect(sourceType(qso(2, 1n))).toBe("qso");
    expect(sourceType(row({ TEMPLATETYPE: "WD", TRUESPECTYPE: "STAR" }))).toBe("star");
    expect(sourceType(row({ TEMPLATETYPE: "SKY", TRUESPECTYPE: "SKY" }))).toBe("sky");
    expect(sourceType(row({ TEMPLATETYPE: "MWS_STAR", TRUESPECTYPE: "STAR" }))).toBe("star");
    expect(() => sourceType(row({ TEMPLATETYPE: "X", TRUESPECTYPE: "Y" }))).toThrow(/unknown TEMPLATETYPE `X`/);
  });

  it("reads a row of a truth table, 64-bit columns as bigint", () => {
    const big = (1n << 58n) | 12345n;
    const table: TruthTable = {
      TARGETID: new BigInt64Array([1n, big]),
      MOCKID: new BigInt64Array([0n, 0n]),
      TRUEZ: new Float64Array([0, 2.5]),
      TRUESPECTYPE: ["SKY", "QSO"],
      TEMPLATETYPE: ["SKY", "QSO"],
      TEMPLATESUBTYPE: ["", "BAL"],
      SEED: new BigInt64Array([0n, -(1n << 62n)]),
      MAG: new Float32Array([0, 21.5]),
      MAGFILTER: ["", "decam2014-g"],
      FLUX_G: new Float32Array(2),
      FLUX_R: new Float32Array(2),
      FLUX_Z: new Float32Array(2),
      FLUX_W1: new Float32Array(2),
      FLUX_W2: new Float32Array(2),
      OIIFLUX: new Float32Array(2),
      HBETAFLUX: new Float32Array(2),
      VDISP: new Float32Array(2),
      D4000: new Float32Array(2),
      OIIIHBETA: new Float32Array(2),
      OIIDOUBLET: new Float32Array(2),
      TEFF: new Float32Array(2),
      LOGG: new Float32Array(2),
      FEH: new Float32Array(2),
    };
    const r = truthRow(table, 1);
    expect(r.TARGETID).toBe(big);
    expect(r.SEED).toBe(-(1n << 62n));
    expect(r.TEMPLATESUBTYPE).toBe("BAL");
    expect(r.MAG).toBe(21.5);
    expect(observedSpectrum(r, DESI_WAVE).some((f) => f > 0)).toBe(true);
    expect(observedSpectrum(truthRow(table, 0), DESI_WAVE).every((f) => f === 0)).toBe(true);
    expect(() => truthRow(table, 2)).toThrow(RangeError);
  });
});
