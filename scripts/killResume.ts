/**
 * kill -9 and resume over the default run of pipelines/twopct.dflow (`dflow run
 * pipelines/twopct.dflow`, its default profile, or the profile given): an uninterrupted run, then,
 * in one output root, a run per kill moment, each resuming what the kills before it left, whose
 * whole process group (the run and every task process it forked) gets SIGKILL once the given
 * fraction of the uninterrupted run's tasks is done and a task is running, and a last rerun to
 * the end. Per kill it prints the tasks done before it, the kill time, the tasks running, the
 * temporary files it left and any partial product (a product's name holding other bytes than
 * the uninterrupted run's); then the rerun's time and tasks, and whether the redshift catalogue
 * and every other product are byte-identical to the uninterrupted run's. Exits 1 when any is not.
 * The working directory is taken for the repository (dist/dflow.js, pipelines/): run it from a
 * copy of dist/, stdlib/ and pipelines/ (node_modules linked) to keep a rebuild from the runs.
 *
 *   npm run build && nice -n 10 node scripts/run.mjs scripts/killResume.ts [FRACTIONS=0.25,0.5,0.75] [JOBS=2] [PROFILE]
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { productProblems, runGroupKilledWhen, runToEnd, stateRecords, TreeHasher } from "../test/helpers/killResume.js";

const fractions = (process.argv[2] ?? "0.25,0.5,0.75").split(",").map(Number);
const jobs = process.argv[3] ?? "2";
const profile = process.argv[4];
const CATALOGUE = "zcatalog/zpix-main-dark.fits";
const args = (out: string): string[] => ["run", "pipelines/twopct.dflow", ...(profile !== undefined ? ["--profile", profile] : []), "--out", out, "-j", jobs];

const base = mkdtempSync(path.join(os.tmpdir(), "dflow-killresume-"));
const hasher = new TreeHasher();
const t0 = Date.now();
let problems = 0;
try {
  const reference = path.join(base, "reference");
  const whole = runToEnd(args(reference));
  if (whole.code !== 0) throw new Error(`the uninterrupted run failed:\n${whole.stderr}`);
  const want = hasher.scan(reference).products;
  const catalogue = want.get(CATALOGUE);
  // Its hashes are kept, not its bytes (gigabytes).
  rmSync(reference, { recursive: true, force: true });
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(
    `uninterrupted: dflow ${args("OUT").join(" ")}: ${whole.ran} tasks, ${want.size} products, ${whole.seconds.toFixed(1)} s; catalogue ${CATALOGUE} ${catalogue !== undefined ? `sha256 ${catalogue.slice(0, 16)}…` : "MISSING"}`,
  );
  if (catalogue === undefined) problems++;
  // The kill moments, in one output root: each run resumes what the runs killed before it left.
  const out = path.join(base, "killed");
  console.log("tasks done at the kill | kill at s (of that run) | tasks running | temporaries left | partial products");
  for (const f of [...fractions].sort((a, b) => a - b)) {
    const k = await runGroupKilledWhen(args(out), () => stateRecords(out) >= f * whole.ran);
    const done = stateRecords(out);
    const left = hasher.scan(out);
    const partial = productProblems(want, left.products, false);
    problems += (k.killed ? 0 : 1) + k.survivors + partial.length;
    console.log(
      [
        `${done}/${whole.ran} (>= ${f})`,
        k.killed ? k.killSeconds.toFixed(1) : `not killed (ended after ${k.seconds.toFixed(1)} s)`,
        k.busyTasks,
        left.temporaries.length,
        partial.length,
      ].join(" | "),
    );
    for (const p of partial.slice(0, 10)) console.log(`  ${p}`);
    if (k.survivors > 0) console.log(`  ${k.survivors} processes of the killed group still alive 10 s after the kill`);
  }
  const rerun = runToEnd(args(out));
  const tree = hasher.scan(out);
  const wrong = productProblems(want, tree.products, true);
  const catalogueEqual = catalogue !== undefined && tree.products.get(CATALOGUE) === catalogue;
  problems += (rerun.code !== 0 ? 1 : 0) + tree.temporaries.length + wrong.length + (catalogueEqual ? 0 : 1);
  console.log(
    `rerun to the end: exit ${rerun.code}, ${rerun.seconds.toFixed(1)} s, ${rerun.ran} tasks run, ${rerun.upToDate} up to date; catalogue byte-identical: ${catalogueEqual ? "yes" : "NO"}; ` +
      `all ${want.size} products byte-identical, no temporary file: ${wrong.length === 0 && tree.temporaries.length === 0 ? "yes" : `NO (${wrong.length + tree.temporaries.length})`}`,
  );
  for (const p of [...wrong, ...tree.temporaries.map((t) => `${t}: temporary file left after the rerun`)].slice(0, 10)) console.log(`  ${p}`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
console.log(`${fractions.length} kill moments, ${problems} problems, ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
process.exitCode = problems > 0 ? 1 : 0;
