import { readFileSync } from "node:fs";
import path from "node:path";
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { displayPath } from "../diag/SourceMap.js";
import { loadExport } from "../kernels/index.js";
import { executeTask, logFileOf, type TaskOutcome, type TaskRecord } from "./executeTask.js";
import { checkPlan, expandTaskSelectors, lookupTask, readPlanMeta } from "./planFile.js";
import { failedTask, unknownTask, unreadablePlan } from "./planTaskDiagnostics.js";
import { inputHash, statePath } from "./state.js";
import { sweepTaskTemporaries } from "./sweepTemporaries.js";
import { taskLimits, taskScript, type IsolationSettings } from "./isolation.js";
import { TaskPool } from "./taskPool.js";
import { changedInput, changedInputMessage, dateAfterInputs } from "./verifyOutputs.js";

/** Which tasks of an emitted plan to run: ids, then line `element` of `tasksFile` (tab-separated), as Slurm job arrays name them. */
export interface TaskSelection {
  readonly ids: readonly string[];
  readonly tasksFile?: string;
  readonly element?: string;
}

/** What became of one task: run, up to date, failed (with the message and its log), or not in the plan. */
export type PlannedTaskOutcome =
  | { readonly id: string; readonly kind: "ran" | "skipped" }
  | { readonly id: string; readonly kind: "failed"; readonly message: string; readonly log: string }
  | { readonly id: string; readonly kind: "unknown" };

/** The tasks run, in order, and whether any failed or was not in the plan. */
export interface PlannedTasksReport {
  readonly planDir: string;
  readonly outcomes: readonly PlannedTaskOutcome[];
  readonly failed: boolean;
}

/** Options of {@link runPlannedTasks}: each task is limited by its stage's declared time and memory as the plan records them, else by the isolation settings. */
export interface PlannedTasksOptions extends IsolationSettings {
  /** What relative paths (the plan directory, the tasks file) are resolved against. */
  readonly cwd: string;
  /** A line to show (a task retried). */
  readonly progress?: (line: string) => void;
  /** Called as each task ends (a progress line per task). */
  readonly onTask?: (outcome: PlannedTaskOutcome, planDir: string) => void;
}

/** The task ids selected: the ids, then line `element` of `tasksFile`; a usage problem (DF5001) otherwise. */
export function selectedTaskIds(sel: TaskSelection, cwd: string): { value?: string[]; diagnostics: Diagnostic[] } {
  if (sel.tasksFile === undefined)
    return sel.ids.length > 0
      ? { value: [...sel.ids], diagnostics: [] }
      : { diagnostics: [diag("DF5001", "`dflow task` needs task ids, or --tasks-file with --element.", undefined)] };
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, sel.tasksFile), "utf8");
  } catch (e) {
    return {
      diagnostics: [
        diag(
          "DF5001",
          `\`--tasks-file ${sel.tasksFile}\` cannot be read: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (e as Error).message}.`,
          undefined,
        ),
      ],
    };
  }
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  // What --element accepts: the number of a line of the file, from 0 (as a Slurm array numbers its elements).
  const accepted = lines.length === 0 ? `\`${sel.tasksFile}\` has no lines` : `it takes a line number of \`${sel.tasksFile}\`, 0 to ${lines.length - 1}`;
  if (sel.element === undefined) return { diagnostics: [diag("DF5001", `\`--tasks-file ${sel.tasksFile}\` needs \`--element N\`: ${accepted}.`, undefined)] };
  const v = sel.element.trim();
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  const line = Number.isSafeInteger(n) ? lines[n] : undefined;
  if (line === undefined || line === "") {
    const why = !Number.isSafeInteger(n) ? "is not a line number" : line === "" ? "names an empty line" : "is past the last line";
    return { diagnostics: [diag("DF5001", `\`--element ${sel.element}\` ${why}: ${accepted}.`, undefined)] };
  }
  return { value: [...sel.ids, ...line.split("\t")], diagnostics: [] };
}

/**
 * Runs the selected tasks of the plan emitted in `dir` (what `dflow task`, Make recipes and
 * Slurm jobs run), one after the other, with fingerprints, validation and atomic writes as
 * `dflow run`. A selection without ids is DF5001; no plan in `dir` is DF5012, a damaged one DF5013;
 * an id of no task is DF5014 and a failed task DF5015, one diagnostic each.
 */
