import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { diag } from "../../diag/codes.js";
import { displayPath } from "../../diag/SourceMap.js";
import { isolationSettings, type IsolationFlags } from "../../drivers/isolationFlags.js";
import { verifiedMakefileText } from "../../emit/emitMake.js";
import { PlanUnreadableError, readPlanMeta, unreadablePlan, verifyOutputs, type PlanProblem } from "../../runtime/index.js";
import { writeFileAtomic } from "../../util/writeFileAtomic.js";
import { runPlannedTasks, type PlannedTaskOutcome } from "../../runtime/index.js";
import { defineCommand, result, type CommandResult } from "../CliCommand.js";
import type { CliIo } from "../io.js";
import { formatOption, report } from "../report.js";
import { isolationOptions } from "../planCommand.js";

interface TaskFlags extends IsolationFlags {
  readonly tasksFile?: string;
  readonly element?: string;
  readonly format: string;
  readonly verifyOutputs?: string | true;
  readonly verify?: boolean;
}

/** One line on stderr per task that ran or was up to date, as it ends (an unknown id or a failure is a diagnostic of the report). */
function describeTask(io: CliIo, o: PlannedTaskOutcome): void {
  if (o.kind === "ran" || o.kind === "skipped") io.stderr(`${o.kind === "ran" ? "ran" : "up to date"} ${o.id}\n`);
}

/** `dflow task PLAN-DIR IDS`: runs tasks of an emitted plan by id, as Make recipes and Slurm jobs do. */
export const taskCommand = defineCommand(
  (parent) =>
    isolationOptions(
      parent
        .command("task")
        .description("run tasks of an emitted plan by id (what Make recipes and Slurm jobs call): fingerprints, validation and atomic writes as `dflow run`")
        .argument("<plan-dir>", "the --emit-dir of `dflow emit plan`")
        .argument("[ids...]", "task ids, such as 'sky[exposure=1234,camera=b,petal=3]', or a stage and the task's index in the plan ('sky:17')")
        .option("--tasks-file <file>", "read the ids from line --element of this file (tab-separated), as Slurm job arrays do")
        .option("--element <n>", "the line of --tasks-file, from 0")
        .option(
          "--verify-outputs [makefile]",
          "run no task: remove every output under the plan's root whose size or time (and then hash) is not what its state records, so make remakes it; with a file (an emitted Makefile's verified.mk), write there what was removed when anything was",
        )
        .option("--verify", "with --verify-outputs: hash every output, finding a change that kept size and time (slower: reads every product)"),
      "tasks",
    ).addOption(formatOption()),
  async (io, dir: string, ids: string[], flags: TaskFlags) => {
    // Under `srun -n R`, one rank runs the tasks: kernels are in-process functions, not MPI programs.
    const rank = io.env["SLURM_PROCID"];
    if (rank !== undefined && rank !== "0") return result([]);
    if (flags.verifyOutputs !== undefined) return verifyCommand(io, dir, ids, flags);
    if (flags.verify === true) return usage(io, flags, "`--verify` goes with `--verify-outputs` (`dflow run --verify` rehashes the outputs of a run).");
    const selection = {
      ids,
      ...(flags.tasksFile !== undefined ? { tasksFile: flags.tasksFile } : {}),
      ...(flags.element !== undefined ? { element: flags.element } : {}),
    };
    const limits = isolationSettings(flags);
    if (limits.value === undefined) {
      const bad = result(limits.diagnostics);
      report(io, bad, flags.format);
      return bad;
    }
    const run = await runPlannedTasks(dir, selection, {
      ...limits.value,
      cwd: io.cwd,
      onTask: (o) => describeTask(io, o),
      progress: (l) => io.stderr(`${l}\n`),
    });
    const r = result(run.diagnostics, undefined, run.value !== undefined ? { failed: run.value.failed } : {});
    report(io, r, flags.format);
    return r;
  },
);

/** A usage error (DF5001), reported. */
function usage(io: CliIo, flags: TaskFlags, message: string): CommandResult {
  const r = result([diag("DF5001", message, undefined)]);
  report(io, r, flags.format);
  return r;
}

/** `dflow task PLAN-DIR --verify-outputs [FILE]`: the verification pass of an emitted Makefile (see src/runtime/verifyOutputs.ts). */
function verifyCommand(io: CliIo, dir: string, ids: readonly string[], flags: TaskFlags): CommandResult {
  if (ids.length > 0 || flags.tasksFile !== undefined) return usage(io, flags, "`--verify-outputs` runs no task: give the plan directory alone.");
  const planDir = path.resolve(io.cwd, dir);
  const meta = planRoot(planDir);
  if (typeof meta !== "string") {
    const r = result([unreadablePlan(displayPath(planDir, io.cwd), meta)]);
    report(io, r, flags.format);
    return r;
  }
  const started = performance.now();
  const v = verifyOutputs(meta, { verify: flags.verify === true });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const listed = v.changed.slice(0, 20).map((c) => `\n  removed ${c.path} (${c.how === "size" ? "size" : "content"} changed), made by ${c.task}`);
  const more = v.changed.length > 20 ? `\n  and ${v.changed.length - 20} more` : "";
  io.stderr(
    `verified ${v.outputs} output${v.outputs === 1 ? "" : "s"} of ${v.records} task${v.records === 1 ? "" : "s"} against their state (${flags.verify === true ? "hashes" : "size and time"}) in ${seconds} s: ` +
      `${v.changed.length === 0 ? "none changed" : `${v.changed.length} changed on disk, removed so that make remakes them`}${listed.join("")}${more}\n`,
  );
  if (typeof flags.verifyOutputs === "string") {
    const file = path.resolve(io.cwd, flags.verifyOutputs);
    // Written only when something was removed (make then reads the Makefile again) or it is missing (make needs it to include).
    if (v.changed.length > 0 || !existsSync(file)) writeFileAtomic(file, verifiedMakefileText(v.changed, new Date()), { fsync: false });
  }
  const r = result([]);
  report(io, r, flags.format);
  return r;
}

/** The output root of the plan in `dir`, or why it cannot be read. */
function planRoot(dir: string): string | PlanProblem {
  try {
    return readPlanMeta(dir).meta.out;
  } catch (e) {
    if (e instanceof PlanUnreadableError) return e.problem;
    throw e;
  }
}
