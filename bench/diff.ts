/**
 * `dflow diff` benchmark: the whole process, warm (the kernel index cached by a first run), on
 *
 *   twopct  pipelines/twopct.dflow at the twopct profile, its survey simulated under --out
 *           (`dflow run … --only surveysim`), against a copy whose stage `sky` sets a param:
 *           37,980 sky tasks and everything downstream go stale (target ≤ 2 s);
 *   peers   the planning peers' shape at N exposures (bench/peers/genPeersDflow.ts: 121.5 N + 1
 *           tasks, 1.2 M at N = 10,000), against a copy whose `sky` product moved (a partition
 *           change: sky, calibrate, coadd, redshift and zcatalog go stale) (target ≤ 10 s).
 *
 *   npm run build && node scripts/run.mjs bench/diff.ts [--n N] [--runs R] [--work DIR]
 *
 * Prints each run's wall time, the median of R runs (default 3) of the wall time and of the CPU
 * time (user + system with children, from GNU time), the machine's load average before and
 * after, and the stale figures dflow reported.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writePeersPipeline } from "./peers/genPeersDflow.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
};
const N = Number(opt("--n", "10000"));
const RUNS = Number(opt("--runs", "3"));
const WORK = opt("--work", mkdtempSync(path.join(os.tmpdir(), "dflow-bench-diff-")));
const DFLOW = path.resolve("dist/dflow.js");

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Runs dflow; wall time around the process, and its CPU time (user + system, with its children) from GNU time when there is one. */
function dflow(argv: readonly string[]): { ms: number; cpu: number | undefined; stdout: string; code: number } {
  const cmd = TIME !== undefined ? TIME : process.execPath;
  const full = TIME !== undefined ? ["-f", "cpu %U %S", process.execPath, DFLOW, ...argv] : [DFLOW, ...argv];
  const t0 = performance.now();
  const r = spawnSync(cmd, full, { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`dflow ${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ms, cpu: m !== null ? Number(m[1]) + Number(m[2]) : undefined, stdout: r.stdout, code: r.status };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

function bench(name: string, argv: readonly string[], target: number): void {
  const loadBefore = load();
  const warm = dflow([...argv, "--format", "json"]);
  const doc = JSON.parse(warm.stdout) as {
    stale: { total: { stale: number; jobs: number; coreHours: number } };
    breaking: number;
    dangerous: number;
    safe: number;
  };
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = dflow(argv);
    times.push(r.ms / 1000);
    if (r.cpu !== undefined) cpus.push(r.cpu);
  }
  const m = median(times);
  const cpu = cpus.length > 0 ? `, CPU median ${median(cpus).toFixed(2)} s` : "";
  console.log(
    `${name}: runs ${times.map((t) => t.toFixed(2)).join(" ")} s, median ${m.toFixed(2)} s${cpu} (target ≤ ${target} s: ${m <= target ? "met" : "NOT met"}); ` +
      `load ${loadBefore} → ${load()}; ${doc.stale.total.stale} tasks stale, ${doc.stale.total.jobs} jobs, ${doc.stale.total.coreHours.toFixed(2)} core-h; ` +
      `${doc.breaking} breaking, ${doc.dangerous} dangerous, ${doc.safe} safe`,
  );
}

console.log(`dflow diff benchmark on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; work ${WORK}`);

// twopct: the survey simulated, then the diff against a copy with one stage param.
const twopct = path.resolve("pipelines/twopct.dflow");
const tpOut = path.join(WORK, "twopct-out");
execFileSync(process.execPath, [DFLOW, "run", twopct, "--profile", "twopct", "--only", "surveysim", "--out", tpOut], { stdio: "ignore" });
const tpHead = path.join(WORK, "twopct-head.dflow");
writeFileSync(tpHead, readFileSync(twopct, "utf8").replace("  kernel calib.sky\n", "  kernel calib.sky\n  param nsig = 5\n"));
bench("twopct", ["diff", twopct, tpHead, "--profile", "twopct", "--out", tpOut], 2);

// peers: both versions beside each other, so that they read the same module and data.
const dir = path.join(WORK, `peers-${N}`);
const p = writePeersPipeline(N, dir);
const head = path.join(dir, "peers-head.dflow");
writeFileSync(head, readFileSync(p.dflow, "utf8").replace('/sky-{camera}{petal}-{exposure:08d}.fits"', '/sky/sky-{camera}{petal}-{exposure:08d}.fits"'));
if (readFileSync(head, "utf8") === readFileSync(p.dflow, "utf8")) throw new Error("the peers' head is not changed");
bench(`peers N=${N}`, ["diff", p.dflow, head, "--out", dir], 10);