export async function runPlannedTasks(
  dir: string,
  sel: TaskSelection,
  opts: PlannedTasksOptions,
): Promise<{ value?: PlannedTasksReport; diagnostics: Diagnostic[] }> {
  const ids = selectedTaskIds(sel, opts.cwd);
  if (ids.value === undefined) return { diagnostics: ids.diagnostics };
  const planDir = path.resolve(opts.cwd, dir);
  const shown = displayPath(planDir, opts.cwd);
  const problem = checkPlan(planDir);
  if (problem !== undefined) return { diagnostics: [unreadablePlan(shown, problem)] };
  // Selectors among the ids name tasks as in every command; one that names none is a diagnostic, as an unknown id is.
  const expanded = expandTaskSelectors(planDir, ids.value, shown);
  const meta = readPlanMeta(planDir);
  const out = meta.meta.out;
  const env = {
    out,
    types: meta.types,
    loadKernel: (record: TaskRecord) => loadExport(record.module, record.exportName, record.kernel),
    hashOf: (file: string, producer: string | undefined) => inputHash(out, file, producer),
  };
  // Each task in a child process of the bundled CLI (from sources: in this one), as `dflow run` runs them.
  const script = taskScript();
  const pool =
    script !== undefined
      ? new TaskPool({
          size: 1,
          script,
          out,
          types: [...meta.types.values()],
          inputHashes: "state",
          ...(opts.taskMemory !== undefined ? { maxMemory: opts.taskMemory } : {}),
        })
      : undefined;
  try {
    const r = await runEach(expanded.value);
    return expanded.diagnostics.length === 0 ? r : { ...r, diagnostics: [...expanded.diagnostics, ...r.diagnostics] };
  } finally {
    await pool?.close();
  }

  async function runEach(selected: readonly string[]): Promise<{ value?: PlannedTasksReport; diagnostics: Diagnostic[] }> {
    const outcomes: PlannedTaskOutcome[] = [];
    // An id of no task, a failed task and damage found while reading are diagnostics of the report.
    const diagnostics: Diagnostic[] = [];
    for (const id of selected) {
      const at = lookupTask(planDir, id);
      if (at.kind === "unreadable") {
        diagnostics.push(unreadablePlan(shown, at.problem));
        break;
      }
      let o: PlannedTaskOutcome;
      if (at.kind !== "found") {
        o = { id, kind: "unknown" };
        diagnostics.push(unknownTask(id, at));
      } else {
        const record = at.record;
        const limits = taskLimits(at.limits, opts, "`dflow task` gives each task");
        // What a killed job of this task left: Make and Slurm run no `dflow run` to sweep it.
        sweepTaskTemporaries([...record.outputs.map((x) => path.join(out, x.path)), statePath(out, record.id)]);
        // An input changed on disk since its producer wrote it is named, not read: make reruns by times, not by the state.
        const bad = changedInput(out, record);
        // `retry N`: a failed task runs again in this job, up to N more times (a changed input is not retried).
        const retries = bad === undefined ? (at.limits?.retries ?? 0) : 0;
        let r: TaskOutcome = bad !== undefined ? { kind: "failed", message: changedInputMessage(bad, shown) } : { kind: "failed", message: "" };
        for (let n = 0; bad === undefined && n <= retries; n++) {
          if (n > 0 && r.kind === "failed") opts.progress?.(`retrying ${record.id} (attempt ${n + 1} of ${retries + 1}): ${r.message}`);
          r = pool !== undefined ? await pool.runTask(record, {}, limits) : await executeTask(record, env);
          if (r.kind !== "failed") break;
        }
        o = r.kind === "failed" ? { id: record.id, kind: "failed", message: r.message, log: logFileOf(out, record) } : { id: record.id, kind: r.kind };
        if (o.kind === "failed") diagnostics.push(failedTask(o.id, o.message, displayPath(o.log, opts.cwd)));
        // Up to date, yet run by make since an input is newer (its producer wrote the same bytes again): make must see it current.
        if (o.kind === "skipped") dateAfterInputs(out, record);
      }
      outcomes.push(o);
      opts.onTask?.(o, planDir);
    }
    return { value: { planDir, outcomes, failed: outcomes.some((o) => o.kind === "failed" || o.kind === "unknown") }, diagnostics };
  }
}
