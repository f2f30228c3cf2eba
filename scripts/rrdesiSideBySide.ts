/**
 * Side by side with DESI's redrock on the same coadd files (run through scripts/compare-rrdesi.sh,
 * which checks the checkouts first):
 *
 *   node scripts/run.mjs scripts/rrdesiSideBySide.ts DESIHUB_DIR OUT [perClass=20]
 *
 * DESIHUB_DIR holds checkouts of desihub/redrock, redrock-templates, desispec, desiutil and
 * desitarget; rrdesi runs on Debian's /usr/bin/python3 (numpy, scipy, astropy, numba, h5py,
 * fitsio, yaml). Per class (LRG, BGS bright, ELG, QSO, MWS star) `perClass` targets are simulated
 * at 1000 s under nominal dark conditions (stream `rrdesi-side-by-side`, never used in training),
 * written as one Coadd file per class by dflow's FITS codec, then fitted three ways on the same
 * files: `rrdesi --mp 1` with redrock's templates, our fitter with our trained templates, and our
 * fitter with redrock's templates (readTemplateFits). Where redrock-templates lacks a file (its
 * GALAXY basis is stored out of git), our GALAXY file stands in for it in both runs with redrock's
 * templates, and the table says so. Success: |Δz|/(1 + z) < 0.0033 and ZWARN = 0 (stars also
 * SPECTYPE STAR). Speed: targets per CPU-minute (user + system time, so other load on the machine
 * does not count): ours the fits; rrdesi its whole run under /usr/bin/time, and that run less a
 * one-target run's CPU (Python start, imports, templates, numba compilation) as its fit.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { waveGrid } from "../stdlib/instrument/index.js";
import { readFits, type TableHdu } from "../stdlib/io/fits/index.js";
import { fitSpectraSet, readCoadd, readTemplateFits, redshiftFitter, type Template } from "../stdlib/redshift/index.js";
import type { MockClassName } from "../stdlib/targets/mockClasses.js";
import { writeProduct } from "../src/runtime/codecs/index.js";
import { productType } from "../test/runtime/codecs/productTypes.js";
import { buildCoadd } from "../test/redshift/kernelFixtures.js";
import { loadTemplates, TEMPLATE_DIR } from "../test/redshift/loadTemplates.js";
import { simulateTargets, type SimTarget } from "../test/redshift/simulateCoadd.js";

const [desihub, out, perClassArg] = process.argv.slice(2);
if (desihub === undefined || out === undefined) {
  console.error("usage: node scripts/run.mjs scripts/rrdesiSideBySide.ts DESIHUB_DIR OUT [perClass=20]");
  process.exit(2);
}
const perClass = Number(perClassArg ?? 20);
const PY = "/usr/bin/python3";
const CLASSES: [string, MockClassName][] = [
  ["LRG", "LRG"],
  ["BGS", "BGS_BRIGHT"],
  ["ELG", "ELG"],
  ["QSO", "QSO"],
  ["STAR", "MWS_MAIN"],
];
mkdirSync(out, { recursive: true });

/** redrock's default template set, with our GALAXY where redrock's file is absent; the absent files are listed. */
function redrockTemplateDir(): { dir: string; standIns: string[] } {
  const src = path.join(desihub!, "redrock-templates");
  const dir = path.join(out!, "rrtemplates");
  mkdirSync(dir, { recursive: true });
  const names = readFileSync(path.join(src, "templates-default.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const used: string[] = [];
  const standIns: string[] = [];
  for (const name of names) {
    const file = path.join(src, name);
    const ok = existsSync(file) && readFileSync(file).subarray(0, 6).toString() === "SIMPLE";
    const target = ok ? file : path.join(TEMPLATE_DIR, `rrtemplate-${name.split("-")[1]}.fits`);
    if (!ok) standIns.push(`${name} (absent) → ours ${path.basename(target)}`);
    const link = path.join(dir, ok ? name : path.basename(target));
    if (!existsSync(link)) symlinkSync(path.resolve(target), link);
    used.push(path.basename(link));
  }
  writeFileSync(path.join(dir, "templates-default.txt"), used.join("\n") + "\n");
  return { dir, standIns };
}

interface Outcome {
  readonly z: number;
  readonly zwarn: number;
  readonly spectype: string;
}
function success(t: SimTarget, o: Outcome, cls: string): boolean {
  const z = t.row.TRUEZ;
  return Math.abs(o.z - z) / (1 + z) < 0.0033 && o.zwarn === 0 && (cls !== "STAR" || o.spectype.trim() === "STAR");
}

const { dir: rrDir, standIns } = redrockTemplateDir();
const rrTemplates: Template[] = readFileSync(path.join(rrDir, "templates-default.txt"), "utf8")
  .trim()
  .split("\n")
  .map((f) => readTemplateFits(path.join(rrDir, f), f));
const waves = ["b", "r", "z"].map((b) => waveGrid(b));
const fitters = { ours: redshiftFitter(loadTemplates(), waves), oursRR: redshiftFitter(rrTemplates, waves) };
const coaddType = await productType("Coadd");

/** Runs rrdesi --mp 1 under /usr/bin/time: exit status, CPU seconds (user + system) and its log. */
function rrdesi(input: string, output: string): { status: number | null; cpu: number; log: string } {
  const args = ["-f", "RRDESI_CPU %U %S", PY, path.join(desihub!, "redrock", "bin", "rrdesi"), "-i", input, "-o", output, "--mp", "1", "-t", rrDir];
  const r = spawnSync("/usr/bin/time", args, { env, encoding: "utf8", maxBuffer: 1 << 28 });
  const log = r.stdout + r.stderr;
  const m = /RRDESI_CPU ([0-9.]+) ([0-9.]+)/.exec(log);
  return { status: r.status, cpu: m === null ? NaN : Number(m[1]) + Number(m[2]), log };
}

const env = {
  ...process.env,
  PYTHONPATH: ["redrock", "desispec", "desiutil", "desitarget"].map((r) => path.join(desihub, r, "py")).join(":"),
  OMP_NUM_THREADS: "1",
  MKL_NUM_THREADS: "1",
  OPENBLAS_NUM_THREADS: "1",
  NUMBA_NUM_THREADS: "1",
};
// rrdesi's fixed cost, measured on a coadd of one target.
const one = simulateTargets("LRG", 1, "rrdesi-side-by-side-overhead");
const oneFile = path.join(out, "coadd-one-target.fits");
writeProduct(coaddType, await buildCoadd([{ targetid: (1n << 58n) | 999999n, sim: one[0]! }], 26999), oneFile);
const overhead = rrdesi(oneFile, path.join(out, "redrock-one-target.fits"));
console.log(`rrdesi on one target: exit ${overhead.status}, ${overhead.cpu.toFixed(1)} CPU s (its fixed cost, subtracted below)`);
const rows: string[] = [];
const totals = { n: 0, nfit: 0, rr: 0, rrWall: 0, ours: 0, oursRR: 0 };
let readsUnchanged = true;
for (const [i, [cls, mock]] of CLASSES.entries()) {
  const targets = simulateTargets(mock, perClass, "rrdesi-side-by-side");
  const coadd = await buildCoadd(
    targets.map((t, k) => ({ targetid: (1n << 58n) | (BigInt(i) << 16n) | BigInt(k), sim: t })),
    27000 + i,
  );
  const file = path.join(out, `coadd-main-dark-${27000 + i}.fits`);
  writeProduct(coaddType, coadd, file);
  const set = readCoadd(file);
  const ours: Record<string, { ok: number; seconds: number }> = {};
  for (const [name, fitter] of Object.entries(fitters)) {
    const c0 = process.cpuUsage();
    const r = fitSpectraSet(set, fitter);
    const c1 = process.cpuUsage(c0);
    const seconds = (c1.user + c1.system) / 1e6;
    const ok = targets.filter((t, k) => success(t, { z: r.Z[k]!, zwarn: r.ZWARN[k]!, spectype: r.SPECTYPE[k]! }, cls)).length;
    ours[name] = { ok, seconds };
  }
  const rrOut = path.join(out, `redrock-main-dark-${27000 + i}.fits`);
  const run = rrdesi(file, rrOut);
  if (run.status !== 0 || !existsSync(rrOut)) {
    readsUnchanged = false;
    console.log(`rrdesi failed on ${file} (exit ${run.status}):\n${run.log.split("\n").slice(-25).join("\n")}`);
    continue;
  }
  // rrdesi's CPU beyond a one-target run's (Python start, imports, template reading, numba compilation, one fit): n − 1 fits.
  const compute = run.cpu - overhead.cpu;
  const wall = run.cpu;
  const rs = readFits(rrOut).find((h) => h.name === "REDSHIFTS") as TableHdu;
  const col = (n: string): ArrayLike<unknown> => rs.columns.find((c) => c.name === n)!.data;
  const ids = col("TARGETID") as BigInt64Array;
  if (ids.length !== targets.length) {
    readsUnchanged = false;
    console.log(`rrdesi wrote ${ids.length} REDSHIFTS rows for ${targets.length} targets of ${file}`);
  }
  const byId = new Map<bigint, number>(Array.from(ids, (id, k) => [id, k]));
  const rrOk = targets.filter((t, k) => {
    const j = byId.get((1n << 58n) | (BigInt(i) << 16n) | BigInt(k));
    return j !== undefined && success(t, { z: Number(col("Z")[j]), zwarn: Number(col("ZWARN")[j]), spectype: String(col("SPECTYPE")[j]) }, cls);
  }).length;
  const n = targets.length;
  const pct = (k: number): string => `${((100 * k) / n).toFixed(1)} %`.padStart(8);
  const rate = (s: number, k = n): string => (Number.isFinite(s) && s > 0 ? ((60 * k) / s).toFixed(1) : "?").padStart(8);
  rows.push(
    `${cls.padEnd(5)} ${String(n).padStart(4)} ${pct(rrOk)} ${pct(ours["ours"]!.ok)} ${pct(ours["oursRR"]!.ok)}   ${rate(compute, n - 1)} ${rate(wall)} ${rate(ours["ours"]!.seconds)} ${rate(ours["oursRR"]!.seconds)}`,
  );
  totals.n += n;
  totals.nfit += n - 1;
  totals.rr += compute;
  totals.rrWall += wall;
  totals.ours += ours["ours"]!.seconds;
  totals.oursRR += ours["oursRR"]!.seconds;
  console.log(rows[rows.length - 1]);
}
console.log(`\nrrdesi read our coadd files unchanged: ${readsUnchanged ? "yes (every file, exit 0, one REDSHIFTS row per target)" : "NO (see above)"}`);
console.log(
  standIns.length > 0
    ? `redrock templates absent from the redrock-templates checkout, stood in by ours in both runs with redrock's templates: ${standIns.join("; ")}`
    : "redrock's templates: all present",
);
console.log("\nclass    n   success: rrdesi   ours  ours+RRtpl   targets per CPU-minute: rrdesi(fit) rrdesi(run)  ours  ours+RRtpl");
for (const r of rows) console.log(r);
const all = (s: number, k = totals.n): string => ((60 * k) / s).toFixed(1).padStart(8);
console.log(
  `all   ${String(totals.n).padStart(4)}                               ${all(totals.rr, totals.nfit)} ${all(totals.rrWall)} ${all(totals.ours)} ${all(totals.oursRR)}`,
);
