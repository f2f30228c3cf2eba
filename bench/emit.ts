/**
 * Emitting benchmark: `dflow emit slurm` (sites/large.yaml) and `dflow emit make` for the
 * peers' shape (test/fixtures/peers/shape.py) at N exposures (121.5 N + 1 tasks), beside the
 * peers' own Makefile generator (`gen_makefile.py`, the same graph as a Makefile) run in the
 * same script.
 *
 *   npm run build && node scripts/run.mjs bench/emit.ts [N…] [--runs R]
 *
 * Whole processes, every output missing; medians of R runs (default 3), rounds interleaved so
 * that machine noise falls on every tool. Prints the Slurm layout (arrays, elements, packing)
 * and whether it stayed within the site's budget, and the sizes written.
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

function timed(cmd: string, args: readonly string[], cwd = REPO): { s: number; out: string } {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr.slice(-2000)}`);
  return { s, out: r.stderr + r.stdout };
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

console.log(`# machine: ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
console.log("| N | tasks | dflow emit slurm | dflow emit make | gen_makefile.py (peer) | make / peer | slurm layout |");
console.log("|---:|---:|---|---|---|---|---|");
for (const n of sizes) {
  const work = mkdtempSync(path.join(os.tmpdir(), `dflow-bench-emit-${n}-`));
  const pipe = writePeersPipeline(n, path.join(work, "dflow"));
  const slurm: number[] = [];
  const make: number[] = [];
  const peer: number[] = [];
  let layout = "";
  for (let r = 0; r < runs; r++) {
    rmSync(path.join(work, "slurm"), { recursive: true, force: true });
    rmSync(path.join(work, "make"), { recursive: true, force: true });
    rmSync(path.join(work, "peer"), { recursive: true, force: true });
    const s = timed(process.execPath, [DFLOW, "emit", "slurm", pipe.dflow, "--site", "sites/large.yaml", "--emit-dir", path.join(work, "slurm"), "--out", path.join(work, "dflow")]);
    slurm.push(s.s);
    layout = /: (\d+ tasks .*?); submit/.exec(s.out)?.[1] ?? s.out.trim();
    make.push(timed(process.execPath, [DFLOW, "emit", "make", pipe.dflow, "--emit-dir", path.join(work, "make"), "--out", path.join(work, "dflow")]).s);
    peer.push(timed(python, [path.join(PEERS, "gen_makefile.py"), String(n), path.join(work, "peer")]).s);
  }
  const mb = (p: string): string => `${(duBytes(p) / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `| ${n.toLocaleString("en-US")} | ${expectedJobs(n).toLocaleString("en-US")} | ${median(slurm).toFixed(1)} s (${mb(path.join(work, "slurm"))}) | ${median(make).toFixed(1)} s (${mb(path.join(work, "make"))}) | ${median(peer).toFixed(1)} s (${mb(path.join(work, "peer"))}) | ${(median(make) / median(peer)).toFixed(2)} | ${layout} |`,
  );
  rmSync(work, { recursive: true, force: true });
}
