import { SourceMap } from "../../diag/SourceMap.js";
import { renderTable } from "../../plan/index.js";
import { defineCommand } from "../CliCommand.js";
import { loadPlan } from "../../compile.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption, report } from "../report.js";

/** `dflow table FILE`: the pipeline as the seed's markdown sheet. */
export const tableCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("table")
        .description("print the pipeline as the seed's markdown sheet: Script, Inputs, Outputs, NJobs (from the grids), Time, Status")
        .argument("<file>", "the .dflow file"),
    ).addOption(formatOption()),
  async (io, file: string, flags: PlanFlags & { format: string }) => {
    const sources = new SourceMap();
    const r = await loadPlan(sources, file, flags, io.cwd);
    const result = { sources, diagnostics: r.diagnostics };
    report(io, result, flags.format, { dataOnStdout: r.plan !== undefined });
    if (r.plan !== undefined) io.stdout(renderTable(r.plan.graph));
    return result;
  },
);
