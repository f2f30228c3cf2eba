import { describe, expect, test } from "vitest";
import { airmass } from "../../stdlib/survey/airmass.js";
import { altitude } from "../../stdlib/survey/altitude.js";
import { darkWindow } from "../../stdlib/survey/darkWindow.js";
import { effectiveTime, exptimeFor } from "../../stdlib/survey/effectiveTime.js";
import { fiberFactor } from "../../stdlib/survey/fiberFactor.js";
import { illuminatedFraction, moonPhaseAngle } from "../../stdlib/survey/moonPhaseAngle.js";
import { moonPosition } from "../../stdlib/survey/moonPosition.js";
import { moonSkyBrightness } from "../../stdlib/survey/moonSkyBrightness.js";
import { greenwichSiderealTime, localSiderealTime } from "../../stdlib/survey/siderealTime.js";
import { KITT_PEAK } from "../../stdlib/survey/Site.js";
import { sunPosition } from "../../stdlib/survey/sunPosition.js";
import { topocentric } from "../../stdlib/survey/topocentric.js";
import { altitudeAt, efftimeDark, elgFiberFrac, gmstDeg, ksNanoLamberts, mjdOf, nlToMag, sunRaDec } from "./reference.js";

const RAD = Math.PI / 180;
const moonIllum = (mjd: number): number => illuminatedFraction(moonPhaseAngle(moonPosition(mjd), sunPosition(mjd)));

