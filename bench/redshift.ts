/**
 * Redshift-fitting speed: targets per minute on one core for the stdlib fitter with
 * production-size bases (10 GALAXY, 4 + 4 QSO, 5 per STAR subtype: the trained templates) over
 * redrock's grids (1446 + 788 + 1046 + 7 × 101 trial redshifts), on simulated 1000 s coadds of a
 * mix of classes; median of 3 runs, with the split by phase (coarse scan, exact re-centring and
 * fine fits, output columns). Template preparation (per wavelength grid, once per job) is shown
 * apart. The peer figure is redrock 0.22 measured on this kind of machine with a 10-vector GALAXY
 * basis (≈ 30 targets per minute per core, `rrdesi --mp 1`); it is not re-measured here because
 * redrock is not installed.
 *
 *   node scripts/run.mjs bench/redshift.ts [targets=60]
 */
import { redshiftFitter, type RedshiftResult } from "../stdlib/redshift/index.js";
import { waveGrid } from "../stdlib/instrument/index.js";
import type { MockClassName } from "../stdlib/targets/mockClasses.js";
import { loadTemplates } from "../test/redshift/loadTemplates.js";
import { simulateTargets, type SimTarget } from "../test/redshift/simulateCoadd.js";

const REDROCK_PER_MIN_PER_CORE = 30;
const total = Number(process.argv[2] ?? 60);
const mix: [MockClassName, number][] = [
  ["ELG", 0.35],
  ["LRG", 0.2],
  ["BGS_BRIGHT", 0.15],
  ["QSO", 0.15],
  ["MWS_MAIN", 0.15],
];
const targets: SimTarget[] = mix.flatMap(([cls, f]) => simulateTargets(cls, Math.max(1, Math.round(f * total)), "bench"));
const templates = loadTemplates();
const waves = ["b", "r", "z"].map((b) => waveGrid(b));

let t0 = performance.now();
redshiftFitter(templates, waves);
const setup = (performance.now() - t0) / 1000;

/** The REDSHIFTS columns of the results (what a redrock file's first table holds). */
function columns(rs: readonly RedshiftResult[]) {
  const n = rs.length;
  const ncoeff = rs[0]!.coeff.length;
  const out = {
    Z: new Float64Array(n),
    ZERR: new Float32Array(n),
    ZWARN: new Int32Array(n),
    CHI2: new Float32Array(n),
    COEFF: new Float32Array(n * ncoeff),
    SPECTYPE: [] as string[],
    SUBTYPE: [] as string[],
    NPIXELS: new Int32Array(n),
    NCOEFF: new Int16Array(n),
    DELTACHI2: new Float32Array(n),
  };
  rs.forEach((r, i) => {
    out.Z[i] = r.z;
    out.ZERR[i] = r.zerr;
    out.ZWARN[i] = r.zwarn;
    out.CHI2[i] = r.chi2;
    out.COEFF.set(r.coeff, i * ncoeff);
    out.SPECTYPE.push(r.spectype);
    out.SUBTYPE.push(r.subtype);
    out.NPIXELS[i] = r.npixels;
    out.NCOEFF[i] = r.ncoeff;
    out.DELTACHI2[i] = r.deltachi2;
  });
  return out;
}

const runs: { rate: number; cpuRate: number; scan: number; fine: number; output: number; total: number }[] = [];
for (let run = 0; run < 3; run++) {
  const fitter = redshiftFitter(templates, waves);
  const c0 = process.cpuUsage();
  t0 = performance.now();
  const solves = new Map<string, number>();
  const results = targets.map((t) => {
    const s0 = fitter.times.solves;
    const r = fitter.fit(t.spectra);
    solves.set(t.cls, (solves.get(t.cls) ?? 0) + fitter.times.solves - s0);
    return r;
  });
  if (run === 0) {
    const count = (cls: string) => targets.filter((t) => t.cls === cls).length;
    console.log(`exact solves per target: ${[...solves].map(([cls, n]) => `${cls} ${(n / count(cls)).toFixed(0)}`).join(", ")}`);
  }
  const t1 = performance.now();
  columns(results);
  const t2 = performance.now();
  const totalS = (t2 - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  runs.push({
    rate: (60 * targets.length) / totalS,
    cpuRate: (60 * targets.length) / cpuS,
    scan: fitter.times.scan,
    fine: fitter.times.fine,
    output: (t2 - t1) / 1000,
    total: totalS,
  });
  console.log(
    `run ${run + 1}: ${targets.length} targets in ${totalS.toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU = ${runs[run]!.rate.toFixed(1)} targets/min wall, ${runs[run]!.cpuRate.toFixed(1)} per CPU-minute`,
  );
}
const med = [...runs].sort((a, b) => a.rate - b.rate)[1]!;
const per = (s: number) => ((1000 * s) / targets.length).toFixed(1);
console.log(`template preparation (once per wavelength grid): ${setup.toFixed(2)} s`);
const medCpu = [...runs].sort((a, b) => a.cpuRate - b.cpuRate)[1]!.cpuRate;
console.log(
  `median of 3: ${med.rate.toFixed(1)} targets/min wall on one thread, ${medCpu.toFixed(1)} targets per CPU-minute (goal ≥ 300 per core); wall ms per target: scan ${per(med.scan)}, fine fit ${per(med.fine)}, output ${per(med.output)}`,
);
console.log(
  `ratio to redrock's ≈ ${REDROCK_PER_MIN_PER_CORE} targets/min/core (earlier measurement, not this run): ${(medCpu / REDROCK_PER_MIN_PER_CORE).toFixed(1)}× per CPU-minute`,
);
