/**
 * Acceptance: `dflow plan` of the peers' workflow shape (test/fixtures/peers/shape.py) has
 * the same job count as the shape and the same edges as the peers' Makefile, at N = 10 and
 * N = 100 exposures. The pipeline comes from bench/peers/genPeersDflow.ts, the Makefile from
 * gen_makefile.py, and `dflow plan --list --format json` (the bundled CLI, built by the
 * global setup) lists one JSON object per task:
 *
 *   {"id": "frame[exposure=3,camera=b,petal=0]", "inputs": [...sorted], "outputs": [...sorted], "stage": "frame"}
 *
 * An edge is `input -> output` for every task, over paths relative to `--out`, and
 * includes the edges from the leaf inputs (`data/simspec/…`) on both sides.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePeersPipeline } from "../../bench/peers/genPeersDflow.js";
import { readMakefileGraph, type MakefileGraph } from "../../bench/peers/makefileGraph.js";
import { readEcsv } from "../../stdlib/io/ecsv/index.js";
import type { EcsvTable } from "../../stdlib/io/ecsv/index.js";
import { findPython, runPython } from "../helpers/externalTools.js";

const PEERS = fileURLToPath(new URL("../fixtures/peers/", import.meta.url));
const CLI = fileURLToPath(new URL("../../dist/dflow.js", import.meta.url));

/** One line of `dflow plan --list --format json`. */
interface PlanTask {
  readonly id: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly stage: string;
  readonly state: string;
  readonly why: string;
}

/** What shape.py says about scale N. */
interface ShapeFacts {
  readonly expectedJobs: number;
  /** night → exposure indices, in order. */
  readonly nights: Readonly<Record<string, readonly number[]>>;
  /** pixel → its cframe paths, sorted. */
  readonly pixels: Readonly<Record<string, readonly string[]>>;
}

const SHAPE_FACTS = `
import json, sys
sys.path.insert(0, sys.argv[1])
import shape
N = int(sys.argv[2])
print(json.dumps({
    "expectedJobs": shape.expected_jobs(N),
    "nights": shape.nights(N),
    "pixels": {str(p): sorted(fs) for p, fs in shape.pixel_inputs(N).items()},
}))
`;

function shapeFacts(python: string, n: number): ShapeFacts {
  return JSON.parse(runPython(python, SHAPE_FACTS, [PEERS, String(n)])) as ShapeFacts;
}

function column(table: EcsvTable, name: string): number[] {
  const c = table.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return Array.from(c.data as ArrayLike<number>, Number);
}

/** A path from the plan, relative to the product root `out` (absolute paths are made relative). */
function rel(out: string, p: string): string {
  return path.isAbsolute(p) ? path.relative(out, p).split(path.sep).join("/") : p.replace(/^\.\//, "");
}

/** Runs `dflow plan DIR/peers.dflow --out DIR --list --format json` in DIR and parses its JSON Lines. */
function planTasks(dir: string): PlanTask[] {
  const args = [CLI, "plan", path.join(dir, "peers.dflow"), "--out", dir, "--list", "--format", "json"];
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1" } });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) {
    throw new Error(`\`dflow ${args.slice(1).join(" ")}\` exited with ${String(r.status)}:\n${r.stderr.slice(0, 4000)}`);
  }
  const tasks: PlanTask[] = [];
  for (const line of r.stdout.split("\n")) {
    if (line.trim() === "") continue;
    const t = JSON.parse(line) as PlanTask;
    tasks.push({ ...t, inputs: t.inputs.map((p) => rel(dir, p)), outputs: t.outputs.map((p) => rel(dir, p)) });
  }
  return tasks;
}

/** At most `limit` members of `a` that are not in `b`, sorted. */
function missingFrom(a: ReadonlySet<string>, b: ReadonlySet<string>, limit = 10): string[] {
  const out: string[] = [];
  for (const x of a) if (!b.has(x)) out.push(x);
  return out.sort().slice(0, limit);
}

function isSorted(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i - 1]! > xs[i]!) return false;
  return true;
}

let python: string;
beforeAll(() => {
  python = findPython([], ["python3"]);
});

