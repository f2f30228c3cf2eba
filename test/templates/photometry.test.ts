/**
 * Synthetic photometry and normalisation: abMagnitude on a flat f_ν spectrum (where the AB
 * magnitude is analytic), and every class of spectrum against an independent photon-weighted
 * integral written here in frequency, ∫ f_ν T dν/ν / ∫ 3631 Jy T dν/ν.
 */
import { describe, expect, it } from "vitest";
import { abMagnitude, filterCurve, FILTER_NAMES, observedSpectrum, type TemplateRow } from "../../stdlib/templates/index.js";
import { DESI_WAVE, elg, grid, qso, row, star } from "./rows.js";

const C = 2.99792458e18; // Å/s

/** A flat f_ν = 3631 Jy · 10^(-0.4 m) spectrum in 1e-17 erg/(s cm² Å). */
function flatFnu(wave: Float64Array, m: number): Float64Array {
  const fnu = 3631e-23 * 10 ** (-0.4 * m);
  return wave.map((w) => (fnu * C) / (w * w) / 1e-17);
}

/** Interpolates the published breakpoints of `name` at `w`. */
function response(name: string, w: number): number {
  const c = filterCurve(name);
  const n = c.wave.length;
  if (w <= c.wave[0]! || w >= c.wave[n - 1]!) return 0;
  let i = 0;
  while (c.wave[i + 1]! < w) i++;
  const t = (w - c.wave[i]!) / (c.wave[i + 1]! - c.wave[i]!);
  return c.response[i]! + t * (c.response[i + 1]! - c.response[i]!);
}

/** AB magnitude by a trapezoid in ν of f_ν T / ν, on the (increasing-λ) grid `wave`. */
function magnitudeInFrequency(wave: Float64Array, flux: Float64Array, name: string): number {
  let num = 0;
  let den = 0;
  let prev: [number, number, number] | null = null;
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i]!;
    const nu = C / w;
    const t = response(name, w);
    const fnu = (flux[i]! * 1e-17 * w * w) / C; // erg/(s cm² Hz)
    const yn = (fnu * t) / nu;
    const yd = (3631e-23 * t) / nu;
    if (prev !== null) {
      const dnu = prev[0] - nu;
      num += 0.5 * dnu * (yn + prev[1]);
      den += 0.5 * dnu * (yd + prev[2]);
    }
    prev = [nu, yn, yd];
  }
  return -2.5 * Math.log10(num / den);
}

describe("abMagnitude", () => {
  it("gives a flat f_ν spectrum its analytic AB magnitude in every filter", () => {
    const wave = grid(3000, 11500, 0.5);
    for (const name of FILTER_NAMES) {
      for (const m of [15, 20.3, 24]) expect(abMagnitude(wave, flatFnu(wave, m), name)).toBeCloseTo(m, 10);
    }
  });

  it("agrees with the frequency-space integral on a sloped spectrum", () => {
    const wave = grid(3000, 11500, 0.5);
    const flux = wave.map((w) => 3 * (w / 5000) ** -3);
    for (const name of FILTER_NAMES) expect(abMagnitude(wave, flux, name)).toBeCloseTo(magnitudeInFrequency(wave, flux, name), 4);
  });

  it("matches a hand value: f_λ = 1e-17 at the r band's pivot is about m = 21.1", () => {
    // f_ν = f_λ λ²/c at λ ≈ 6420 Å: 1e-17 · 6420² / 3e18 = 1.37e-28 → m = −2.5 log10(1.37e-28 / 3.631e-20) ≈ 21.06.
    const wave = grid(3000, 11500, 0.5);
    const flux = wave.map((w) => (6420 / w) ** 2);
    expect(abMagnitude(wave, flux, "decam2014-r")).toBeCloseTo(21.06, 1);
  });

  it("refuses a grid that misses the main band and an unknown filter", () => {
    expect(() => abMagnitude(DESI_WAVE, flatFnu(DESI_WAVE, 20), "decam2014-z")).toThrow(/does not cover/);
    expect(() => abMagnitude(DESI_WAVE, flatFnu(DESI_WAVE, 20), "sdss-r")).toThrow(/unknown filter `sdss-r`.*decam2014-r/);
  });
});

describe("normalisation", () => {
  const wide = grid(3300, 11000, 0.1);
  const cases: [string, TemplateRow][] = [
    ["ELG z=1.0 in r", elg(1.0)],
    ["ELG z=0.8 in g", elg(0.8, { MAGFILTER: "decam2014-g", MAG: 22.5 })],
    ["LRG z=0.7 in z", row({ TEMPLATETYPE: "LRG", TRUEZ: 0.7, D4000: 1.9, VDISP: 250, MAG: 20.2, MAGFILTER: "decam2014-z" })],
    ["BGS z=0.2 in r", row({ TEMPLATETYPE: "BGS", TRUEZ: 0.2, D4000: 1.5, VDISP: 150, MAG: 19.5, OIIFLUX: 2e-16, HBETAFLUX: 1e-16, OIIIHBETA: -0.5 })],
    ["QSO z=0.5 in r (host)", qso(0.5, 11n)],
    ["QSO z=2.4 in r", qso(2.4, 12n)],
    ["QSO z=3.0 in g (forest in band)", qso(3.0, 13n, "", { MAGFILTER: "decam2014-g", MAG: 21.5 })],
    ["BAL QSO z=2.2 in g", qso(2.2, 14n, "BAL", { MAGFILTER: "decam2014-g" })],
    ["F star in r", star(6500, { FEH: -0.5, MAG: 17.2, TRUEZ: 3e-4 })],
    ["M star in z", star(3400, { LOGG: 4.8, MAG: 19, MAGFILTER: "decam2014-z" })],
    ["DA white dwarf in g", row({ TRUESPECTYPE: "STAR", TEMPLATETYPE: "WD", TEFF: 18000, LOGG: 8, MAG: 18.5, MAGFILTER: "decam2014-g" })],
  ];
  for (const [name, r] of cases) {
    it(`${name}: the AB magnitude through MAGFILTER equals MAG within 0.01`, () => {
      const flux = observedSpectrum(r, wide);
      expect(Math.abs(magnitudeInFrequency(wide, flux, r.MAGFILTER) - r.MAG)).toBeLessThan(0.01);
    });
  }

  it("does not depend on the grid the spectrum is rendered on", () => {
    const r = elg(1.2);
    const onWide = observedSpectrum(r, wide);
    const onDesi = observedSpectrum(r, DESI_WAVE);
    const i = DESI_WAVE.findIndex((w) => w >= 6000);
    const j = wide.findIndex((w) => w >= 6000);
    expect(onDesi[i]).toBeCloseTo(onWide[j]!, 12);
  });

  it("gives blank sky zero flux", () => {
    const flux = observedSpectrum(row({ TRUESPECTYPE: "SKY", TEMPLATETYPE: "SKY", MAG: Number.NaN, MAGFILTER: "" }), DESI_WAVE);
    expect(flux.every((f) => f === 0)).toBe(true);
  });
});
