/**
 * Galaxies: emission lines at their vacuum wavelengths times (1 + z), with the truth's fluxes
 * and doublet ratio, and a continuum whose narrow 4000 Å break (Balogh et al. 1999) is the
 * requested D4000.
 */
import { describe, expect, it } from "vitest";
import { observedSpectrum, restFrameSpectrum, type TemplateRow } from "../../stdlib/templates/index.js";
import { elg, grid, meanIn, row } from "./rows.js";

/** Vacuum rest wavelengths written here from NIST, independently of the library's table. */
const OII_3727 = 3727.09;
const OII_3729 = 3729.88;
const HBETA = 4862.68;
const OIII_5008 = 5008.24;
const HALPHA = 6564.61;

/** f minus a straight line fitted to the sidebands [c−60, c−25] and [c+25, c+60] Å. */
function lineOnly(wave: Float64Array, flux: Float64Array, c: number): Float64Array {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < wave.length; i++) {
    const d = Math.abs(wave[i]! - c);
    if (d >= 25 && d <= 60) {
      xs.push(wave[i]!);
      ys.push(flux[i]!);
    }
  }
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (xs[k]! - mx) * (ys[k]! - my);
    sxx += (xs[k]! - mx) ** 2;
  }
  const b = sxy / sxx;
  return flux.map((f, i) => f - (my + b * (wave[i]! - mx)));
}

/** The wavelength of the maximum of `f` within ±w of c, refined by a parabola through 3 samples. */
function peak(wave: Float64Array, f: Float64Array, c: number, w: number): number {
  let best = -1;
  for (let i = 1; i < wave.length - 1; i++) {
    if (Math.abs(wave[i]! - c) <= w && (best < 0 || f[i]! > f[best]!)) best = i;
  }
  const y0 = f[best - 1]!;
  const y1 = f[best]!;
  const y2 = f[best + 1]!;
  const h = wave[best + 1]! - wave[best]!;
  return wave[best]! + (0.5 * h * (y0 - y2)) / (y0 - 2 * y1 + y2);
}

/** ∫ f dλ over [a, b] by the trapezoid rule, in 1e-17 erg/(s cm²). */
function integrate(wave: Float64Array, f: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let i = 1; i < wave.length; i++) {
    if (wave[i - 1]! >= a && wave[i]! <= b) s += 0.5 * (wave[i]! - wave[i - 1]!) * (f[i]! + f[i - 1]!);
  }
  return s;
}

describe("emission lines", () => {
  const wave = grid(3500, 14000, 0.2);
  for (const z of [0.3, 1.0]) {
    it(`puts Hα, [OIII] 5008, Hβ and [OII] 3729 of an ELG at z=${z} at (1+z) λ_vac within 1 Å`, () => {
      const f = observedSpectrum(elg(z), wave);
      for (const rest of [HALPHA, OIII_5008, HBETA, OII_3729]) {
        const c = rest * (1 + z);
        expect(Math.abs(peak(wave, lineOnly(wave, f, c), c, 1.5) - c)).toBeLessThan(1);
      }
    });
  }

  for (const z of [0.3, 1.0, 1.5]) {
    it(`gives the [OII] doublet of an ELG at z=${z} the truth OIIFLUX within 5 % and the truth doublet ratio`, () => {
      const r = elg(z, { OIIFLUX: 6.5e-17, OIIDOUBLET: 0.8 });
      const f = observedSpectrum(r, wave);
      const c = 0.5 * (OII_3727 + OII_3729) * (1 + z);
      const line = lineOnly(wave, f, c);
      const total = integrate(wave, line, c - 20, c + 20) * 1e-17;
      expect(Math.abs(total / r.OIIFLUX - 1)).toBeLessThan(0.05);
      const blue = integrate(wave, line, c - 20, c);
      const red = integrate(wave, line, c, c + 20);
      expect(blue / red).toBeCloseTo(0.8, 1);
    });
  }

  it("keeps Hβ at HBETAFLUX, [OIII] 5008/Hβ at 10^OIIIHBETA, the [OIII] doublet at 2.98 and Hα/Hβ at 2.86", () => {
    // The young population's Balmer absorption sits under Hβ and Hα, so the emission is
    // measured against a twin with no lines, rescaled to the same continuum.
    const z = 0.3;
    const r = elg(z, { OIIIHBETA: 0.35, VDISP: 80 });
    const f = observedSpectrum(r, wave);
    const twin = observedSpectrum({ ...r, OIIFLUX: 0, HBETAFLUX: 0 }, wave);
    const k = meanIn(wave, f, 7000, 7200) / meanIn(wave, twin, 7000, 7200);
    const lines = f.map((v, i) => v - k * twin[i]!);
    const flux = (rest: number): number => integrate(wave, lines, rest * (1 + z) - 12, rest * (1 + z) + 12);
    expect((flux(HBETA) * 1e-17) / r.HBETAFLUX).toBeCloseTo(1, 2);
    expect(flux(OIII_5008) / flux(HBETA)).toBeCloseTo(10 ** 0.35, 2);
    expect(flux(OIII_5008) / flux(4960.3)).toBeCloseTo(2.98, 2);
    expect(flux(HALPHA) / flux(HBETA)).toBeCloseTo(2.86, 2);
  });

  it("has no emission lines when the truth gives no line fluxes", () => {
    const z = 0.5;
    const r = row({ TEMPLATETYPE: "LRG", TRUEZ: z, D4000: 1.8, VDISP: 200, MAG: 20 });
    const f = observedSpectrum(r, wave);
    const c = 0.5 * (OII_3727 + OII_3729) * (1 + z);
    expect(Math.abs(integrate(wave, lineOnly(wave, f, c), c - 15, c + 15))).toBeLessThan(0.02 * meanIn(wave, f, c - 15, c + 15) * 30);
  });
});

describe("4000 Å break", () => {
  const rest = grid(3700, 4300, 0.5);
  /** Narrow D4000: mean f_ν over 4000–4100 Å over mean f_ν over 3850–3950 Å (f_ν ∝ f_λ λ²). */
  const d4000 = (r: TemplateRow): number => {
    const f = restFrameSpectrum(r, rest);
    const fnu = f.map((v, i) => v * rest[i]! * rest[i]!);
    return meanIn(rest, fnu, 4000, 4100) / meanIn(rest, fnu, 3850, 3950);
  };
  for (const d of [1.2, 1.5, 1.8, 2.0, 2.3]) {
    it(`measures D4000 = ${d} on an LRG asking for it, within 10 %`, () => {
      const r = row({ TEMPLATETYPE: "LRG", TRUEZ: 0.6, D4000: d, VDISP: 220, MAG: 20.5, MAGFILTER: "decam2014-z" });
      expect(Math.abs(d4000(r) / d - 1)).toBeLessThan(0.1);
    });
  }
  it("gives star-forming ELGs their small breaks too", () => {
    for (const d of [1.0, 1.1, 1.3]) expect(Math.abs(d4000(elg(0.9, { D4000: d, OIIFLUX: 0, HBETAFLUX: 0 })) / d - 1)).toBeLessThan(0.1);
  });
});
