/**
 * One sky model: the survey's exposure-time sky (stdlib/survey skyFlux, moonSkyBrightness) is the
 * r-band brightness of the instrument's sky spectrum, the one fastframe puts in the fibers. The
 * synthetic photometry is written out here: photon-counting AB magnitude through DECam r as the
 * instrument documents its filter (a trapezoid 5520–5720–7020–7220 Å).
 */
import { describe, expect, test } from "vitest";
import { darkSky, moonBrightnessV, skySpectrum } from "../../stdlib/instrument/index.js";
import { moonSkyBrightness } from "../../stdlib/survey/moonSkyBrightness.js";
import { skyFlux } from "../../stdlib/survey/skyFlux.js";

const RAD = Math.PI / 180;

/** DECam r as a trapezoid. */
function decamR(w: number): number {
  if (w <= 5520 || w >= 7220) return 0;
  if (w < 5720) return (w - 5520) / 200;
  if (w > 7020) return (7220 - w) / 200;
  return 1;
}

/** AB magnitude of f_λ (10^-17 erg/(s cm² Å) per arcsec²) on `wave`: −2.5 log10(∫ f R λ dλ / ∫ f_AB R λ dλ). */
function synthR(wave: Float64Array, flux: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i]!;
    const r = decamR(w);
    num += flux[i]! * 1e-17 * r * w;
    den += ((3631e-23 * 2.99792458e18) / (w * w)) * r * w;
  }
  return -2.5 * Math.log10(num / den);
}

const WAVE = Float64Array.from({ length: Math.round((7300 - 5400) / 0.5) + 1 }, (_, i) => 5400 + 0.5 * i);

/** Survey circumstances: target altitude, moon altitude, separation, phase angle (0 = full). */
const CASES: readonly (readonly [number, number, number, number])[] = [
  [90, -20, 90, 0],
  [60, -5, 60, 30],
  [42, -30, 120, 170],
  [70, 40, 40, 36.87],
  [45, 25, 70, 90],
  [35, 60, 100, 10],
  [80, 15, 25, 120],
];

describe("one sky model", () => {
  test("The survey's r-band sky equals the synthetic r magnitude of the instrument's sky spectrum for the same conditions, within 0.02 mag.", () => {
    for (const [alt, moonAlt, sep, phase] of CASES) {
      const airmass = 1 / Math.sqrt(1 - 0.96 * Math.sin((90 - alt) * RAD) ** 2);
      const survey = 22.5 - 2.5 * Math.log10(skyFlux({ airmass, targetAltitude: alt, moonAltitude: moonAlt, moonSeparation: sep, moonPhase: phase }));
      const fraction = (1 + Math.cos(phase * RAD)) / 2;
      const spectrum = skySpectrum(WAVE, 0.5, { airmass, fraction, altitude: moonAlt, separation: sep });
      expect(Math.abs(survey - synthR(WAVE, spectrum))).toBeLessThan(0.02);
    }
  });

  test("The dark sky at the zenith is desispec's nominal 3.73 nMgy/arcsec² (r = 21.07) in both.", () => {
    const survey = skyFlux({ airmass: 1, targetAltitude: 90, moonAltitude: -10, moonSeparation: 90, moonPhase: 0 });
    expect(Math.abs(survey / 3.73 - 1)).toBeLessThan(0.002);
    expect(Math.abs(synthR(WAVE, darkSky(WAVE, 0.5)) - 21.07)).toBeLessThan(0.005);
  });

  test("The survey's moonlight is the instrument's: the same Krisciunas & Schaefer V brightness for the same geometry.", () => {
    for (const [alt, moonAlt, sep, phase] of CASES) {
      if (moonAlt <= 0) continue;
      const airmass = 1 / Math.sqrt(1 - 0.96 * Math.sin((90 - alt) * RAD) ** 2);
      const fraction = (1 + Math.cos(phase * RAD)) / 2;
      expect(moonSkyBrightness(phase, sep, moonAlt, alt)).toBeCloseTo(moonBrightnessV({ fraction, altitude: moonAlt, separation: sep, airmass }), 6);
    }
  });
});
