import { describe, expect, it } from "vitest";
import {
  focalPlane,
  focalToRadec,
  KEEPOUT_MM,
  PATROL_RADIUS_MM,
  PLATE_SCALE_CENTER_UM_PER_ARCSEC,
  radecToFocal,
  radialPlateScale,
  radiusToTheta,
  thetaToRadius,
} from "../../stdlib/fiberassign/index.js";
import { findPython, runPython } from "../helpers/externalTools.js";
import { testRng } from "../example/helpers.js";
import { documentedCentres } from "./documentedCentres.js";
import { capPositions, separation } from "./synth.js";

describe("the focal plane", () => {
  const fp = focalPlane();

  it("has 5000 positioners at the documented hexagonal-grid centres", () => {
    const doc = documentedCentres();
    expect(fp.n).toBe(5000);
    let worst = 0;
    for (let i = 0; i < 5000; i++) worst = Math.max(worst, Math.abs((fp.x[i] ?? 0) - (doc.x[i] ?? 0)), Math.abs((fp.y[i] ?? 0) - (doc.y[i] ?? 0)));
    expect(worst).toBeLessThan(1e-9);
    expect(fp.patrolRadius).toBe(6);
    expect(PATROL_RADIUS_MM).toBe(6);
    expect(KEEPOUT_MM).toBe(2.6);
  });

  it("numbers fibers, devices and locations as DESI does, 500 per 36° petal", () => {
    const perPetal = new Array<number>(10).fill(0);
    for (let i = 0; i < 5000; i++) {
      const p = fp.petal[i] ?? -1;
      const d = fp.device[i] ?? -1;
      perPetal[p] = (perPetal[p] ?? 0) + 1;
      expect(fp.fiber[i]).toBe(i);
      expect(i).toBe(p * 500 + d);
      expect(fp.location[i]).toBe(p * 1000 + d);
      let angle = (Math.atan2(fp.y[i] ?? 0, fp.x[i] ?? 0) * 180) / Math.PI;
      if (angle < 0) angle += 360;
      expect(angle).toBeGreaterThanOrEqual(36 * p);
      expect(angle).toBeLessThan(36 * (p + 1));
    }
    expect(perPetal).toEqual(new Array<number>(10).fill(500));
  });

  it("keeps every two centres at least one pitch apart and fills a disk of about 400 mm", () => {
    let minSep = Infinity;
    for (let i = 0; i < 5000; i++) {
      for (let j = i + 1; j < 5000; j++) minSep = Math.min(minSep, Math.hypot((fp.x[i] ?? 0) - (fp.x[j] ?? 0), (fp.y[i] ?? 0) - (fp.y[j] ?? 0)));
    }
    expect(minSep).toBeGreaterThan(10.4 - 1e-9);
    expect(fp.maxCentreRadius).toBeGreaterThan(395);
    expect(fp.maxCentreRadius).toBeLessThan(408);
    // Fraction of the focal plane within 390 mm that some fiber reaches (the rest is petal gaps).
    const rng = testRng(7);
    let hit = 0;
    let all = 0;
    for (let k = 0; k < 20000; k++) {
      const r = 390 * Math.sqrt(rng.uniform());
      const a = 2 * Math.PI * rng.uniform();
      const x = r * Math.cos(a);
      const y = r * Math.sin(a);
      all++;
      for (let i = 0; i < 5000; i++) {
        if (Math.hypot(x - (fp.x[i] ?? 0), y - (fp.y[i] ?? 0)) <= 6) {
          hit++;
          break;
        }
      }
    }
    console.log(`focal plane: outermost centre ${fp.maxCentreRadius.toFixed(2)} mm, ${((100 * hit) / all).toFixed(1)}% of the disk r < 390 mm within reach`);
    expect(hit / all).toBeGreaterThan(0.9);
  });

  it("hands out a copy, so callers cannot change the shared layout", () => {
    const a = focalPlane();
    a.x[0] = 1e6;
    expect(focalPlane().x[0]).not.toBe(1e6);
  });
});