describe("ephemerides", () => {
  test("sidereal time matches Meeus's worked examples 12.a and 12.b and the IAU 1982 formula in seconds", () => {
    // Meeus, Astronomical Algorithms (2nd ed.), ex. 12.a: 1987 April 10, 0h UT → 13h10m46.3668s.
    expect(greenwichSiderealTime(mjdOf(1987, 4, 10))).toBeCloseTo((13 + 10 / 60 + 46.3668 / 3600) * 15, 4);
    // Ex. 12.b: 1987 April 10, 19h21m00s UT → 8h34m57.0896s.
    expect(greenwichSiderealTime(mjdOf(1987, 4, 10, 19, 21))).toBeCloseTo((8 + 34 / 60 + 57.0896 / 3600) * 15, 4);
    for (const mjd of [51544.5, 59197.3, 59257.81, 60000.123]) expect(greenwichSiderealTime(mjd)).toBeCloseTo(gmstDeg(mjd), 4);
  });

  test("the Sun is within 0.02° of Meeus's example 25.a and of an independent series", () => {
    // Meeus ex. 25.a: 1992 October 13, 0h TD: apparent α = 198.38083°, δ = −7.78507°.
    const sun = sunPosition(mjdOf(1992, 10, 13));
    expect(Math.abs(sun.ra - 198.38083)).toBeLessThan(0.02);
    expect(Math.abs(sun.dec - -7.78507)).toBeLessThan(0.02);
    for (const mjd of [59197.5, 59257.1, 59380.9]) {
      const ref = sunRaDec(mjd);
      const s = sunPosition(mjd);
      expect(Math.abs(s.ra - ref.ra)).toBeLessThan(0.02);
      expect(Math.abs(s.dec - ref.dec)).toBeLessThan(0.02);
    }
  });

  test("the Moon is within the Almanac formulae's accuracy of Meeus's examples 47.a and 48.a", () => {
    // Meeus ex. 47.a (ELP-2000/82 truncated), 1992 April 12, 0h TD: λ = 133.162655°, β = −3.229126°,
    // Δ = 368409.7 km, π = 0.991990°, apparent α = 134.688470°, δ = 13.768368°.
    const moon = moonPosition(mjdOf(1992, 4, 12));
    expect(Math.abs(moon.lon - 133.162655)).toBeLessThan(0.3);
    expect(Math.abs(moon.lat - -3.229126)).toBeLessThan(0.2);
    expect(Math.abs(moon.parallax - 0.99199)).toBeLessThan(0.005);
    expect(Math.abs(moon.distance - 368409.7)).toBeLessThan(2000);
    expect(Math.abs(moon.ra - 134.68847)).toBeLessThan(0.5);
    expect(Math.abs(moon.dec - 13.768368)).toBeLessThan(0.5);
    // Ex. 48.a, same instant: illuminated fraction k = 0.6786 (phase angle i = 69.0756°).
    expect(moonIllum(mjdOf(1992, 4, 12))).toBeCloseTo(0.6786, 2);
  });

  test("the Moon is full and new on the published dates", () => {
    // USNO phases: new moon 2020-12-14 16:17 UT (the total solar eclipse), full moon 2020-12-30
    // 03:28 UT, new moon 2021-02-11 19:06 UT, full moon 2021-02-27 08:17 UT.
    expect(moonIllum(mjdOf(2020, 12, 14, 16, 17))).toBeLessThan(0.02);
    expect(moonIllum(mjdOf(2020, 12, 30, 3, 28))).toBeGreaterThan(0.98);
    expect(moonIllum(mjdOf(2021, 2, 11, 19, 6))).toBeLessThan(0.02);
    expect(moonIllum(mjdOf(2021, 2, 27, 8, 17))).toBeGreaterThan(0.98);
    // During the eclipse the Moon sits on the Sun (within the 0.5° of the discs, plus formula error).
    const mjd = mjdOf(2020, 12, 14, 16, 14);
    const m = moonPosition(mjd);
    const s = sunPosition(mjd);
    const sep = Math.acos(Math.sin(m.dec * RAD) * Math.sin(s.dec * RAD) + Math.cos(m.dec * RAD) * Math.cos(s.dec * RAD) * Math.cos((m.ra - s.ra) * RAD)) / RAD;
    expect(sep).toBeLessThan(1.5);
  });

  test("the topocentric Moon is lowered by the parallax in altitude, π cos h", () => {
    for (const mjd of [59257.2, 59270.4, 59300.15, 59311.3]) {
      const m = moonPosition(mjd);
      const lst = localSiderealTime(mjd, KITT_PEAK.longitude);
      const geo = altitude(m.ra, m.dec, lst, KITT_PEAK.latitude);
      const t = topocentric(m, KITT_PEAK, lst);
      const topo = altitude(t.ra, t.dec, lst, KITT_PEAK.latitude);
      expect(Math.abs(geo - topo - m.parallax * Math.cos(geo * RAD))).toBeLessThan(0.03);
    }
  });

  test("altitudes and airmasses agree with independent spherical trigonometry and with sec z", () => {
    for (const [ra, dec, mjd] of [
      [150.1, 2.2, 59257.35],
      [10, 30, 59488.2],
      [200, -10, 59320.3],
    ] as const) {
      const alt = altitude(ra, dec, localSiderealTime(mjd, KITT_PEAK.longitude), KITT_PEAK.latitude);
      expect(alt).toBeCloseTo(altitudeAt(ra, dec, mjd), 3);
    }
    expect(airmass(90)).toBeCloseTo(1, 12);
    // The scattering airmass of Krisciunas & Schaefer runs a little under sec z off the zenith.
    for (const [alt, tol] of [
      [80, 0.002],
      [60, 0.008],
      [50, 0.015],
      [30, 0.06],
    ] as const) {
      const secz = 1 / Math.cos((90 - alt) * RAD);
      expect(airmass(alt)).toBeLessThanOrEqual(secz);
      expect(Math.abs(airmass(alt) / secz - 1)).toBeLessThan(tol);
    }
  });

  test("the dark window lies where the Sun, by an independent series, is 18° below the horizon", () => {
    const w = darkWindow(20210211, KITT_PEAK);
    const sunAlt = (mjd: number): number => {
      const s = sunRaDec(mjd);
      return altitudeAt(s.ra, s.dec, mjd);
    };
    expect(sunAlt(w.start)).toBeCloseTo(-18, 1);
    expect(sunAlt(w.end)).toBeCloseTo(-18, 1);
    // Evening of the 11th and morning of the 12th, local time (MST = UTC − 7 h).
    expect(w.start).toBeGreaterThan(mjdOf(2021, 2, 12, 1, 0));
    expect(w.start).toBeLessThan(mjdOf(2021, 2, 12, 3, 0));
    expect(w.end).toBeGreaterThan(mjdOf(2021, 2, 12, 12, 0));
    expect(w.end).toBeLessThan(mjdOf(2021, 2, 12, 14, 0));
  });
});

