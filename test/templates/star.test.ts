/**
 * Stars: Balmer lines in warm stars, metal lines growing with [Fe/H], and a continuum whose
 * colour follows Wien's law.
 */
import { describe, expect, it } from "vitest";
import { observedSpectrum, restFrameSpectrum } from "../../stdlib/templates/index.js";
import { DESI_WAVE, grid, meanIn, row, star } from "./rows.js";

const BALMER = { HALPHA: 6564.61, HBETA: 4862.68, HGAMMA: 4341.68, HDELTA: 4102.89 };

/** Residual flux at `c` against the mean of sidebands at c ± [120, 150] Å. */
function residual(wave: Float64Array, f: Float64Array, c: number, width = 1): number {
  const side = 0.5 * (meanIn(wave, f, c - 150, c - 120) + meanIn(wave, f, c + 120, c + 150));
  return meanIn(wave, f, c - width, c + width) / side;
}

describe("stellar lines", () => {
  it("shows deep Balmer lines in a 7000 K dwarf", () => {
    const f = observedSpectrum(star(7000), DESI_WAVE);
    for (const c of Object.values(BALMER)) expect(residual(DESI_WAVE, f, c)).toBeLessThan(0.6);
  });

  it("has stronger Balmer lines at 9000 K than at 5000 K", () => {
    const hot = observedSpectrum(star(9000), DESI_WAVE);
    const cool = observedSpectrum(star(5000), DESI_WAVE);
    expect(residual(DESI_WAVE, hot, BALMER.HDELTA, 10)).toBeLessThan(residual(DESI_WAVE, cool, BALMER.HDELTA, 10));
  });

  it("deepens Ca II K and Mg b with metallicity", () => {
    const poor = restFrameSpectrum(star(6000, { FEH: -2 }), DESI_WAVE);
    const rich = restFrameSpectrum(star(6000, { FEH: 0.3 }), DESI_WAVE);
    expect(residual(DESI_WAVE, rich, 3934.78)).toBeLessThan(residual(DESI_WAVE, poor, 3934.78));
    expect(residual(DESI_WAVE, rich, 5183.6, 12)).toBeLessThan(residual(DESI_WAVE, poor, 5183.6, 12));
  });

  it("gives DA white dwarfs Balmer lines much wider than a dwarf star's", () => {
    const wd = observedSpectrum(row({ TRUESPECTYPE: "STAR", TEMPLATETYPE: "WD", TEFF: 12000, LOGG: 8, MAG: 18 }), DESI_WAVE);
    const a = observedSpectrum(star(12000), DESI_WAVE);
    expect(residual(DESI_WAVE, wd, BALMER.HBETA + 25)).toBeLessThan(residual(DESI_WAVE, a, BALMER.HBETA + 25));
  });

  it("moves the lines with the star's radial velocity", () => {
    const z = 200 / 299792.458;
    const wave = grid(6400, 6730, 0.05);
    const f = observedSpectrum(star(7000, { TRUEZ: z }), wave);
    // Centroid of the absorbed flux within ±15 Å of the shifted line (the core is saturated flat).
    const c = BALMER.HALPHA * (1 + z);
    const cont = 0.5 * (meanIn(wave, f, 6400, 6410) + meanIn(wave, f, 6720, 6730));
    let sw = 0;
    let s = 0;
    for (let i = 0; i < wave.length; i++) {
      if (Math.abs(wave[i]! - c) > 15) continue;
      const depth = 1 - f[i]! / cont;
      s += depth;
      sw += depth * wave[i]!;
    }
    expect(Math.abs(sw / s - c)).toBeLessThan(0.2);
  });
});

describe("continuum", () => {
  const temps = [4500, 5500, 6500, 7500, 9000, 12000, 20000];
  it("gets bluer with temperature: f(4400–4450)/f(7400–7450) rises monotonically with TEFF", () => {
    const ratios = temps.map((t) => {
      const f = observedSpectrum(star(t), DESI_WAVE);
      return meanIn(DESI_WAVE, f, 4400, 4450) / meanIn(DESI_WAVE, f, 7400, 7450);
    });
    for (let k = 1; k < ratios.length; k++) expect(ratios[k]!).toBeGreaterThan(ratios[k - 1]!);
  });

  it("peaks near Wien's λ_max = 2.898e7 Å K / T, moving blueward as T rises", () => {
    const wave = grid(3000, 12000, 10);
    const peaks = [4500, 5500, 6500].map((t) => {
      const f = restFrameSpectrum(star(t, { FEH: -1 }), wave);
      let best = 0;
      for (let i = 0; i < wave.length; i++) if (f[i]! > f[best]!) best = i;
      expect(Math.abs(wave[best]! / (2.898e7 / t) - 1)).toBeLessThan(0.15);
      return wave[best]!;
    });
    expect(peaks[0]!).toBeGreaterThan(peaks[1]!);
    expect(peaks[1]!).toBeGreaterThan(peaks[2]!);
  });
});
