/**
 * SIGKILL and resume over `pipelines/twopct.dflow` (a profile, `mini` by default): N seeded kill
 * moments, in chains (each chain a fresh output root, each kill into a run resuming what the
 * kills before it left, then a run to the end). After every kill: no product whose bytes differ
 * from an uninterrupted run's (no partial product), and none of the temporary files the previous
 * kill left (the run removed them before its tasks started). At the end of each chain: no
 * temporary file at all, and every product byte-identical to the uninterrupted run's. Then, on
 * the uninterrupted run's root, a truncated, a zeroed and an in-place changed product (size and
 * time kept): a rerun repairs the first two, `run --verify` the third.
 *
 *   npm run build && nice -n 10 node scripts/run.mjs bench/killResume.ts [MOMENTS=20] [CHAINS=4] [PROFILE=mini] [JOBS=2]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { productProblems, runKilledAt, runToEnd, seededMoments, TreeHasher } from "../test/helpers/killResume.js";

const moments = Number(process.argv[2] ?? 20);
const chains = Number(process.argv[3] ?? 4);
const profile = process.argv[4] ?? "mini";
const jobs = process.argv[5] ?? "2";
const args = (out: string): string[] => ["run", "pipelines/twopct.dflow", "--profile", profile, "--out", out, "-j", jobs];

const hasher = new TreeHasher();
const t0 = Date.now();
const reference = mkdtempSync(path.join(os.tmpdir(), "dflow-killbench-ref-"));
const whole = runToEnd(args(reference));
if (whole.code !== 0) throw new Error(`the uninterrupted run failed:\n${whole.stderr}`);
const want = hasher.scan(reference).products;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`uninterrupted run: ${whole.ran} tasks, ${want.size} products, ${whole.seconds.toFixed(1)} s (-j ${jobs}, profile ${profile})`);

// Kill moments as fractions of the uninterrupted run's length, from 1.5 s (after planning starts).
const fractions = seededMoments(20261207, moments, 0, 1000).map((x) => x / 1000);
let problems = 0;
let kills = 0;
let leftTotal = 0;
let leftMax = 0;
const perChain = Math.ceil(moments / chains);
for (let c = 0; c * perChain < moments; c++) {
  const out = mkdtempSync(path.join(os.tmpdir(), "dflow-killbench-"));
  let left: string[] = [];
  // What is left of the work, in seconds of the uninterrupted run, as this chain's runs are killed.
  let remaining = whole.seconds;
  for (const f of fractions.slice(c * perChain, (c + 1) * perChain)) {
    const ms = Math.round(1500 + f * Math.max(500, remaining * 1000 * 0.9 - 1500));
    const k = await runKilledAt(args(out), ms);
    if (k.killed) kills++;
    const tree = hasher.scan(out);
    const stayed = left.filter((t) => tree.temporaries.includes(t));
    const partial = productProblems(want, tree.products, false);
    problems += stayed.length + partial.length;
    leftTotal += tree.temporaries.length;
    leftMax = Math.max(leftMax, tree.temporaries.length);
    console.log(
      `chain ${c + 1} kill at ${String(ms).padStart(6)} ms: ${k.killed ? "killed" : `ended first (exit ${k.code})`}, ${tree.products.size}/${want.size} products, ${tree.temporaries.length} temporary files left, ${stayed.length} of the previous kill's still there, ${partial.length} partial or wrong products`,
    );
    for (const p of [...stayed.map((t) => `${t}: left by the previous kill, not removed`), ...partial].slice(0, 5)) console.log(`  ${p}`);
    left = tree.temporaries;
    remaining = Math.max(2, (whole.seconds * (want.size - tree.products.size)) / want.size);
  }
  const last = runToEnd(args(out));
  const tree = hasher.scan(out);
  const wrong = productProblems(want, tree.products, true);
  problems += (last.code !== 0 ? 1 : 0) + tree.temporaries.length + wrong.length;
  console.log(
    `chain ${c + 1} rerun to the end: exit ${last.code}, ${last.ran} tasks run, ${last.upToDate} up to date, ${last.seconds.toFixed(1)} s; ${tree.temporaries.length} temporary files, ${wrong.length} products missing or not byte-identical`,
  );
  for (const p of [...tree.temporaries, ...wrong].slice(0, 5)) console.log(`  ${p}`);
  rmSync(out, { recursive: true, force: true });
}
// Damaged products on the uninterrupted run's root: a truncated fibermap and a zeroed truth
// table are rerun by their size and time; a frame changed in place with its size and time kept
// is found by --verify.
const pick = (re: RegExp): string =>
  path.join(
    reference,
    [...want.keys()].sort().find((f) => re.test(f))!,
  );
const fibermap = pick(/^fiberassign\/fibermap-.*\.fits$/);
truncateSync(fibermap, Math.floor(statSync(fibermap).size / 2));
const truth = pick(/^targets\/.*\/truth-.*\.fits$/);
writeFileSync(truth, Buffer.alloc(statSync(truth).size));
const frame = pick(/\/frame-.*\.fits$/);
execFileSync("touch", ["-r", frame, `${frame}.time`]);
const bytes = readFileSync(frame);
bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
writeFileSync(frame, bytes);
execFileSync("touch", ["-r", `${frame}.time`, frame]);
rmSync(`${frame}.time`);
const repaired = runToEnd(args(reference));
const afterRepair = productProblems(want, hasher.scan(reference).products, true);
const verified = runToEnd([...args(reference), "--verify"]);
const afterVerify = productProblems(want, hasher.scan(reference).products, true);
problems += (repaired.code !== 0 ? 1 : 0) + (verified.code !== 0 ? 1 : 0) + afterVerify.length + (afterRepair.length !== 1 ? 1 : 0);
console.log(
  `damaged products (${path.relative(reference, fibermap)} truncated, ${path.relative(reference, truth)} zeroed, ${path.relative(reference, frame)} changed with size and time kept): rerun ${repaired.ran} tasks run, ${repaired.upToDate} up to date, ${repaired.seconds.toFixed(1)} s, ${afterRepair.length} product(s) still differing; run --verify ${verified.ran} tasks run, ${verified.seconds.toFixed(1)} s, ${afterVerify.length} differing`,
);
rmSync(reference, { recursive: true, force: true });
console.log(
  `${moments} kill moments in ${perChain > 0 ? Math.ceil(moments / perChain) : 0} chains: ${kills} landed in a run, ${leftTotal} temporary files left by them (at most ${leftMax} at once), ${problems} problems; ${(hasher.bytes / 1e9).toFixed(1)} GB hashed, ${((Date.now() - t0) / 1000).toFixed(0)} s in all`,
);
process.exitCode = problems > 0 ? 1 : 0;
