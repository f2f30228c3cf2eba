/**
 * Exactness of the fast fitter against the test-only brute-force reference (one exact solve per
 * redshift of every grid), on simulated coadds of every class drawn on the stream `exactness`:
 *
 *   node scripts/run.mjs scripts/redshiftExactness.ts [targets=500]
 *
 * A target agrees when Z is within max(1e-5 (1+z), ZERR/10), ZWARN is equal and DELTACHI2 is
 * within 1 % or 0.5; the goal is ≥ 99.5 % of targets. Prints every disagreement.
 */
import { redshiftFitter } from "../stdlib/redshift/index.js";
import { waveGrid } from "../stdlib/instrument/index.js";
import type { MockClassName } from "../stdlib/targets/mockClasses.js";
import { agrees, bruteForceFit } from "../test/redshift/bruteForce.js";
import { loadTemplates } from "../test/redshift/loadTemplates.js";
import { simulateTargets } from "../test/redshift/simulateCoadd.js";

const total = Number(process.argv[2] ?? 500);
const templates = loadTemplates();
const fitter = redshiftFitter(
  templates,
  ["b", "r", "z"].map((b) => waveGrid(b)),
);
const mix: [MockClassName, number][] = [
  ["ELG", 0.3],
  ["LRG", 0.2],
  ["BGS_BRIGHT", 0.15],
  ["BGS_FAINT", 0.05],
  ["QSO", 0.2],
  ["MWS_MAIN", 0.1],
];
let n = 0;
let ok = 0;
for (const [cls, frac] of mix) {
  for (const t of simulateTargets(cls, Math.max(1, Math.round(frac * total)), "exactness")) {
    const fast = fitter.fit(t.spectra);
    const ref = bruteForceFit(templates, t.spectra);
    n++;
    if (agrees(fast, ref)) ok++;
    else
      console.log(
        `DIFF ${cls} true z ${t.row.TRUEZ.toFixed(5)}: fast z ${fast.z.toFixed(6)} zwarn ${fast.zwarn} dchi2 ${fast.deltachi2.toFixed(2)} ${fast.spectype} | ref z ${ref.z.toFixed(6)} zerr ${ref.zerr.toExponential(2)} zwarn ${ref.zwarn} dchi2 ${ref.deltachi2.toFixed(2)} ${ref.spectype}`,
      );
  }
  console.log(`after ${cls}: ${ok}/${n} agree`);
}
console.log(`exactness: ${ok}/${n} = ${((100 * ok) / n).toFixed(2)} % agree (goal ≥ 99.5 %)`);
