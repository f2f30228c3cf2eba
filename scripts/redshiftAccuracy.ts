/**
 * Redshift accuracy of the fitter with the trained templates on simulated coadds (1000 s,
 * nominal dark conditions, the simulator's noise model), per class, with targets drawn on the
 * stream labelled `accuracy` (the templates were trained on `train`):
 *
 *   node scripts/run.mjs scripts/redshiftAccuracy.ts [perClass=300]
 *
 * Success: |Δz|/(1+z) < 0.0033 and ZWARN = 0 (and the right SPECTYPE for stars); ELGs are counted
 * among those with [OII] ≥ 8e-17 erg/s/cm², QSOs among 0.5 < z < 2 and r < 22. Purity: the
 * fraction of ZWARN = 0 fits that are within 0.0033 (QSO: 0.01).
 */
import { redshiftFitter } from "../stdlib/redshift/index.js";
import { waveGrid } from "../stdlib/instrument/index.js";
import type { MockClassName } from "../stdlib/targets/mockClasses.js";
import { loadTemplates } from "../test/redshift/loadTemplates.js";
import { simulateTargets } from "../test/redshift/simulateCoadd.js";

const perClass = Number(process.argv[2] ?? 300);
const fitter = redshiftFitter(
  loadTemplates(),
  ["b", "r", "z"].map((b) => waveGrid(b)),
);
const classes: [string, MockClassName, (t: { row: { OIIFLUX: number; TRUEZ: number }; object: { r: number } }) => boolean, number][] = [
  ["LRG", "LRG", () => true, 0.97],
  ["BGS", "BGS_BRIGHT", () => true, 0.95],
  ["BGS faint", "BGS_FAINT", () => true, 0.95],
  ["ELG [OII]>=8e-17", "ELG", (t) => t.row.OIIFLUX >= 8e-17, 0.9],
  ["QSO 0.5<z<2 r<22", "QSO", (t) => t.row.TRUEZ > 0.5 && t.row.TRUEZ < 2 && t.object.r < 22, 0.95],
  ["STAR", "MWS_MAIN", () => true, 0],
];
console.log("class               n    success  goal   purity(ZWARN=0)  s/target");
for (const [name, cls, sel, goal] of classes) {
  const t0 = performance.now();
  const targets = simulateTargets(cls, perClass, "accuracy").filter(sel);
  const t1 = performance.now();
  let ok = 0;
  let good = 0;
  let goodRight = 0;
  for (const t of targets) {
    const r = fitter.fit(t.spectra);
    const tol = cls === "QSO" ? 0.01 : 0.0033;
    const dz = Math.abs(r.z - t.row.TRUEZ) / (1 + t.row.TRUEZ);
    const right = dz < 0.0033 && (cls !== "MWS_MAIN" || r.spectype === "STAR");
    if (right && r.zwarn === 0) ok++;
    if (r.zwarn === 0) {
      good++;
      if (dz < tol) goodRight++;
    }
  }
  const dt = (performance.now() - t1) / 1000 / Math.max(1, targets.length);
  void t0;
  console.log(
    `${name.padEnd(18)} ${String(targets.length).padStart(4)}  ${((100 * ok) / Math.max(1, targets.length)).toFixed(1).padStart(6)} %  ${goal > 0 ? (100 * goal).toFixed(0) + " %" : "  - "}  ${((100 * goodRight) / Math.max(1, good)).toFixed(1).padStart(6)} %        ${dt.toFixed(3)}`,
  );
}
console.log(`phases (s, all targets): scan ${fitter.times.scan.toFixed(1)}, fine ${fitter.times.fine.toFixed(1)}`);