describe("Krisciunas & Schaefer moonlight", () => {
  test("it matches the model written out in nanoLamberts", () => {
    for (const [alpha, rho, mAlt, tAlt] of [
      [0, 60, 45, 60],
      [30, 20, 20, 70],
      [90, 100, 60, 40],
      [120, 45, 10, 80],
    ] as const) {
      // Krisciunas & Schaefer's own k = 0.172 (the survey's default is the instrument's 0.154).
      expect(moonSkyBrightness(alpha, rho, mAlt, tAlt, 0.172)).toBeCloseTo(nlToMag(ksNanoLamberts(alpha, rho, mAlt, tAlt, 0.172)), 6);
    }
  });

  test("the sky is dark with the Moon down, and brighter nearer the Moon, nearer full moon and lower in the sky", () => {
    expect(moonSkyBrightness(0, 60, -5, 60)).toBe(Infinity);
    let last = -Infinity;
    for (const rho of [10, 20, 40, 60, 90]) {
      const v = moonSkyBrightness(30, rho, 40, 60);
      expect(v).toBeGreaterThan(last);
      last = v;
    }
    expect(moonSkyBrightness(0, 60, 40, 60)).toBeLessThan(moonSkyBrightness(90, 60, 40, 60));
    expect(moonSkyBrightness(90, 60, 40, 60)).toBeLessThan(moonSkyBrightness(150, 60, 40, 60));
    expect(moonSkyBrightness(60, 60, 40, 30)).toBeLessThan(moonSkyBrightness(60, 60, 40, 80));
    // Full moon 60° away: moonlight of V ≈ 18 mag/arcsec², several times the 21.8 of the dark sky.
    const full = moonSkyBrightness(0, 60, 45, 60);
    expect(full).toBeGreaterThan(17);
    expect(full).toBeLessThan(19.5);
  });
});

describe("effective time", () => {
  test("nominal conditions give EFFTIME = EXPTIME, and the fiber factor is 1 at 1.1″ and transparency 1", () => {
    expect(fiberFactor(1.1, 1)).toBeCloseTo(1, 12);
    expect(effectiveTime(1000, { fiberFactor: 1, airmass: 1, sky: 3.73, ebv: 0 })).toBeCloseTo(1000, 9);
    expect(efftimeDark(1000, 1, 1, 3.73, 0)).toBeCloseTo(1000, 9);
  });

  test("the solved exposure time reaches the target in desispec's formula written out", () => {
    for (const [target, seeing, transp, X, sky, ebv] of [
      [1000, 1.1, 1, 1, 3.73, 0],
      [333.3, 0.9, 0.97, 1.3, 5.1, 0.03],
      [500, 1.6, 0.8, 1.8, 20, 0.08],
      [180, 2.4, 0.6, 1.05, 3.9, 0.01],
    ] as const) {
      const ff = fiberFactor(seeing, transp);
      expect(ff).toBeCloseTo((elgFiberFrac(seeing) / elgFiberFrac(1.1)) * transp, 9);
      const t = exptimeFor(target, { fiberFactor: ff, airmass: X, sky, ebv });
      expect(efftimeDark(t, ff, X, sky, ebv)).toBeCloseTo(target, 6);
      expect(effectiveTime(t, { fiberFactor: ff, airmass: X, sky, ebv })).toBeCloseTo(target, 6);
    }
  });
});
