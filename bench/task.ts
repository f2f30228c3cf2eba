/**
 * `dflow task` benchmark: emits the plan of the peers' shape (test/fixtures/peers/shape.py) at N
 * exposures (121.5 N + 1 tasks), then times `dflow task` on a few task ids, whole process, and
 * measures what it reads: the plan file's bytes (counted by dflow itself under
 * DFLOW_PLAN_STATS) and every byte the process read (`rchar` of /proc, which includes Node and
 * dflow's own bundle: `dflow --version` is printed as the baseline).
 *
 *   npm run build && node scripts/run.mjs bench/task.ts [N] [--runs R]
 *
 * A frame task runs (its input is one of the empty leaf files); the others stop at their first
 * missing input, after their record is read and their inputs listed, which is what is measured.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writePeersPipeline } from "./peers/genPeersDflow.js";
import { expectedJobs } from "./peers/peersShape.js";

const REPO = process.cwd();
const DFLOW = path.join(REPO, "dist", "dflow.js");

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const n = Number(args.find((a, i) => !a.startsWith("--") && (runsAt < 0 || i !== runsAt + 1)) ?? 10000);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `node dflow.js …args` in a shell that prints its own `rchar` afterwards (a waited-for child's I/O is added to its parent's). */
function measured(dflowArgs: readonly string[]): { s: number; rchar: number; planBytes: number; status: number; out: string } {
  const quoted = [process.execPath, DFLOW, ...dflowArgs].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const t = process.hrtime.bigint();
  const r = spawnSync("/bin/sh", ["-c", `${quoted}; s=$?; grep '^rchar' /proc/$$/io; exit $s`], {
    encoding: "utf8",
    env: { ...process.env, DFLOW_PLAN_STATS: "1" },
  });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  return {
    s,
    rchar: Number(/rchar: (\d+)/.exec(r.stdout)?.[1] ?? NaN),
    planBytes: Number(/plan file: (\d+) bytes read/.exec(r.stderr)?.[1] ?? 0),
    status: r.status ?? -1,
    out: r.stderr.trim().split("\n")[0] ?? "",
  };
}

function duBytes(p: string): number {
  const st = statSync(p);
  return st.isDirectory() ? readdirSync(p).reduce((a, f) => a + duBytes(path.join(p, f)), 0) : st.size;
}

const work = mkdtempSync(path.join(os.tmpdir(), `dflow-bench-task-${n}-`));
const pipe = writePeersPipeline(n, path.join(work, "dflow"));
const plan = path.join(work, "plan");
const t0 = process.hrtime.bigint();
const e = spawnSync(process.execPath, [DFLOW, "emit", "plan", pipe.dflow, "--emit-dir", plan, "--out", path.join(work, "dflow")], { encoding: "utf8" });
if (e.status !== 0) throw new Error(`emit plan failed: ${e.stderr}`);
const emitS = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  `# machine: ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
console.log(
  `# N = ${n}: ${expectedJobs(n).toLocaleString("en-US")} tasks; emit plan ${emitS.toFixed(1)} s, plan file ${(duBytes(plan) / 2 ** 20).toFixed(1)} MiB`,
);
const ids = [
  "frame[exposure=0,camera=b,petal=0]",
  `frame[exposure=${n - 1},camera=z,petal=9]`,
  `calibrate[exposure=${Math.floor(n / 2)},camera=r,petal=5]`,
  "calibrate:123456",
  "stdstars[night=20200101]",
  "coadd[pixel=17]",
  "zcatalog",
];
// Warm-up: the first run transpiles the kernel module into its cache.
measured(["task", plan, ids[0]!]);
const base: number[][] = [[], []];
for (let r = 0; r < runs; r++) {
  const b = measured(["--version"]);
  base[0]!.push(b.s);
  base[1]!.push(b.rchar);
}
console.log(`# baseline \`dflow --version\`: ${median(base[0]!).toFixed(2)} s, rchar ${(median(base[1]!) / 1e6).toFixed(2)} MB`);
console.log("| task | outcome | whole process | plan file bytes read | rchar (all reads) | rchar − baseline |");
console.log("|---|---|---:|---:|---:|---:|");
for (const id of ids) {
  const xs: ReturnType<typeof measured>[] = [];
  for (let r = 0; r < runs; r++) {
    // A task that ran is up to date the next time: its outputs are removed so each run does the same work.
    rmSync(path.join(work, "dflow", "out"), { recursive: true, force: true });
    rmSync(path.join(work, "dflow", ".dflow"), { recursive: true, force: true });
    xs.push(measured(["task", plan, id]));
  }
  const m = xs.sort((a, b) => a.s - b.s)[Math.floor(xs.length / 2)]!;
  console.log(
    `| \`${id}\` | ${m.out.replace(/\|/g, "\\|").slice(0, 80)} | ${m.s.toFixed(2)} s | ${(m.planBytes / 1e3).toFixed(0)} kB | ${(m.rchar / 1e6).toFixed(2)} MB | ${((m.rchar - median(base[1]!)) / 1e3).toFixed(0)} kB |`,
  );
}
rmSync(work, { recursive: true, force: true });
