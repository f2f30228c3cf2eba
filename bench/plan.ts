/**
 * Planning benchmark (README, Benchmarks): `dflow plan` against its peers on the same graph, the
 * DESI-like shape of test/fixtures/peers/shape.py at N exposures (121.5 N + 1 jobs).
 *
 *   npm run build && node scripts/run.mjs bench/plan.ts [N…] [--runs R] [--warmup W]
 *       [--timeout S] [--smk-max N] [--work DIR] [--keep] [--json FILE]
 *
 * For each N (default 1000 3000 10000 50000) it writes the dflow pipeline
 * (bench/peers/genPeersDflow.ts), the peers' Makefile (gen_makefile.py) and, for N ≤ --smk-max
 * (default 1000), the peers' Snakefile (gen_snakemake.py), then times, whole process and with
 * no job executed (every output is missing):
 *
 *   dflow      node dist/dflow.js plan peers.dflow --out DIR
 *   make       make -n                      (in the Makefile's directory)
 *   snakemake  snakemake -n --quiet         (in the Snakefile's directory)
 *
 * each under `/usr/bin/time -f "%e %M"` (peak RSS of the largest process); wall time is the
 * monotonic clock around the process, as the peers' measure.py takes it. Rounds interleave
 * the tools (dflow, make, snakemake, then again) so that machine noise falls on all of them;
 * W warm-up rounds (default 1) run dflow and make only, since Snakemake's runs take minutes.
 * Output goes to /dev/null, except the first `make -n` (whose lines are counted as its jobs)
 * and dflow's and Snakemake's short summaries (read for their messages and job count).
 * Prints the medians over R runs (default 3) and the ratios dflow/make and snakemake/dflow,
 * with the machine. A tool that fails or times out is reported in its cell with the reason,
 * and the benchmark goes on. `make -n` is skipped when its estimated peak RSS (2.3 KiB per job,
 * the peers' README) exceeds 80 % of the memory available.
 */
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writePeersPipeline } from "./peers/genPeersDflow.js";
import { expectedJobs } from "./peers/peersShape.js";

/** Command-line options. */
interface Options {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly warmup: number;
  readonly timeoutS: number;
  readonly smkMax: number;
  readonly work: string | undefined;
  readonly keep: boolean;
  readonly json: string | undefined;
}

/** One timed run. */
interface Run {
  readonly wall: number;
  readonly rssMiB: number;
}

/** What happened to one tool at one N. */
interface Cell {
  readonly runs: Run[];
  /** Set when the tool failed, timed out or was skipped: the reason, one line. */
  failure?: string;
  /** Jobs the tool reported (make: lines of `make -n`; dflow and snakemake: their `total`), when known; checked against shape.py. */
  jobs?: number;
}

type Tool = "dflow" | "make" | "snakemake";
const TOOLS: readonly Tool[] = ["dflow", "make", "snakemake"];
const REPO = process.cwd();
const PEERS = path.join(REPO, "test/fixtures/peers");
const CLI = path.join(REPO, "dist/dflow.js");