describe.each([10, 100])("the peers' shape at N = %i", (n) => {
  let dflowDir: string;
  let makeDir: string;
  let facts: ShapeFacts;
  let make: MakefileGraph;
  let plan: PlanTask[] | undefined;
  let planError: unknown;

  beforeAll(async () => {
    dflowDir = mkdtempSync(path.join(os.tmpdir(), `dflow-peers-${n}-`));
    makeDir = mkdtempSync(path.join(os.tmpdir(), `make-peers-${n}-`));
    writePeersPipeline(n, dflowDir);
    execFileSync(python, [path.join(PEERS, "gen_makefile.py"), String(n), makeDir], { stdio: "ignore" });
    facts = shapeFacts(python, n);
    make = await readMakefileGraph(path.join(makeDir, "Makefile"));
    try {
      plan = planTasks(dflowDir);
    } catch (error) {
      planError = error;
    }
  });

  afterAll(() => {
    rmSync(dflowDir, { recursive: true, force: true });
    rmSync(makeDir, { recursive: true, force: true });
  });

  /** The plan, or the reason it could not be read (as this test's failure). */
  const tasks = (): PlanTask[] => {
    if (plan === undefined) throw planError instanceof Error ? planError : new Error(String(planError));
    return plan;
  };

  it("writes exposures.ecsv with shape.py's exposures, nights and first exposures", () => {
    const t = readEcsv(path.join(dflowDir, "exposures.ecsv"));
    expect(t.columns.map((c) => [c.name, c.dtype])).toEqual([
      ["EXPID", "int32"],
      ["NIGHT", "int32"],
      ["FIRST", "int32"],
    ]);
    const expid = column(t, "EXPID");
    const night = column(t, "NIGHT");
    const first = column(t, "FIRST");
    const nights: Record<string, number[]> = {};
    expid.forEach((e, i) => (nights[String(night[i])] ??= []).push(e));
    expect(expid).toEqual(Array.from({ length: n }, (_, e) => e));
    expect(nights).toEqual(facts.nights);
    // FIRST marks exactly each night's first exposure.
    expect(expid.filter((_, i) => first[i] === 1)).toEqual(Object.values(facts.nights).map((es) => es[0]));
    expect(first.every((f) => f === 0 || f === 1)).toBe(true);
  });

  it("writes pixmap.ecsv with shape.py's pixel map: one row per (pixel, exposure, petal), only pixels with data", () => {
    const t = readEcsv(path.join(dflowDir, "pixmap.ecsv"));
    expect(t.columns.map((c) => [c.name, c.dtype])).toEqual([
      ["PIXEL", "int32"],
      ["EXPID", "int32"],
      ["PETAL", "int32"],
    ]);
    const pixel = column(t, "PIXEL");
    const expid = column(t, "EXPID");
    const petal = column(t, "PETAL");
    const rows = new Set(pixel.map((p, i) => `${p},${expid[i]},${petal[i]}`));
    expect(rows.size).toBe(pixel.length);
    const pixels: Record<string, string[]> = {};
    pixel.forEach((p, i) => {
      const e = expid[i]!;
      const night = 20200101 + Math.floor(e / 4);
      const x = String(e).padStart(8, "0");
      for (const cam of ["b", "r", "z"]) (pixels[String(p)] ??= []).push(`out/${night}/${x}/cframe-${cam}${petal[i]}-${x}.fits`);
    });
    for (const fs of Object.values(pixels)) fs.sort();
    expect(pixels).toEqual(facts.pixels);
  });

  it("passes dflow check without errors", () => {
    const r = spawnSync(process.execPath, [CLI, "check", path.join(dflowDir, "peers.dflow")], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    // Lint warnings (a stage with no time estimate, …) may come and go; errors may not.
    expect({ code: r.status, errors: r.stderr.split("\n").filter((l) => /^error/.test(l)) }).toEqual({ code: 0, errors: [] });
  });

  it("the Makefile has expected_jobs(N) jobs (the reference reads it right)", () => {
    expect(make.jobs).toBe(facts.expectedJobs);
  });

  it("dflow plan lists expected_jobs(N) tasks, one JSON object per line in the fixed format", () => {
    const list = tasks();
    expect(list.length).toBe(facts.expectedJobs);
    const ids = new Set<string>();
    const outputs = new Set<string>();
    for (const t of list) {
      expect(Object.keys(t)).toEqual(["id", "inputs", "outputs", "stage", "state", "why"]);
      expect(t.state).toBe("missing-output"); // nothing is made yet: every task runs, each with its reason
      expect(t.why.length).toBeGreaterThan(0);
      expect(t.id === t.stage || t.id.startsWith(`${t.stage}[`)).toBe(true);
      expect(isSorted(t.inputs) && isSorted(t.outputs)).toBe(true);
      ids.add(t.id);
      for (const o of t.outputs) outputs.add(o);
    }
    expect(ids.size).toBe(list.length); // task ids are unique
    expect(outputs.size).toBe(list.length); // one file per task, none written twice
    expect(list.find((t) => t.stage === "frame" && t.id === "frame[exposure=3,camera=b,petal=0]")?.outputs).toEqual([
      "out/20200101/00000003/frame-b0-00000003.fits",
    ]);
  });

  it("dflow plan has exactly the Makefile's edges (input -> output, leaf inputs included)", () => {
    const edges = new Set<string>();
    for (const t of tasks()) for (const i of t.inputs) for (const o of t.outputs) edges.add(`${i} -> ${o}`);
    const report = {
      size: edges.size,
      inPlanNotInMakefile: missingFrom(edges, make.edges),
      inMakefileNotInPlan: missingFrom(make.edges, edges),
    };
    expect(report).toEqual({ size: make.edges.size, inPlanNotInMakefile: [], inMakefileNotInPlan: [] });
  });
});
