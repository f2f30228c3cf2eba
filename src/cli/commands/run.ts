import os from "node:os";
import path from "node:path";
import type { BoundPipeline } from "../../bound/index.js";
import { requestedStages } from "../../check/index.js";
import { checkFile, defaultIndexLoader, outputRoot, rootOwner } from "../../compile.js";
import { diag } from "../../diag/codes.js";
import type { Diagnostic } from "../../diag/Diagnostic.js";
import { displayPath, SourceMap } from "../../diag/SourceMap.js";
import { runPipeline, type RunReport } from "../../runtime/index.js";
import { defineCommand, type CommandResult } from "../CliCommand.js";
import type { CliIo } from "../io.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { progressBar } from "../progressBar.js";
import { formatOption, report } from "../report.js";
import { parseSelectors } from "../selectors.js";
import { dflowScript } from "../self.js";

interface RunFlags extends PlanFlags {
  readonly only?: string[];
  readonly allowRefactoring?: boolean;
  readonly jobs?: string;
  readonly format: string;
}

/** Checks the file and the `--only` selectors; the stages to run (undefined: all) when there is no error. */
async function prepareRun(
  io: CliIo,
  sources: SourceMap,
  file: string,
  flags: RunFlags,
): Promise<{ pipeline?: BoundPipeline; stages?: ReadonlySet<string>; jobs: number; diagnostics: Diagnostic[] }> {
  const checked = await checkFile(sources, path.resolve(io.cwd, file), { loadIndex: defaultIndexLoader });
  const diagnostics = [...checked.diagnostics];
  const jobs = flags.jobs !== undefined ? Number(flags.jobs) : os.availableParallelism();
  const c = checked.value?.checked;
  const bound = checked.value?.bound;
  if (c === undefined || bound === undefined || diagnostics.some((d) => d.severity === "error")) return { diagnostics, jobs };
  const selectors = parseSelectors(sources, flags.only ?? []);
  const req = requestedStages(c.scope, selectors.value, flags.allowRefactoring === true);
  diagnostics.push(...selectors.diagnostics, ...req.diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics, jobs };
  if (!Number.isInteger(jobs) || jobs < 1)
    return { diagnostics: [...diagnostics, diag("DF5001", `\`--jobs ${flags.jobs}\` must be a whole number of at least 1.`, undefined)], jobs };
  return { pipeline: bound, ...(flags.only !== undefined ? { stages: req.stages } : {}), jobs, diagnostics };
}

/** The run's closing lines on stderr: counts and time, each failure with its log, what was not run or still waits. */
function describeRun(io: CliIo, rep: RunReport, seconds: number): void {
  io.stderr(
    `run: ${rep.ran} task${rep.ran === 1 ? "" : "s"} run, ${rep.skipped} up to date, ${rep.failed.length} failed, ${rep.notRun.length} not run, ${seconds.toFixed(1)} s\n`,
  );
  for (const f of rep.failed) io.stderr(`  failed ${f.id}: ${f.message}\n    log: ${displayPath(f.log, io.cwd)}\n`);
  if (rep.notRun.length > 0) io.stderr(`  not run (an input failed): ${rep.notRun.slice(0, 10).join(", ")}${rep.notRun.length > 10 ? ", …" : ""}\n`);
  for (const d of rep.deferred) io.stderr(`  still waiting: ${d}\n`);
}

/** `dflow run FILE`: runs the pipeline in process, every task whose inputs, params or kernel changed. */
export const runCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("run")
        .description(
          "run a pipeline in process: every task whose inputs, params or kernel changed, up to and past the frontier; outputs written atomically under --out (default ./out/<pipeline name>)",
        )
        .argument("<file>", "the .dflow file"),
    )
      .option("--only <selectors...>", "run these targets and what they need (STAGE or STAGE[grid=value,…])")
      .option("--allow-refactoring", "run stages marked `refactoring`")
      .option("-j, --jobs <n>", `tasks run at once on worker threads (default: one per core, ${os.availableParallelism()} here)`)
      .addOption(formatOption())
      .addHelpText(
        "after",
        `
A progress bar (on stderr) on a terminal; plain lines per stage when output is not a terminal or CI is set.
Exit 1 when a task failed: its log is under OUT/.dflow/logs, and the tasks downstream of it are not run.

Examples:
  dflow run pipelines/example.dflow --out out/example
  dflow run pipelines/twopct.dflow --profile twopct --only surveysim --out out/twopct
  dflow run pipelines/example.dflow --only 'calibrate[camera=b]' -j 4`,
      ),
  async (io, file: string, flags: RunFlags): Promise<CommandResult> => {
    const sources = new SourceMap();
    const prep = await prepareRun(io, sources, file, flags);
    if (prep.pipeline === undefined) {
      const r = { sources, diagnostics: prep.diagnostics };
      report(io, r, flags.format);
      return r;
    }
    const t0 = Date.now();
    const bar = progressBar(io);
    const self = dflowScript();
    const run = await runPipeline(prep.pipeline, {
      jobs: prep.jobs,
      ...(prep.stages !== undefined ? { stages: prep.stages } : {}),
      ...(self.endsWith(".js") ? { workerScript: self } : {}),
      onTask: bar.update,
      out: outputRoot(flags.out, prep.pipeline, path.resolve(io.cwd, file), io.cwd),
      owner: rootOwner(prep.pipeline, path.resolve(io.cwd, file)),
      cwd: io.cwd,
      ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
      ...(flags.set !== undefined ? { set: flags.set } : {}),
      progress: bar.line,
    });
    // The checker's warnings were for `dflow check`; a run reports what running found.
    const r = { sources, diagnostics: run.diagnostics, failed: (run.value?.failed.length ?? 0) > 0 };
    report(io, r, flags.format);
    if (run.value !== undefined) {
      bar.clear();
      describeRun(io, run.value, (Date.now() - t0) / 1000);
    }
    return r;
  },
);