function usage(message: string): never {
  console.error(
    `${message}\nusage: node scripts/run.mjs bench/plan.ts [N…] [--runs R] [--warmup W] [--timeout S] [--smk-max N] [--work DIR] [--keep] [--json FILE]`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const sizes: number[] = [];
  let runs = 3;
  let warmup = 1;
  let timeoutS = 1800;
  let smkMax = 1000;
  let work: string | undefined;
  let keep = false;
  let json: string | undefined;
  const int = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) usage(`${flag} needs an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--runs") runs = int(a, argv[++i], 1);
    else if (a === "--warmup") warmup = int(a, argv[++i], 0);
    else if (a === "--timeout") timeoutS = int(a, argv[++i], 1);
    else if (a === "--smk-max") smkMax = int(a, argv[++i], 0);
    else if (a === "--work") work = argv[++i] ?? usage("--work needs a directory");
    else if (a === "--json") json = argv[++i] ?? usage("--json needs a file");
    else if (a === "--keep") keep = true;
    else if (/^\d+$/.test(a) && Number(a) >= 1) sizes.push(Number(a));
    else usage(`unknown argument ${a}`);
  }
  return { sizes: sizes.length > 0 ? sizes : [1000, 3000, 10000, 50000], runs, warmup, timeoutS, smkMax, work, keep, json };
}

/** A Python 3 interpreter: $DFLOW_PYTHON, /usr/bin/python3 or python3. */
function findPython(): string {
  for (const py of [process.env["DFLOW_PYTHON"], "/usr/bin/python3", "python3"]) {
    if (py === undefined || py === "") continue;
    if (spawnSync(py, ["-c", "import sys; assert sys.version_info >= (3, 6)"]).status === 0) return py;
  }
  throw new Error("no Python 3 interpreter found (apt-get install python3)");
}

function hasCommand(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

function firstLine(cmd: string, args: readonly string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0 ? (r.stdout.split("\n")[0] ?? "").trim() : "?";
}

/** Installs Debian's snakemake when it is missing (as root, or through `sudo -n`); returns why it is unavailable, if it is. */
function ensureSnakemake(): string | undefined {
  if (hasCommand("snakemake")) return undefined;
  console.error("# snakemake is missing: apt-get install -y snakemake …");
  const asRoot = process.getuid?.() === 0;
  const cmd = asRoot ? ["apt-get", "install", "-y", "snakemake"] : ["sudo", "-n", "apt-get", "install", "-y", "snakemake"];
  const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status === 0 && hasCommand("snakemake")) return undefined;
  const why = (r.error?.message ?? r.stderr.trim().split("\n").pop() ?? "").slice(0, 200);
  return `snakemake is not installed and \`${cmd.join(" ")}\` failed (${why || `exit ${String(r.status)}`})`;
}

/** MemAvailable from /proc/meminfo, in bytes (os.freemem() elsewhere). */
function availableMemory(): number {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync("/proc/meminfo", "utf8"));
    if (m !== null) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return os.freemem();
}

/** What a timed process did. */
interface Outcome {
  readonly run?: Run;
  readonly failure?: string;
  /** Newlines on stdout (counted, not stored). */
  readonly lines: number;
  /** The last 4 KiB of stdout and of stderr. */
  readonly stdoutTail: string;
  readonly stderrTail: string;
}

/**
 * Runs `cmd args` in `cwd` under `/usr/bin/time -f "%e %M"` in its own process group, with
 * stdin empty and stdout read (its lines counted) when `readStdout`, else sent to /dev/null;
 * kills that group (and only it) after `timeoutS`.
 */
function timed(cmd: string, args: readonly string[], cwd: string, timeoutS: number, readStdout: boolean): Promise<Outcome> {
  const timeFile = path.join(os.tmpdir(), `dflow-bench-time-${process.pid}`);
  rmSync(timeFile, { force: true });
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, cmd, ...args], {
      cwd,
      stdio: ["ignore", readStdout ? "pipe" : "ignore", "pipe"],
      detached: true,
    });
    let lines = 0;
    let stdoutTail = "";
    let stderrTail = "";
    child.stdout?.on("data", (b: Buffer) => {
      for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
      stdoutTail = (stdoutTail + b.toString("utf8")).slice(-4096);
    });
    child.stderr?.on("data", (b: Buffer) => {
      stderrTail = (stderrTail + b.toString("utf8")).slice(-4096);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL"); // the group this benchmark started, nothing else
        } catch {
          // already gone
        }
      }
    }, timeoutS * 1000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ failure: `cannot start: ${error.message}`, lines, stdoutTail, stderrTail });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (timedOut) {
        resolve({ failure: `timed out after ${timeoutS} s`, lines, stdoutTail, stderrTail });
        return;
      }
      let text = "";
      try {
        text = readFileSync(timeFile, "utf8");
      } catch {
        // no report
      }
      rmSync(timeFile, { force: true });
      // GNU time writes "Command exited with non-zero status N" before the figures.
      const m = /(\d+(?:\.\d+)?) (\d+)\s*$/.exec(text);
      if (code !== 0 || m === null) {
        const msg = lastMeaningfulLine(stderrTail) ?? lastMeaningfulLine(text) ?? "";
        const killed = /Command terminated by signal (\d+)/.exec(text);
        const status = killed !== null ? `killed by signal ${killed[1]}` : `exit ${String(code)}`;
        resolve({ failure: `${status}${msg !== "" ? `: ${msg}` : ""}`, lines, stdoutTail, stderrTail });
        return;
      }
      resolve({ run: { wall, rssMiB: Number(m[2]) / 1024 }, lines, stdoutTail, stderrTail });
    });
  });
}

function lastMeaningfulLine(text: string): string | undefined {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^Command (exited|terminated)/.test(l) && !/^\d+(\.\d+)? \d+$/.test(l) && !/^\(run `dflow help`/.test(l));
  return lines.find((l) => /error/i.test(l))?.slice(0, 160) ?? lines.pop()?.slice(0, 160);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function fmtWall(s: number): string {
  return s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2);
}

