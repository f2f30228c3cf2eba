import path from "node:path";
import { SourceMap } from "../../diag/SourceMap.js";
import { loadSite } from "../../plan/index.js";
import { defineCommand } from "../CliCommand.js";
import { isolationOptions, loadPlanIsolated, planOptions, writePlan, type PlanFlags } from "../planCommand.js";
import type { IsolationFlags } from "../../drivers/isolationFlags.js";
import { formatOption, report } from "../report.js";
import { outputDirProblems } from "../../drivers/outputDirProblem.js";

interface PlanCommandFlags extends PlanFlags, IsolationFlags {
  readonly list?: boolean;
  readonly site?: string;
  readonly format: "text" | "json";
}

/** `dflow plan FILE`: tasks per stage, what would run, jobs and core-hours; `--list` one line per task. */
export const planCommand = defineCommand(
  (parent) =>
    isolationOptions(
      planOptions(
        parent
          .command("plan")
          .description("plan a pipeline: tasks per stage, what would run (like `make -n`), jobs and core-hours; --list streams one line per task")
          .argument("<file>", "the .dflow file"),
      ),
      "kernels",
    )
      .option("--list", "one line per task instead of the per-stage table")
      .option("--site <file>", "a Slurm site profile (YAML): time factor, array sizes")
      .addOption(
        formatOption(
          ["text", "json"],
          "text, or json: the plan as JSON (JSON Lines with --list) on stdout; problems as JSON on stdout when there is no plan, else on stderr",
        ),
      )
      .addHelpText(
        "after",
        `
Examples:
  dflow plan pipelines/twopct.dflow --profile twopct --site sites/large.yaml
  dflow plan pipelines/example.dflow --set seed=7 --list --format json | head`,
      ),
  async (io, file: string, flags: PlanCommandFlags) => {
    const sources = new SourceMap();
    // An --out that is a file or a dangling link (or lies under one) is no output root: what run would refuse, plan refuses.
    const paths = outputDirProblems({ ...(flags.out !== undefined ? { out: flags.out } : {}) }, io.cwd, true);
    if (paths.length > 0) {
      const refused = { sources, diagnostics: paths };
      report(io, refused, flags.format);
      return refused;
    }
    const site = flags.site !== undefined ? loadSite(path.resolve(io.cwd, flags.site)) : undefined;
    const r = await loadPlanIsolated(sources, file, flags, io.cwd);
    const diagnostics = [...r.diagnostics, ...(site?.diagnostics ?? [])];
    const ok = r.plan !== undefined && !diagnostics.some((d) => d.severity === "error");
    const result = { sources, diagnostics };
    report(io, result, flags.format, { dataOnStdout: ok });
    if (ok && r.plan !== undefined) {
      await writePlan(
        r.plan,
        {
          ...(flags.list !== undefined ? { list: flags.list } : {}),
          ...(site?.site !== undefined ? { site: site.site } : {}),
          ...(r.pipeline !== undefined ? { pipeline: r.pipeline } : {}),
          format: flags.format,
          file,
          flags,
        },
        io,
      );
    }
    return result;
  },
);
