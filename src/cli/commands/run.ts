import os from "node:os";
import { displayPath, SourceMap } from "../../diag/SourceMap.js";
import { runFile } from "../../drivers/runFile.js";
import type { Diagnostic } from "../../diag/Diagnostic.js";
import { failedTask, failedTasks as failedTasks_, type RunReport } from "../../runtime/index.js";
import { defineCommand, type CommandResult } from "../CliCommand.js";
import type { CliIo } from "../io.js";
import { isolationOptions, planOptions, type PlanFlags } from "../planCommand.js";
import { progressBar } from "../progressBar.js";
import { runSummaryLines } from "../runSummary.js";
import { formatOption, report } from "../report.js";
import { onlyOption } from "../onlyOption.js";
import type { IsolationFlags } from "../../drivers/isolationFlags.js";

interface RunFlags extends PlanFlags, IsolationFlags {
  readonly only?: string[];
  readonly allowRefactoring?: boolean;
  readonly jobs?: string;
  readonly verify?: boolean;
  readonly failFast?: boolean;
  readonly keepGoing?: boolean;
  readonly format: string;
}

/**
 * The failed tasks as diagnostics: one per stage and message (a task alone as it always was;
 * several alike as one, with their count, their ids and each log path once).
 */
function failedTasks(io: CliIo, rep: RunReport): Diagnostic[] {
  const groups = new Map<string, RunReport["failed"][number][]>();
  for (const f of rep.failed) {
    const stage = /^[^[:]+/.exec(f.id)?.[0] ?? f.id;
    const k = `${stage}\0${f.message}`;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [f]);
    else g.push(f);
  }
  return [...groups.values()].map((g) => {
    const first = g[0]!;
    if (g.length === 1) return failedTask(first.id, first.message, displayPath(first.log, io.cwd));
    const logs = [...new Set(g.map((f) => f.log).filter((l) => l !== ""))].map((l) => displayPath(l, io.cwd));
    return failedTasks_(
      g.map((f) => f.id),
      first.message,
      logs,
    );
  });
}

/**
 * The run's closing lines on stderr: counts and time, what was not run or still waits (each
 * failure is a diagnostic of the report), then the summary per stage, the pipeline's summary
 * lines and its reports' paths ({@link runSummaryLines}). A stage still waiting when the run ends (a grid or
 * relation it needs was not computed: its kernel failed, or what the kernel reads was not made)
 * is counted as not run: its tasks are not known, so it counts as a stage.
 */
function describeRun(io: CliIo, rep: RunReport, seconds: number): void {
  const waiting = rep.deferred.length;
  const stages =
    waiting > 0
      ? `${waiting} stage${waiting === 1 ? "" : "s"} not run (a grid or relation ${waiting === 1 ? "it needs" : "they need"} was not computed), `
      : "";
  io.stderr(
    `run: ${rep.ran} task${rep.ran === 1 ? "" : "s"} run, ${rep.skipped} up to date, ${rep.failed.length} failed, ${rep.notRun.length} not run, ${stages}${seconds.toFixed(1)} s\n`,
  );
  if (rep.notRun.length > 0) io.stderr(`  not run (an input failed): ${rep.notRun.slice(0, 10).join(", ")}${rep.notRun.length > 10 ? ", …" : ""}\n`);
  const stopped = rep.stopped ?? [];
  if (stopped.length > 0)
    io.stderr(
      `  not started (--fail-fast, after the first failure): ${stopped.length} task${stopped.length === 1 ? "" : "s"}: ${stopped.slice(0, 10).join(", ")}${stopped.length > 10 ? ", …" : ""}\n`,
    );
  const retried = rep.retried ?? [];
  if (retried.length > 0) io.stderr(`  succeeded when retried: ${retried.slice(0, 10).join(", ")}${retried.length > 10 ? ", …" : ""}\n`);
  for (const d of rep.deferred) io.stderr(`  still waiting: ${d}\n`);
  for (const line of runSummaryLines(rep, io.cwd)) io.stderr(line + "\n");
}

/** `dflow run FILE`: runs the pipeline in process, every task whose inputs, params or kernel changed. */
export const runCommand = defineCommand(
  (parent) =>
    isolationOptions(
      planOptions(
        parent
          .command("run")
          .description(
            "run a pipeline in process: every task whose inputs, params or kernel changed, up to and past the frontier; outputs written atomically under --out (default ./out/<pipeline name>)",
          )
          .argument("<file>", "the .dflow file"),
      ),
      "both",
    )
      .addOption(onlyOption("run these targets and what they need (STAGE or STAGE[grid=value,…])"))
      .option("--allow-refactoring", "run stages marked `refactoring`")
      .option("--verify", "rehash every output of the tasks that look up to date and rerun those whose bytes changed (slower: reads every product)")
      .option("--keep-going", "after a task fails, run every task that does not depend on it (the default)")
      .option("--fail-fast", "after a task fails, start no other task (those running finish) and no retry")
      .option("-j, --jobs <n>", `tasks run at once, each in a process of its own (default and most: one per core, ${os.availableParallelism()} here)`)
      .addOption(formatOption())
      .addHelpText(
        "after",
        `
A progress bar (on stderr) on a terminal; plain lines per stage when output is not a terminal or CI is set.
Exit 1 when a task failed: its log is under OUT/.dflow/logs, and the tasks downstream of it are not run.
Each task runs in a child process: one that exits, throws from a timer, outlives its time or holds more than
its stage's \`memory\` fails alone, and the run goes on.

Examples:
  dflow run pipelines/example.dflow --out out/example
  dflow run pipelines/twopct.dflow --profile twopct --only surveysim --out out/twopct
  dflow run pipelines/example.dflow --only 'calibrate[camera=b]' -j 4`,
      ),
  async (io, file: string, flags: RunFlags): Promise<CommandResult> => {
    const sources = new SourceMap();
    const bar = progressBar(io);
    const run = await runFile(sources, file, {
      ...flags,
      cwd: io.cwd,
      onTask: bar.update,
      progress: bar.line,
    });
    const failures = run.value !== undefined ? failedTasks(io, run.value.report) : [];
    const r = { sources, diagnostics: [...run.diagnostics, ...failures], ...(run.value !== undefined ? { failed: failures.length > 0 } : {}) };
    report(io, r, flags.format);
    if (run.value !== undefined) {
      bar.clear();
      describeRun(io, run.value.report, run.value.seconds);
    }
    return r;
  },
);
