import path from "node:path";
import { checkFile, defaultIndexLoader, guard } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import type { SourceMap } from "../diag/SourceMap.js";
import type { BoundPipeline } from "../bound/index.js";
import { existsSync } from "node:fs";
import { claimOutputRoot, defaultOutputRoot, fingerprintOf, inputHash, planWithData, readState, RecordBuilder, type RootOwner } from "../runtime/index.js";
import { diag } from "../diag/codes.js";
import { planProgram, staleTasks, summarizePlan, taskId, type Plan, type Site } from "../plan/index.js";
import type { CliIo } from "./io.js";
import type { Command } from "commander";

/** Options shared by every command that plans: output root, profile, `--set`. */
export interface PlanFlags {
  /** `--out`; without it the pipeline's own root (see {@link outputRoot}). */
  readonly out?: string;
  readonly profile?: string;
  readonly set?: string[];
}

/** Adds the options every planning command shares: `--out`, `--profile`, `--set`. */
export function planOptions(cmd: Command): Command {
  return cmd
    .option("--out <dir>", "output root: products are written, and sources read, under it (default: ./out/<pipeline name>)")
    .option("--profile <name>", "a profile of the file (default: the one marked `default`)")
    .option("--set <assignments...>", "set params: --set seed=7 nside=32");
}

/** Who a pipeline's output root belongs to: its `pipeline NAME` (the file's name when it declares none) and its file. */
export function rootOwner(checked: BoundPipeline, source: string): RootOwner {
  return { pipeline: checked.name !== "" ? checked.name : path.basename(source, ".dflow"), source: path.resolve(source) };
}

/** The output root of a command: `--out` (relative to `cwd`), else `./out/<pipeline name>`. */
export function outputRoot(out: string | undefined, checked: BoundPipeline, source: string, cwd: string): string {
  return out !== undefined ? path.resolve(cwd, out) : defaultOutputRoot(cwd, rootOwner(checked, source).pipeline);
}

/**
 * Checks and plans a file; diagnostics are returned, the plan only when there were no errors.
 * An output root of another pipeline is refused before it is read (DF5011); `claim` records
 * the pipeline as the root's owner (commands whose artifacts write under it).
 */
export async function loadPlan(
  sources: SourceMap,
  file: string,
  flags: PlanFlags,
  io: CliIo,
  claim = false,
): Promise<{ plan?: Plan; checked?: BoundPipeline; diagnostics: Diagnostic[] }> {
  const source = path.resolve(io.cwd, file);
  const checked = await checkFile(sources, source, { loadIndex: defaultIndexLoader });
  const diagnostics = [...checked.diagnostics];
  const c = checked.value?.bound;
  if (c === undefined || diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const out = outputRoot(flags.out, c, source, io.cwd);
  diagnostics.push(...claimOutputRoot(out, rootOwner(c, source), io.cwd, claim));
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const opts = { out, ...(flags.profile !== undefined ? { profile: flags.profile } : {}), ...(flags.set !== undefined ? { set: flags.set } : {}) };
  // With the kernels at hand, grids and relations computed by kernels whose inputs are on disk
  // are resolved too, so the plan reaches as far as the data made so far allows.
  let p: { value: Plan | undefined; diagnostics: readonly Diagnostic[] };
  if (c.index !== undefined) {
    try {
      p = await planWithData(c, opts);
    } catch (e) {
      p = { value: undefined, diagnostics: [diag("DF5008", `The frontier of the plan could not be computed: ${(e as Error).message}`, undefined)] };
    }
  } else p = guard(() => planProgram(c, opts));
  diagnostics.push(...p.diagnostics);
  return p.value !== undefined ? { plan: p.value, checked: c, diagnostics } : { diagnostics };
}

const STATE_WORDS = ["up-to-date", "missing-output", "upstream", "changed"] as const;

/**
 * Refines existence-based staleness with fingerprints when the output root has run state:
 * a task whose outputs exist but whose kernel, params or inputs changed is `changed` (3), and
 * what depends on it `upstream` (2), as `dflow run` would find them.
 */
export function refineByFingerprint(plan: Plan, checked: BoundPipeline, state: Uint8Array): void {
  const g = plan.graph;
  const out = plan.out;
  if (checked.index === undefined || !existsSync(path.join(out, ".dflow", "state"))) return;
  const builder = new RecordBuilder(checked);
  const hashOf = (file: string, producer: string | undefined): string => inputHash(out, file, producer);
  for (let t = 0; t < g.taskCount; t++) {
    let upstream = false;
    for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) if (state[g.edges[e]!] !== 0) upstream = true;
    if (state[t] !== 0) continue;
    if (upstream) {
      state[t] = 2;
      continue;
    }
    const r = builder.record(g, t);
    if (r === undefined) continue;
    const fp = fingerprintOf(r, { out, hashOf });
    if ("missing" in fp || readState(out, r.id)?.fingerprint !== fp.fingerprint) state[t] = 3;
  }
}

