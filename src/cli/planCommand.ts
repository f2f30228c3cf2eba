import type { Command } from "commander";
import { ISOLATION_FLAGS, isolationSettings, type IsolatedWork, type IsolationFlags } from "../drivers/isolationFlags.js";
import { loadPlan, type PlanFlags } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import type { Scope } from "../check/index.js";
import type { BoundPipeline } from "../bound/index.js";
import { displayPath, type SourceMap } from "../diag/SourceMap.js";
import { checkSlurmBudget, frontierProducts, planSlurmJobs } from "../emit/slurm/index.js";
import { renderPlanList, renderPlanSummary, staleTasks, unknownUntil, type Plan, type Site, type SiteFit } from "../plan/index.js";
import { refineByFingerprint, whyTask, type StaleReason } from "../runtime/index.js";
import type { CliIo } from "./io.js";

/** Options shared by every command that plans: output root, profile, `--set`. */
export type { PlanFlags } from "../compile.js";

/** Adds the options every planning command shares: `--out`, `--profile`, `--set`. */
export function planOptions(cmd: Command): Command {
  return cmd
    .option("--out <dir>", "output root: products are written, and sources read, under it (default: ./out/<pipeline name>)")
    .option("--profile <name>", "a profile of the file (default: the one marked `default`)")
    .option("--set <assignments...>", "set params: --set seed=7 nside=32");
}

/** A word as a POSIX shell reads it back: bare when it is plain, else single-quoted. */
export function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `dflow run` command line that runs `stages` (and what they need) with the same file,
 * profile, params and output root as this plan (as given; the output root as planned when none
 * was given): what makes the stages past the frontier known.
 */
export function runCommandFor(file: string, flags: PlanFlags, plan: Plan, pipeline: BoundPipeline, cwd: string): (stages: readonly string[]) => string {
  return (stages) => {
    const refactoring = stages.some((s) => pipeline.stages.find((x) => x.name === s)?.status?.word === "refactoring");
    const words = [
      "dflow",
      "run",
      file,
      ...(flags.profile !== undefined ? ["--profile", flags.profile] : []),
      ...(flags.set !== undefined && flags.set.length > 0 ? ["--set", ...flags.set] : []),
      ...stages.flatMap((s) => ["--only", s]),
      "--out",
      flags.out ?? displayPath(plan.out, cwd),
      ...(refactoring ? ["--allow-refactoring"] : []),
    ];
    return words.map(shellWord).join(" ");
  };
}

/**
 * How the plan's tasks to run sit within a site's limits: laid out as `dflow emit slurm` would
 * lay them out (packing, arrays split at MaxArraySize, a continuation job for the frontier) and
 * checked by the same budget.
 */
export function siteFit(plan: Plan, pipeline: BoundPipeline, state: Uint8Array, site: Site): SiteFit {
  const g = plan.graph;
  const submit = new Uint8Array(g.taskCount);
  for (let t = 0; t < g.taskCount; t++) submit[t] = state[t] !== 0 ? 1 : 0;
  const jobs = planSlurmJobs(g, {
    pipeline: pipeline.name || "pipeline",
    site,
    submit,
    frontierProducts: frontierProducts(pipeline, g.frontier),
    continuation: true,
    reserve: g.stages.some((s) => s.deferred !== undefined) ? 1 : 0,
  });
  const problems = checkSlurmBudget(jobs, site).map((d) => d.message);
  const stages = new Map<string, { elements: number; arrays: number; problem?: string }>();
  for (const s of g.stages) if (s.deferred === undefined) stages.set(s.name, { elements: 0, arrays: 0 });
  for (const a of jobs.arrays) {
    const e = stages.get(a.stage)!;
    e.elements += a.elementStart.length - 1;
    e.arrays++;
  }
  for (const [name, e] of stages) {
    const p = problems.find((m) => m.startsWith(`Stage \`${name}\` `));
    if (p !== undefined) e.problem = p;
  }
  const continuation = jobs.continuationAfter !== undefined;
  return {
    stages,
    queued: jobs.elements + (continuation ? 1 : 0),
    records: jobs.arrays.length + (continuation ? 1 : 0),
    largestArray: jobs.arrays.reduce((m, a) => Math.max(m, a.elementStart.length - 1), 0),
    nodeHours: jobs.nodeHours,
    continuation,
    autoPack: jobs.autoPack,
    problems,
  };
}

/** Adds the isolation flags (`--timeout-factor`, `--task-timeout`, `--task-memory`) of a command that runs `what`. */
export function isolationOptions(cmd: Command, what: IsolatedWork): Command {
  for (const f of ISOLATION_FLAGS) cmd.option(f.flag, f.help(what));
  return cmd;
}

/**
 * {@link loadPlan} for a command with the planning and isolation flags: the grid and relation
 * kernels it calls are limited as `dflow run` limits them; a malformed flag is a DF5001 and no plan.
 */
export async function loadPlanIsolated(
  sources: SourceMap,
  file: string,
  flags: PlanFlags & IsolationFlags,
  cwd: string,
  claim = false,
): Promise<{ plan?: Plan; pipeline?: BoundPipeline; scope?: Scope; diagnostics: Diagnostic[] }> {
  const limits = isolationSettings(flags);
  if (limits.value === undefined) return { diagnostics: limits.diagnostics };
  return loadPlan(sources, file, flags, cwd, claim, limits.value);
}

/**
 * Writes the plan to stdout, streamed: the per-stage table, or one line per task (`--list`), as
 * text or JSON. Task states come from the outputs on disk, refined by fingerprints when the
 * root has run state. The summary says what makes the stages past the frontier known (with the
 * command, when the file and flags are given) and, with a site, whether the jobs fit it.
 */
export async function writePlan(
  plan: Plan,
  opts: { list?: boolean; format: "text" | "json"; site?: Site; pipeline?: BoundPipeline; file?: string; flags?: PlanFlags },
  io: CliIo,
): Promise<void> {
  const state = staleTasks(plan.graph, plan.out);
  const pipeline = opts.pipeline;
  const reasons = new Map<number, StaleReason>();
  if (pipeline !== undefined) refineByFingerprint(plan, pipeline, state, reasons, (f) => displayPath(f, io.cwd));
  if (opts.list !== true) {
    const extra =
      pipeline !== undefined
        ? {
            unknown: unknownUntil(pipeline, plan.graph, plan.out),
            ...(opts.site !== undefined ? { fit: siteFit(plan, pipeline, state, opts.site) } : {}),
            ...(opts.file !== undefined ? { command: runCommandFor(opts.file, opts.flags ?? {}, plan, pipeline, io.cwd) } : {}),
          }
        : {};
    io.stdout(renderPlanSummary(plan, state, opts.format, { ...(opts.site !== undefined ? { site: opts.site } : {}), ...extra }));
    return;
  }
  const write = io.stdoutAsync ?? (async (t: string) => io.stdout(t));
  for (const chunk of renderPlanList(plan, state, opts.format, (t) => whyTask(plan, state, reasons, t))) await write(chunk);
}