describe("the sky ↔ focal-plane transform", () => {
  it("maps the tile centre to (0, 0) and back", () => {
    for (const [ra, dec] of [
      [150, 30],
      [0, 0],
      [359.99, -20],
      [10, 89.5],
    ] as const) {
      const xy = radecToFocal(ra, dec, ra, dec);
      expect(Math.hypot(xy.x, xy.y)).toBeLessThan(1e-12);
      const back = focalToRadec(0, 0, ra, dec);
      expect(separation(back.ra, back.dec, ra, dec)).toBeLessThan(1e-12);
    }
  });

  it("has the documented plate scale at the centre, +Y north and +X toward decreasing RA", () => {
    const arcsec = 1 / 3600;
    const north = radecToFocal(150, 30 + arcsec, 150, 30);
    expect(north.x).toBeCloseTo(0, 9);
    expect(north.y * 1000).toBeCloseTo(67.50706676, 5);
    const east = radecToFocal(150 + arcsec / Math.cos((30 * Math.PI) / 180), 30, 150, 30);
    expect(east.x * 1000).toBeCloseTo(-67.50706676, 3);
    expect(PLATE_SCALE_CENTER_UM_PER_ARCSEC).toBeCloseTo(67.507, 3);
    expect(radialPlateScale(0)).toBeCloseTo(67.50706676, 8);
  });

  it("follows the Echo22 design table (radius vs. field angle) within 3 µm", () => {
    // Rows of desimeter's Echo22Platescale.txt (DESI-0329): radius mm, radial angle deg, MPS µm/″.
    const table: [number, number, number][] = [
      [100, 0.410328527, 68.07763656],
      [200, 0.813922562, 69.76982711],
      [300, 1.204866778, 72.53705923],
      [400, 1.578588554, 76.3293628],
      [410, 1.614886042, 76.74074048],
    ];
    for (const [r, theta, mps] of table) {
      expect(Math.abs(thetaToRadius(theta) - r)).toBeLessThan(0.003);
      expect(Math.abs(radiusToTheta(r) - theta) * 3600).toBeLessThan(0.05);
      expect(Math.abs(radialPlateScale(theta) - mps)).toBeLessThan(0.1);
    }
  });

  it("round-trips sky → focal plane → sky within 0.01″ everywhere on the field", () => {
    const rng = testRng(11);
    for (const [ra0, dec0] of [
      [150, 30],
      [359.5, 2],
      [0.2, -45],
      [200, 88.9],
    ] as const) {
      let worst = 0;
      for (const p of capPositions(rng, ra0, dec0, 1.65, 2000)) {
        const xy = radecToFocal(p.ra, p.dec, ra0, dec0);
        const back = focalToRadec(xy.x, xy.y, ra0, dec0);
        worst = Math.max(worst, separation(p.ra, p.dec, back.ra, back.dec) * 3600);
      }
      expect(worst).toBeLessThan(0.01);
    }
  });

  it("puts points at astropy's separation and position angle", () => {
    const python = findPython(["astropy.coordinates"], ["python3-astropy"]);
    const rng = testRng(5);
    const ra0 = 359.3;
    const dec0 = 61.2;
    const pts = capPositions(rng, ra0, dec0, 1.6, 50);
    const script = `
import json, sys
from astropy.coordinates import SkyCoord
import astropy.units as u
d = json.load(sys.stdin)
c0 = SkyCoord(d["ra0"] * u.deg, d["dec0"] * u.deg)
c = SkyCoord([p["ra"] for p in d["pts"]] * u.deg, [p["dec"] for p in d["pts"]] * u.deg)
print(json.dumps({"sep": c0.separation(c).deg.tolist(), "pa": c0.position_angle(c).rad.tolist()}))
`;
    const ref = JSON.parse(runPython(python, script, [], JSON.stringify({ ra0, dec0, pts }))) as { sep: number[]; pa: number[] };
    pts.forEach((p, i) => {
      const r = thetaToRadius(ref.sep[i] ?? 0);
      const pa = ref.pa[i] ?? 0; // east of north
      const xy = radecToFocal(p.ra, p.dec, ra0, dec0);
      expect(Math.abs(xy.x - -r * Math.sin(pa))).toBeLessThan(1e-6);
      expect(Math.abs(xy.y - r * Math.cos(pa))).toBeLessThan(1e-6);
    });
  });
});