/** Writes the plan: a per-stage table, or one line per task (`--list`), text or JSON Lines, streamed. */
export async function writePlan(
  plan: Plan,
  opts: { list?: boolean; format: "text" | "json"; site?: Site; checked?: BoundPipeline },
  io: CliIo,
): Promise<void> {
  const g = plan.graph;
  const state = staleTasks(g, plan.out);
  if (opts.checked !== undefined) refineByFingerprint(plan, opts.checked, state);
  if (opts.list === true) {
    let buf = "";
    const flush = async (): Promise<void> => {
      if (buf !== "") await (io.stdoutAsync ?? (async (t: string) => io.stdout(t)))(buf);
      buf = "";
    };
    for (let t = 0; t < g.taskCount; t++) {
      const id = taskId(g, t);
      if (opts.format === "json") {
        const inputs: string[] = [];
        const outputs: string[] = [];
        g.inputsOf(t, (product, keys) => inputs.push(g.paths.get(product)!(keys)));
        g.outputsOf(t, (product, keys) => outputs.push(g.paths.get(product)!(keys)));
        inputs.sort();
        outputs.sort();
        buf += `{"id":${JSON.stringify(id)},"inputs":${JSON.stringify(inputs)},"outputs":${JSON.stringify(outputs)},"stage":${JSON.stringify(g.stageOf(t).name)}}\n`;
      } else {
        buf += `${id}  ${STATE_WORDS[state[t]!]}\n`;
      }
      if (buf.length > 1 << 16) await flush();
    }
    await flush();
    return;
  }
  const rows = summarizePlan(g, state, opts.site);
  if (opts.format === "json") {
    const frontier = [...g.frontier.values()].map((f) => ({ grid: f.name, waitsFor: f.waitsFor, ...(f.bound !== undefined ? { bound: f.bound } : {}) }));
    io.stdout(JSON.stringify({ frontier, out: plan.out, profile: plan.profile ?? null, stages: rows, tasks: g.taskCount }, null, 2) + "\n");
    return;
  }
  const w = Math.max(5, ...rows.map((r) => r.stage.length));
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const lines = [`${"stage".padEnd(w)}  ${"tasks".padStart(10)}  ${"to run".padStart(10)}  ${"jobs".padStart(10)}  ${"core-h".padStart(10)}`];
  let tasks = 0;
  let toRun = 0;
  let jobs = 0;
  let ch = 0;
  for (const r of rows) {
    tasks += r.tasks;
    toRun += r.toRun;
    jobs += r.jobs;
    ch += r.coreHours;
    lines.push(
      `${r.stage.padEnd(w)}  ${(r.deferred !== undefined ? "…" : fmt(r.tasks)).padStart(10)}  ${(r.deferred !== undefined ? "…" : fmt(r.toRun)).padStart(10)}  ${(r.deferred !== undefined ? "…" : fmt(r.jobs)).padStart(10)}  ${r.coreHours.toFixed(2).padStart(10)}`,
    );
  }
  if (opts.site !== undefined) {
    const arrays = rows.reduce((a, r) => a + (r.arrays ?? 0), 0);
    lines.push(
      `${"site " + opts.site.name}: ${fmt(jobs)} array elements in ${fmt(arrays)} job arrays (MaxArraySize ${opts.site.MaxArraySize}), time × ${opts.site.timeFactor}`,
    );
  }
  lines.push(`${"total".padEnd(w)}  ${fmt(tasks).padStart(10)}  ${fmt(toRun).padStart(10)}  ${fmt(jobs).padStart(10)}  ${ch.toFixed(2).padStart(10)}`);
  const deferred = rows.filter((r) => r.deferred !== undefined);
  if (deferred.length > 0) {
    lines.push("", "frontier (planned once the data they wait for exists):");
    for (const r of deferred) lines.push(`  ${r.stage}: ${r.deferred}`);
    for (const f of g.frontier.values()) if (f.bound !== undefined) lines.push(`  grid \`${f.name}\` has at most ${fmt(f.bound)} keys (its envelope)`);
  }
  io.stdout(lines.join("\n") + "\n");
}
