import { rmSync } from "node:fs";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import type { PlanFlags } from "../compile.js";
import type { IsolationFlags } from "../drivers/isolationFlags.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { displayPath, SourceMap } from "../diag/SourceMap.js";
import { taskId, type Plan } from "../plan/index.js";
import { defineCommand, type CliCommand, type CommandResult } from "./CliCommand.js";
import type { CliIo } from "./io.js";
import { outputDirProblems } from "../drivers/outputDirProblem.js";
import { isolationOptions, loadPlanIsolated, planOptions } from "./planCommand.js";
import { formatOption, report } from "./report.js";
import { onlyOption } from "./onlyOption.js";
import { SelectionError, TaskSelector } from "../drivers/selectors.js";
import { writeFileAtomic } from "../util/writeFileAtomic.js";

/** Checks and plans for an emitter and reports; the plan only when there is no error. What the artifacts write goes under the output root: the pipeline claims it. */
async function plannedForEmit(
  io: CliIo,
  file: string,
  flags: EmitFlags,
): Promise<{ result: CommandResult; plan?: Plan; pipeline?: BoundPipeline; selected?: Uint8Array }> {
  const sources = new SourceMap();
  const paths = outputDirProblems(flags, io.cwd);
  if (paths.length > 0) {
    const result = { sources, diagnostics: paths };
    report(io, result, flags.format);
    return { result };
  }
  const r = await loadPlanIsolated(sources, file, flags, io.cwd, true);
  // `--only` (emit make): the tasks selected and those they need, by the selectors' one meaning.
  let selected: Uint8Array | undefined;
  if (flags.only !== undefined && r.plan !== undefined && r.scope !== undefined) {
    const selection = new TaskSelector(sources, r.scope, flags.only, true);
    r.diagnostics.push(...selection.diagnostics);
    try {
      if (!selection.failed && r.pipeline !== undefined) selected = selection.mask(r.plan.graph, r.pipeline);
    } catch (e) {
      if (!(e instanceof SelectionError)) throw e;
      r.diagnostics.push(...e.diagnostics);
    }
  }
  const result = { sources, diagnostics: r.diagnostics };
  report(io, result, flags.format);
  const clean = !r.diagnostics.some((d) => d.severity === "error" || d.code.startsWith("DF9"));
  return r.plan !== undefined && r.pipeline !== undefined && clean
    ? { result, plan: r.plan, pipeline: r.pipeline, ...(selected !== undefined ? { selected } : {}) }
    : { result };
}

/** The flags of an emit command. */
export type EmitFlags = PlanFlags & IsolationFlags & { readonly emitDir: string; readonly format: string; readonly only?: readonly string[] };

/** What an emitter writes from: the checked pipeline, its plan, the emit directory (absolute) and the source file (absolute). */
export interface EmitInput {
  readonly pipeline: BoundPipeline;
  readonly plan: Plan;
  readonly dir: string;
  readonly source: string;
  /** With `--only`: per task of the plan, 1 when it is selected or needed upstream. */
  readonly selected?: Uint8Array;
}

/**
 * An `emit NAME FILE --emit-dir DIR` command over a plan (make, plan, ts): the planning flags;
 * `refuse` may turn the flags down before anything is planned or claimed; then, when the file
 * plans without error, `write` (one library call and the line saying what was written), whose
 * diagnostics, if any, are reported and added to the result.
 */
export function defineEmitCommand(
  name: string,
  description: string,
  emitDirHelp: string,
  write: (io: CliIo, input: EmitInput) => Promise<readonly Diagnostic[] | void> | readonly Diagnostic[] | void,
  refuse: (io: CliIo, flags: EmitFlags) => readonly Diagnostic[] = () => [],
  only?: string,
): CliCommand {
  return defineCommand(
    (parent) => {
      const cmd = isolationOptions(
        planOptions(parent.command(name).description(description).argument("<file>", "the .dflow file").requiredOption("--emit-dir <dir>", emitDirHelp)),
        "kernels",
      ).addOption(formatOption());
      return only !== undefined ? cmd.addOption(onlyOption(only)) : cmd;
    },
    async (io, file: string, flags: EmitFlags) => {
      const early = refuse(io, flags);
      if (early.length > 0) {
        const result = { sources: new SourceMap(), diagnostics: early };
        report(io, result, flags.format);
        return result;
      }
      const r = await plannedForEmit(io, file, flags);
      if (r.plan === undefined || r.pipeline === undefined) return r.result;
      const more = await write(io, {
        pipeline: r.pipeline,
        plan: r.plan,
        dir: path.resolve(io.cwd, flags.emitDir),
        source: path.resolve(io.cwd, file),
        ...(r.selected !== undefined ? { selected: r.selected } : {}),
      });
      if (more === undefined || more.length === 0) return r.result;
      report(io, { sources: r.result.sources, diagnostics: more }, flags.format);
      return { ...r.result, diagnostics: [...r.result.diagnostics, ...more] };
    },
  );
}

/** The file of the tasks `--only` selects, in the emit directory (see {@link writeOnlyTasks}). */
export const ONLY_TASKS = "only.tasks";

/**
 * With `--only` (emit plan, emit ts): `only.tasks` in the emit directory, one line of the ids of
 * the selected tasks and of those they need, tab-separated in plan order (upstream first), which
 * `dflow task PLAN --tasks-file FILE --element 0` runs as a Slurm array element would; the line
 * to say where it is. Without `--only`, one an earlier emission left is removed.
 */
export function writeOnlyTasks(io: CliIo, e: EmitInput): string {
  const file = path.join(e.dir, ONLY_TASKS);
  if (e.selected === undefined) {
    rmSync(file, { force: true });
    return "";
  }
  const g = e.plan.graph;
  const ids: string[] = [];
  for (let t = 0; t < g.taskCount; t++) if (e.selected[t] === 1) ids.push(taskId(g, t));
  writeFileAtomic(file, ids.join("\t") + "\n", { fsync: false });
  return `; --only: ${ids.length} task${ids.length === 1 ? "" : "s"} listed in ${displayPath(file, io.cwd)}`;
}
