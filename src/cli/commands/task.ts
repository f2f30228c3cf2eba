import { readFileSync } from "node:fs";
import path from "node:path";
import { diag } from "../../diag/codes.js";
import { displayPath } from "../../diag/SourceMap.js";
import { loadExport } from "../../kernels/index.js";
import { executeTask, inputHash, logFileOf, readPlanMeta, readTaskRecord, type TaskRecord } from "../../runtime/index.js";
import { defineCommand, result, type CommandResult } from "../CliCommand.js";
import type { CliIo } from "../io.js";
import { formatOption, report } from "../report.js";

interface TaskFlags {
  readonly tasksFile?: string;
  readonly element?: string;
  readonly format: string;
}

/** The task ids to run: the arguments, then line `--element` of `--tasks-file` (tab-separated); a usage problem otherwise. */
function taskIds(io: CliIo, args: readonly string[], flags: TaskFlags): string[] | CommandResult {
  if (flags.tasksFile === undefined)
    return args.length > 0 ? [...args] : result([diag("DF5001", "`dflow task` needs task ids, or --tasks-file with --element.", undefined)]);
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, flags.tasksFile), "utf8");
  } catch (e) {
    return result([
      diag(
        "DF5001",
        `\`--tasks-file ${flags.tasksFile}\` cannot be read: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (e as Error).message}.`,
        undefined,
      ),
    ]);
  }
  const n = Number(flags.element ?? "x");
  const line = Number.isInteger(n) && n >= 0 ? text.split("\n")[n] : undefined;
  if (line === undefined || line === "")
    return result([diag("DF5001", `\`--element ${flags.element ?? ""}\` is not a line of \`${flags.tasksFile}\`.`, undefined)]);
  return [...args, ...line.split("\t")];
}

/** Runs each task of the plan in `planDir`, with one line per task on stderr. */
async function runTasks(io: CliIo, dir: string, ids: readonly string[], format: string): Promise<CommandResult> {
  const planDir = path.resolve(io.cwd, dir);
  let meta: ReturnType<typeof readPlanMeta>;
  try {
    meta = readPlanMeta(planDir);
  } catch (e) {
    const r = result([
      diag("DF5001", `\`${dir}\` holds no plan file: ${(e as Error).message}`, undefined, { help: "write one with `dflow emit plan FILE --emit-dir DIR`" }),
    ]);
    report(io, r, format);
    return r;
  }
  const out = meta.meta.out;
  const env = {
    out,
    types: meta.types,
    loadKernel: (record: TaskRecord) => loadExport(record.module, record.exportName, record.kernel),
    hashOf: (file: string, producer: string | undefined) => inputHash(out, file, producer),
  };
  let failed = false;
  for (const id of ids) {
    const record = readTaskRecord(planDir, id);
    if (record === undefined) {
      io.stderr(`error: no task \`${id}\` in the plan at ${displayPath(planDir, io.cwd)}\n`);
      failed = true;
      continue;
    }
    const r = await executeTask(record, env);
    if (r.kind === "failed") {
      io.stderr(`failed ${record.id}: ${r.message}\n  log: ${displayPath(logFileOf(out, record), io.cwd)}\n`);
      failed = true;
    } else io.stderr(`${r.kind === "ran" ? "ran" : "up to date"} ${record.id}\n`);
  }
  const r = result([], undefined, { failed });
  report(io, r, format);
  return r;
}

/** `dflow task PLAN-DIR IDS`: runs tasks of an emitted plan by id, as Make recipes and Slurm jobs do. */
export const taskCommand = defineCommand(
  (parent) =>
    parent
      .command("task")
      .description("run tasks of an emitted plan by id (what Make recipes and Slurm jobs call): fingerprints, validation and atomic writes as `dflow run`")
      .argument("<plan-dir>", "the --emit-dir of `dflow emit plan`")
      .argument("[ids...]", "task ids, such as 'sky[exposure=1234,camera=b,petal=3]', or a stage and the task's index in the plan ('sky:17')")
      .option("--tasks-file <file>", "read the ids from line --element of this file (tab-separated), as Slurm job arrays do")
      .option("--element <n>", "the line of --tasks-file, from 0")
      .addOption(formatOption()),
  async (io, dir: string, args: string[], flags: TaskFlags) => {
    // Under `srun -n R`, one rank runs the tasks: kernels are in-process functions, not MPI programs.
    const rank = io.env["SLURM_PROCID"];
    if (rank !== undefined && rank !== "0") return result([]);
    const ids = taskIds(io, args, flags);
    if (!Array.isArray(ids)) {
      report(io, ids, flags.format);
      return ids;
    }
    return runTasks(io, dir, ids, flags.format);
  },
);
