/**
 * A guard against pathological slowness (not a benchmark): newexp renders ~5000 spectra per
 * exposure on DESI's 7781-pixel grid. The mix follows a dark-time tile: ELG, LRG, QSO
 * (a third with a forest in the DESI range, some BALs), standard stars and sky.
 */
import { expect, it } from "vitest";
import { observedSpectrum, type TemplateRow } from "../../stdlib/templates/index.js";
import { DESI_WAVE, elg, qso, row, star } from "./rows.js";

it("renders 5000 spectra of 7781 pixels in well under 15 s", () => {
  const make = (k: number): TemplateRow => {
    const seed = BigInt(k);
    switch (k % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        return elg(0.6 + (k % 97) / 97, { SEED: seed });
      case 4:
      case 5:
        return row({ TEMPLATETYPE: "LRG", TRUEZ: 0.4 + (k % 61) / 100, D4000: 1.8, VDISP: 220, MAG: 20.5, MAGFILTER: "decam2014-z", SEED: seed });
      case 6:
        return qso(0.5 + (k % 83) / 25, seed, k % 7 === 0 ? "BAL" : "");
      case 7:
        return star(6000 + (k % 11) * 100, { SEED: seed, MAG: 17.5 });
      case 8:
        return row({ TEMPLATETYPE: "BGS", TRUEZ: 0.05 + (k % 40) / 100, D4000: 1.6, VDISP: 180, MAG: 19.5, OIIFLUX: 1e-16, HBETAFLUX: 5e-17, SEED: seed });
      default:
        return row({ TRUESPECTYPE: "SKY", TEMPLATETYPE: "SKY", MAG: 0, MAGFILTER: "", SEED: seed });
    }
  };
  for (let k = 0; k < 50; k++) observedSpectrum(make(k), DESI_WAVE);
  const t0 = performance.now();
  let check = 0;
  for (let k = 0; k < 5000; k++) check += observedSpectrum(make(k), DESI_WAVE)[3000]!;
  const ms = performance.now() - t0;
  console.log(`templates: 5000 spectra × 7781 pixels in ${(ms / 1000).toFixed(2)} s (${(ms / 5000).toFixed(3)} ms per spectrum)`);
  expect(Number.isFinite(check)).toBe(true);
  expect(ms).toBeLessThan(15_000);
});
