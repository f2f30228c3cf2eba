import { isolationSettings, type IsolationFlags } from "../../drivers/isolationFlags.js";
import { runPlannedTasks, type PlannedTaskOutcome } from "../../runtime/index.js";
import { defineCommand, result } from "../CliCommand.js";
import type { CliIo } from "../io.js";
import { formatOption, report } from "../report.js";
import { isolationOptions } from "../planCommand.js";

interface TaskFlags extends IsolationFlags {
  readonly tasksFile?: string;
  readonly element?: string;
  readonly format: string;
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
        .option("--element <n>", "the line of --tasks-file, from 0"),
      "tasks",
    ).addOption(formatOption()),
  async (io, dir: string, ids: string[], flags: TaskFlags) => {
    // Under `srun -n R`, one rank runs the tasks: kernels are in-process functions, not MPI programs.
    const rank = io.env["SLURM_PROCID"];
    if (rank !== undefined && rank !== "0") return result([]);
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
    const run = await runPlannedTasks(dir, selection, { ...limits.value, cwd: io.cwd, onTask: (o) => describeTask(io, o) });
    const r = result(run.diagnostics, undefined, run.value !== undefined ? { failed: run.value.failed } : {});
    report(io, r, flags.format);
    return r;
  },
);