function fmtRatio(x: number): string {
  return x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

function group(n: number): string {
  return n.toLocaleString("en-US");
}

/** The command line of each tool, run in its directory. */
function commandOf(tool: Tool, dirs: Record<Tool, string>): { cmd: string; args: string[]; cwd: string } {
  switch (tool) {
    case "dflow":
      return { cmd: process.execPath, args: [CLI, "plan", "peers.dflow", "--out", dirs.dflow], cwd: dirs.dflow };
    case "make":
      return { cmd: "make", args: ["-n"], cwd: dirs.make };
    case "snakemake":
      return { cmd: "snakemake", args: ["-n", "--quiet"], cwd: dirs.snakemake };
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const python = findPython();
  const smkNeeded = opts.sizes.some((n) => n <= opts.smkMax);
  const smkMissing = smkNeeded ? ensureSnakemake() : undefined;
  const work = opts.work ?? mkdtempSync(path.join(os.tmpdir(), "dflow-bench-plan-"));
  mkdirSync(work, { recursive: true });

  const cpu = os.cpus()[0]?.model.trim() ?? "?";
  const machine = [
    `machine: ${os.availableParallelism()} cores (nproc), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
    `tools: node ${process.version}, ${firstLine("make", ["--version"])}, snakemake ${smkMissing === undefined && hasCommand("snakemake") ? firstLine("snakemake", ["--version"]) : "missing"}, ${firstLine(python, ["--version"])}`,
    `load average when started: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} (other work on the machine inflates every column alike)`,
    `runs: median of ${opts.runs} (warm-up ${opts.warmup} for dflow and make), timeout ${opts.timeoutS} s, snakemake for N ≤ ${opts.smkMax}; work dir ${work}`,
  ];
  for (const l of machine) console.log(l);
  if (smkMissing !== undefined) console.log(`note: ${smkMissing}; its column is skipped.`);

  const results: { n: number; jobs: number; cells: Record<Tool, Cell> }[] = [];
  let smkTimedOutAt: number | undefined;
  for (const n of opts.sizes) {
    const base = path.join(work, String(n));
    rmSync(base, { recursive: true, force: true });
    const dirs: Record<Tool, string> = { dflow: path.join(base, "dflow"), make: path.join(base, "make"), snakemake: path.join(base, "smk") };
    const cells: Record<Tool, Cell> = { dflow: { runs: [] }, make: { runs: [] }, snakemake: { runs: [] } };
    const jobs = expectedJobs(n);

    let t = Date.now();
    writePeersPipeline(n, dirs.dflow);
    console.error(`# N=${n}: ${group(jobs)} jobs; dflow pipeline written in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    const gen = spawnSync(python, [path.join(PEERS, "gen_makefile.py"), String(n), dirs.make], { encoding: "utf8" });
    if (gen.status !== 0) cells.make.failure = `gen_makefile.py failed: ${lastMeaningfulLine(gen.stderr) ?? `exit ${String(gen.status)}`}`;
    else {
      const shapeJobs = Number(gen.stdout.trim());
      if (shapeJobs !== jobs) throw new Error(`shape.py expects ${shapeJobs} jobs at N = ${n}, bench/peers/peersShape.ts ${jobs}`);
      console.error(`# N=${n}: Makefile written in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const needMiB = (jobs * 2.3) / 1024;
    const availMiB = availableMemory() / 2 ** 20;
    if (cells.make.failure === undefined && needMiB > 0.8 * availMiB) {
      cells.make.failure = `skipped: needs ~${(needMiB / 1024).toFixed(1)} GiB (2.3 KiB/job), ${(availMiB / 1024).toFixed(1)} GiB available`;
    }
    if (n > opts.smkMax) cells.snakemake.failure = `not run: N > --smk-max ${opts.smkMax} (Snakemake 7.21 did not finish N = 3,000 in 25 min)`;
    else if (smkMissing !== undefined) cells.snakemake.failure = "not installed";
    else if (smkTimedOutAt !== undefined) cells.snakemake.failure = `not run (timed out at N = ${smkTimedOutAt})`;
    else {
      t = Date.now();
      const g = spawnSync(python, [path.join(PEERS, "gen_snakemake.py"), String(n), dirs.snakemake], { encoding: "utf8" });
      if (g.status !== 0) cells.snakemake.failure = `gen_snakemake.py failed: ${lastMeaningfulLine(g.stderr) ?? `exit ${String(g.status)}`}`;
      else console.error(`# N=${n}: Snakefile written in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }

    for (let round = 0; round < opts.warmup + opts.runs; round++) {
      const warm = round < opts.warmup;
      for (const tool of TOOLS) {
        const cell = cells[tool];
        if (cell.failure !== undefined || (warm && tool === "snakemake")) continue;
        const c = commandOf(tool, dirs);
        // make -n prints a line per job: count them once (piped), then time it writing to /dev/null as the peers did.
        const readStdout = tool !== "make" || cell.jobs === undefined;
        const o = await timed(c.cmd, c.args, c.cwd, opts.timeoutS, readStdout);
        if (o.run === undefined) {
          cell.failure = o.failure ?? "failed";
          if (tool === "snakemake" && /timed out/.test(cell.failure)) smkTimedOutAt = n;
          console.error(`# N=${n} ${tool}: ${cell.failure}`);
          continue;
        }
        if (tool === "make" && readStdout) cell.jobs = o.lines;
        if (tool !== "make") {
          // Both end their summary with a `total N …` line (dflow groups digits with commas).
          const m = /^total\s+([\d,]+)/m.exec(o.stdoutTail + "\n" + o.stderrTail);
          if (m !== null) cell.jobs = Number(m[1]!.replace(/,/g, ""));
        }
        if (!warm) cell.runs.push(o.run);
        console.error(`# N=${n} ${tool}${warm ? " (warm-up)" : ""}: ${o.run.wall.toFixed(3)} s, ${o.run.rssMiB.toFixed(0)} MiB`);
      }
    }
    for (const tool of TOOLS) {
      const j = cells[tool].jobs;
      if (j !== undefined && j !== jobs && cells[tool].failure === undefined) cells[tool].failure = `reported ${group(j)} jobs, shape.py ${group(jobs)}`;
    }
    results.push({ n, jobs, cells });
    if (opts.json !== undefined) {
      appendFileSync(opts.json, JSON.stringify({ n, jobs, machine, cells }) + "\n");
    }
    if (!opts.keep) rmSync(base, { recursive: true, force: true });
    printTable(results);
  }
  if (opts.work === undefined && !opts.keep) rmSync(work, { recursive: true, force: true });
}

/** Prints the whole table so far (after each N, so a long run shows its progress). */
function printTable(results: readonly { n: number; jobs: number; cells: Record<Tool, Cell> }[]): void {
  const notes: string[] = [];
  const cellText = (c: Cell): [string, string] => {
    if (c.failure !== undefined && c.runs.length === 0) {
      notes.push(c.failure);
      return [`(${notes.length})`, "–"];
    }
    if (c.failure !== undefined) notes.push(c.failure);
    const mark = c.failure !== undefined ? `(${notes.length})` : "";
    return [fmtWall(median(c.runs.map((r) => r.wall))) + mark, median(c.runs.map((r) => r.rssMiB)).toFixed(0)];
  };
  const ok = (c: Cell): boolean => c.failure === undefined && c.runs.length > 0;
  const ratio = (a: Cell, b: Cell): [string, string] =>
    ok(a) && ok(b)
      ? [
          fmtRatio(median(a.runs.map((r) => r.wall)) / median(b.runs.map((r) => r.wall))),
          fmtRatio(median(a.runs.map((r) => r.rssMiB)) / median(b.runs.map((r) => r.rssMiB))),
        ]
      : ["–", "–"];
  const head = [
    "N",
    "jobs",
    "dflow s",
    "dflow MiB",
    "make s",
    "make MiB",
    "smk s",
    "smk MiB",
    "dflow/make s",
    "dflow/make MiB",
    "smk/dflow s",
    "smk/dflow MiB",
  ];
  const rows = results.map(({ n, jobs, cells }) => [
    group(n),
    group(jobs),
    ...cellText(cells.dflow),
    ...cellText(cells.make),
    ...cellText(cells.snakemake),
    ...ratio(cells.dflow, cells.make),
    ...ratio(cells.snakemake, cells.dflow),
  ]);
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string =>
    r
      .map((x, i) => (i % 2 === 0 && i > 0 ? "  " : "") + x.padStart(width[i]!))
      .join(" ")
      .trimEnd();
  console.log("");
  for (const r of all) console.log(line(r));
  notes.forEach((t, i) => console.log(`(${i + 1}) ${t}`));
  console.log("ratios: dflow/make < 1 means dflow is faster or smaller; snakemake/dflow is dflow's speed-up over Snakemake.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
