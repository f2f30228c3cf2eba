import os from "node:os";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import { checkFile, defaultIndexLoader, outputRoot, rootOwner, type PlanFlags } from "../compile.js";
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import type { SourceMap } from "../diag/SourceMap.js";
import { runPipeline, type RunReport } from "../runtime/index.js";
import { outputDirProblems } from "./outputDirProblem.js";
import { SelectionError, TaskSelector } from "./selectors.js";
import { boundedJobs, isolationSettings, type IsolationFlags } from "./isolationFlags.js";
import type { IsolationSettings } from "../runtime/index.js";

/** What `dflow run` takes besides the file: the plan's flags, `--only`, `--allow-refactoring`, `-j`, the isolation flags, and where progress goes. */
export interface RunFileOptions extends PlanFlags, IsolationFlags {
  /** `--only` selectors: run these targets and what they need. */
  readonly only?: readonly string[];
  readonly allowRefactoring?: boolean;
  /** `-j` as written; without it, one per core; more than the cores is capped (with a note on progress). */
  readonly jobs?: string;
  /** `--verify`: rehash every output of a task that looks up to date, and rerun it when its bytes changed. */
  readonly verify?: boolean;
  /** `--fail-fast`: start no task after the first failure (`--keep-going`, the default, runs every task that does not depend on it). */
  readonly failFast?: boolean;
  /** What the file and `--out` are relative to. */
  readonly cwd: string;
  readonly onTask?: (stage: string, done: number, total: number) => void;
  readonly progress?: (line: string) => void;
}

/** Checks the file and the `--only` selectors; the stages to run (undefined: all) when there is no error. */
async function prepareRun(
  sources: SourceMap,
  source: string,
  opts: RunFileOptions,
): Promise<{ pipeline?: BoundPipeline; selection?: TaskSelector; jobs: number; limits?: IsolationSettings; diagnostics: Diagnostic[] }> {
  const checked = await checkFile(sources, source, { loadIndex: defaultIndexLoader });
  const diagnostics = [...checked.diagnostics];
  // Decimal digits only: not `1e3`, `0x10` or `2.5`, which Number() would take.
  const jobs = opts.jobs !== undefined ? (/^\s*\d+\s*$/.test(opts.jobs) ? Number(opts.jobs) : NaN) : os.availableParallelism();
  const c = checked.value?.checked;
  const bound = checked.value?.bound;
  if (c === undefined || bound === undefined || diagnostics.some((d) => d.severity === "error")) return { diagnostics, jobs };
  const selection = opts.only !== undefined ? new TaskSelector(sources, c.scope, opts.only, opts.allowRefactoring === true) : undefined;
  diagnostics.push(...(selection?.diagnostics ?? []));
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics, jobs };
  if (!Number.isInteger(jobs) || jobs < 1)
    return { diagnostics: [...diagnostics, diag("DF5001", `\`--jobs ${opts.jobs}\` must be a whole number of at least 1.`, undefined)], jobs };
  const limits = isolationSettings(opts);
  if (limits.value === undefined) return { diagnostics: [...diagnostics, ...limits.diagnostics], jobs };
  const bounded = boundedJobs(jobs, undefined, opts.jobs);
  if (bounded.note !== undefined) opts.progress?.(bounded.note);
  return { pipeline: bound, ...(selection !== undefined ? { selection } : {}), jobs: bounded.jobs, limits: limits.value, diagnostics };
}

/**
 * The driver of `dflow run`: checks `--out` (DF5016), the file and the selectors, then runs the pipeline in
 * process. Without a run, the check's diagnostics; with one, only what running found (the
 * checker's warnings were for `dflow check`), the run's report and how long it took, in seconds.
 */
export async function runFile(
  sources: SourceMap,
  file: string,
  opts: RunFileOptions,
): Promise<{ value?: { report: RunReport; seconds: number }; diagnostics: readonly Diagnostic[] }> {
  // An unusable --out is refused before any work.
  const paths = outputDirProblems(opts, opts.cwd);
  if (paths.length > 0) return { diagnostics: paths };
  const source = path.resolve(opts.cwd, file);
  const prep = await prepareRun(sources, source, opts);
  if (prep.pipeline === undefined) return { diagnostics: prep.diagnostics };
  const t0 = Date.now();
  const sel = prep.selection;
  const pipeline = prep.pipeline;
  const run = await runPipeline(pipeline, {
    jobs: prep.jobs,
    ...(sel !== undefined ? { stages: sel.stages, select: (g) => sel.mask(g, pipeline) } : {}),
    ...prep.limits,
    ...(opts.onTask !== undefined ? { onTask: opts.onTask } : {}),
    ...(opts.verify === true ? { verify: true } : {}),
    ...(opts.failFast === true ? { failFast: true } : {}),
    out: outputRoot(opts.out, prep.pipeline, source, opts.cwd),
    owner: rootOwner(prep.pipeline, source),
    cwd: opts.cwd,
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.set !== undefined ? { set: opts.set } : {}),
    ...(opts.progress !== undefined ? { progress: opts.progress } : {}),
  }).catch((e: unknown) => {
    // A selector that names a grid its stage lacks, or matches no task, once the plan shows it.
    if (e instanceof SelectionError) return { value: undefined, diagnostics: [...e.diagnostics] };
    throw e;
  });
  const seconds = (Date.now() - t0) / 1000;
  return { ...(run.value !== undefined ? { value: { report: run.value, seconds } } : {}), diagnostics: run.diagnostics };
}
