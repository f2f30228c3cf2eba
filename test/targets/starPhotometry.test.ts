/**
 * The photometry of the mock stars (standards, white dwarfs, and the MWS stars, whose colours come
 * from a grid of the same templates) is that of their own spectrum: each object's
 * template spectrum (the one the simulation renders from its truth row, normalised to its r) is
 * integrated here through the decam2014 g and z filter curves on a 1 Å grid, independently of the
 * 4 Å grid the mock uses, and compared with the object's g and z. Standards also stay in
 * desitarget's colour box.
 */
import { describe, expect, test } from "vitest";
import { makeRng } from "../../src/runtime/rng.js";
import { MOCK_CLASSES } from "../../stdlib/targets/mockClasses.js";
import { abMagnitude, makeTemplateRow, observedSpectrum } from "../../stdlib/templates/index.js";

const FINE = Float64Array.from({ length: 8001 }, (_, i) => 3000 + i);
const PER_CLASS = 12;

describe("mock stars' photometry against their spectra", () => {
  for (const name of ["MWS_WD", "STD", "MWS_MAIN", "MWS_FAINT"] as const) {
    test(`${name}: g and z of the catalogue are the spectrum's within 0.01 mag`, () => {
      const cls = MOCK_CLASSES.find((c) => c.name === name)!;
      const draw = cls.drawer(makeRng(Uint32Array.of(name.length * 7919 + 17, 3, 5, 7)));
      let worst = 0;
      for (let k = 0; k < PER_CLASS; k++) {
        const o = draw(0.02 * (k % 3));
        const flux = observedSpectrum(
          makeTemplateRow({
            TRUEZ: o.truez,
            TRUESPECTYPE: o.spectype,
            TEMPLATETYPE: o.templatetype,
            TEMPLATESUBTYPE: o.subtype,
            MAG: o.mag,
            MAGFILTER: o.magfilter,
            TEFF: o.teff,
            LOGG: o.logg,
            FEH: o.feh,
          }),
          FINE,
        );
        expect(o.magfilter).toBe("decam2014-r");
        expect(Math.abs(abMagnitude(FINE, flux, "decam2014-r") - o.r)).toBeLessThan(0.002);
        for (const [band, mag] of [
          ["g", o.g],
          ["z", o.z],
        ] as const) {
          const d = abMagnitude(FINE, flux, `decam2014-${band}`) - mag;
          worst = Math.max(worst, Math.abs(d));
          expect(Math.abs(d), `${name} #${k} TEFF ${o.teff.toFixed(0)} ${band}`).toBeLessThan(0.01);
        }
        if (name === "STD") {
          expect(o.g - o.r).toBeGreaterThan(0);
          expect(o.g - o.r).toBeLessThan(0.35);
          expect(o.r - o.z).toBeLessThan(0.2);
        }
      }
      console.log(`${name}: largest |spectrum − catalogue| in g and z ${worst.toFixed(4)} mag over ${PER_CLASS} objects`);
    });
  }
});
