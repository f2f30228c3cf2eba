/**
 * Emitting benchmark: `dflow emit slurm` (sites/large.yaml) and `dflow emit make` for the
 * peers' shape (test/fixtures/peers/shape.py) at N exposures (121.5 N + 1 tasks), beside the
 * peers' own Makefile generator (`gen_makefile.py`, the same graph as a Makefile) run in the
 * same script.
 *
 *   npm run build && node scripts/run.mjs bench/emit.ts [N…] [--runs R]
 *
 * Whole processes, every output missing; medians of R runs (default 3), rounds interleaved so
 * that machine noise falls on every tool. Prints the sizes written (the plan file, part of each
 * dflow emission, apart), each dflow process's peak RSS (GNU time), the ratios to the peer, and
 * the Slurm layout (arrays, elements, packing).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writePeersPipeline } from "./peers/genPeersDflow.js";
import { expectedJobs } from "./peers/peersShape.js";

const REPO = process.cwd();
const DFLOW = path.join(REPO, "dist", "dflow.js");
const PEERS = path.join(REPO, "test/fixtures/peers");

const GNU_TIME = ["/usr/bin/time", "/bin/time"].find((p) => spawnSync(p, ["-f", "%M", "true"]).status === 0);

/** Runs a process to completion: wall seconds, peak RSS in bytes (GNU time's `%M`, when there is one), its output. */
function timed(cmd: string, args: readonly string[], cwd = REPO): { s: number; rss: number; out: string } {
  const argv = GNU_TIME !== undefined ? [GNU_TIME, "-f", "dflow-bench-rss %M", cmd, ...args] : [cmd, ...args];
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr.slice(-2000)}`);
  const rss = Number(/dflow-bench-rss (\d+)/.exec(r.stderr)?.[1] ?? NaN) * 1024;
  return { s, rss, out: r.stderr + r.stdout };
}

function duBytes(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((a, f) => a + duBytes(path.join(p, f)), 0);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const sizes = args.filter((a, i) => !a.startsWith("--") && (runsAt < 0 || i !== runsAt + 1)).map(Number);
if (sizes.length === 0) sizes.push(1000, 10000);
const python = ["/usr/bin/python3", "python3"].find((p) => spawnSync(p, ["-c", "0"]).status === 0)!;

console.log(
  `# machine: ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
console.log(
  "| N | tasks | dflow emit make | dflow emit slurm | gen_makefile.py (peer) | make / peer | slurm / peer | peak RSS make, slurm | plan file | slurm layout |",
);
console.log("|---:|---:|---|---|---|---:|---:|---|---:|---|");
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
for (const n of sizes) {
  const work = mkdtempSync(path.join(os.tmpdir(), `dflow-bench-emit-${n}-`));
  const pipe = writePeersPipeline(n, path.join(work, "dflow"));
  const slurm: number[] = [];
  const make: number[] = [];
  const peer: number[] = [];
  let rssMake = 0;
  let rssSlurm = 0;
  let layout = "";
  for (let r = 0; r < runs; r++) {
    rmSync(path.join(work, "slurm"), { recursive: true, force: true });
    rmSync(path.join(work, "make"), { recursive: true, force: true });
    rmSync(path.join(work, "peer"), { recursive: true, force: true });
    const s = timed(process.execPath, [
      DFLOW,
      "emit",
      "slurm",
      pipe.dflow,
      "--site",
      "sites/large.yaml",
      "--emit-dir",
      path.join(work, "slurm"),
      "--out",
      path.join(work, "dflow"),
    ]);
    slurm.push(s.s);
    rssSlurm = Math.max(rssSlurm, s.rss);
    layout = /: (\d+ tasks .*?); submit/.exec(s.out)?.[1] ?? s.out.trim();
    const m = timed(process.execPath, [DFLOW, "emit", "make", pipe.dflow, "--emit-dir", path.join(work, "make"), "--out", path.join(work, "dflow")]);
    make.push(m.s);
    rssMake = Math.max(rssMake, m.rss);
    peer.push(timed(python, [path.join(PEERS, "gen_makefile.py"), String(n), path.join(work, "peer")]).s);
  }
  const plan = duBytes(path.join(work, "make", "plan"));
  const cell = (xs: number[], dir: string): string => `${median(xs).toFixed(1)} s (${mib(duBytes(dir))})`;
  console.log(
    `| ${n.toLocaleString("en-US")} | ${expectedJobs(n).toLocaleString("en-US")} | ${cell(make, path.join(work, "make"))} | ${cell(slurm, path.join(work, "slurm"))} | ${cell(peer, path.join(work, "peer"))} | ${(median(make) / median(peer)).toFixed(2)} | ${(median(slurm) / median(peer)).toFixed(2)} | ${mib(rssMake)}, ${mib(rssSlurm)} | ${mib(plan)} | ${layout} |`,
  );
  rmSync(work, { recursive: true, force: true });
}
