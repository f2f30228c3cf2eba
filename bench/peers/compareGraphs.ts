/**
 * The acceptance of test/plan/peersShape.test.ts at any scale: for each N, writes the dflow
 * pipeline and the peers' Makefile, runs `dflow plan --list --format json` (the bundled CLI)
 * and compares its task count with shape.py's `expected_jobs(N)` and its edges
 * (`input -> output` per task) with the Makefile's, leaf inputs included.
 *
 *   npm run build && node scripts/run.mjs bench/peers/compareGraphs.ts [N…]    (default 1000 10000)
 *
 * Exits 1 when a graph differs. The listing is streamed; the two edge sets are held in memory
 * (N = 10,000: 1.2 M tasks, 2.8 M edges each, about 2 GB).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { writePeersPipeline } from "./genPeersDflow.js";
import { readMakefileGraph } from "./makefileGraph.js";

const sizes = process.argv.slice(2).map(Number);
let failed = false;
for (const n of sizes.length > 0 ? sizes : [1000, 10000]) {
  const dflowDir = mkdtempSync(path.join(os.tmpdir(), "peers-dflow-"));
  const makeDir = mkdtempSync(path.join(os.tmpdir(), "peers-make-"));
  try {
    writePeersPipeline(n, dflowDir);
    const expected = Number(
      execFileSync(process.env["DFLOW_PYTHON"] ?? "python3", ["test/fixtures/peers/gen_makefile.py", String(n), makeDir], { encoding: "utf8" }).trim(),
    );
    const make = await readMakefileGraph(path.join(makeDir, "Makefile"));
    const t0 = Date.now();
    // Streamed: at N = 50,000 the listing is larger than V8's longest string.
    const child = spawn(process.execPath, ["dist/dflow.js", "plan", path.join(dflowDir, "peers.dflow"), "--out", dflowDir, "--list", "--format", "json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr = (stderr + b.toString("utf8")).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    let tasks = 0;
    const edges = new Set<string>();
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
      if (line === "") continue;
      tasks++;
      const t = JSON.parse(line) as { inputs: readonly string[]; outputs: readonly string[] };
      for (const i of t.inputs) for (const o of t.outputs) edges.add(`${i} -> ${o}`);
    }
    const status = await exited;
    const seconds = (Date.now() - t0) / 1000;
    if (status !== 0) {
      console.log(`N=${n}: dflow plan exited with ${String(status)}: ${stderr}`);
      failed = true;
      continue;
    }
    let extra = 0;
    let missing = 0;
    const examples: string[] = [];
    for (const e of edges) if (!make.edges.has(e) && extra++ < 3) examples.push(`only in the plan: ${e}`);
    for (const e of make.edges) if (!edges.has(e) && missing++ < 3) examples.push(`only in the Makefile: ${e}`);
    const same = tasks === expected && make.jobs === expected && extra === 0 && missing === 0;
    failed ||= !same;
    console.log(
      `N=${n}: ${same ? "same graph" : "DIFFERENT"}; tasks ${tasks}, expected_jobs ${expected}, Makefile jobs ${make.jobs}; ` +
        `edges ${edges.size} (plan) vs ${make.edges.size} (Makefile), ${extra} only in the plan, ${missing} only in the Makefile; plan --list and reading it took ${seconds.toFixed(1)} s`,
    );
    for (const x of examples) console.log(`  ${x}`);
  } finally {
    rmSync(dflowDir, { recursive: true, force: true });
    rmSync(makeDir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
