import { InvalidArgumentError, Option } from "commander";
import { SourceMap } from "../../diag/SourceMap.js";
import { renderTable, TABLE_COLUMNS, TABLE_STATUS, unknownUntil, type TableColumn, type TableStatus } from "../../plan/index.js";
import { suggest } from "../../util/suggest.js";
import { defineCommand } from "../CliCommand.js";
import { isolationOptions, loadPlanIsolated, planOptions, runCommandFor, type PlanFlags } from "../planCommand.js";
import type { IsolationFlags } from "../../drivers/isolationFlags.js";
import { formatOption, report } from "../report.js";

/** `--columns grids,memory`: optional columns, comma-separated or repeated; an unknown name is a usage error with a did-you-mean. */
function columnsOption(): Option {
  return new Option("--columns <names>", `optional columns, comma-separated or repeated: ${TABLE_COLUMNS.join(", ")}`).argParser(
    (v: string, prev: TableColumn[] | undefined): TableColumn[] => {
      const out = [...(prev ?? [])];
      for (const name of v.split(",").map((x) => x.trim())) {
        if (!(TABLE_COLUMNS as readonly string[]).includes(name)) {
          const like = suggest(name, TABLE_COLUMNS);
          throw new InvalidArgumentError(
            `\`${name}\` is no column; the optional ones are ${TABLE_COLUMNS.join(", ")}${like.length > 0 ? ` (did you mean \`${like[0]}\`?)` : ""}.`,
          );
        }
        if (!out.includes(name as TableColumn)) out.push(name as TableColumn);
      }
      return out;
    },
  );
}

/** `dflow table FILE`: the pipeline as the seed's markdown sheet. */
export const tableCommand = defineCommand(
  (parent) =>
    isolationOptions(
      planOptions(
        parent
          .command("table")
          .description("print the pipeline as the seed's markdown sheet: Script, Inputs, Outputs, NJobs (from the grids), Time, Status")
          .argument("<file>", "the .dflow file"),
      ),
      "kernels",
    )
      .addOption(
        new Option("--status <mode>", "the Status column: note (the note when a status has one, else its word), word, or full (both)")
          .choices(TABLE_STATUS)
          .default("note"),
      )
      .addOption(columnsOption())
      .addOption(formatOption())
      .addHelpText(
        "after",
        `
Examples:
  dflow table pipelines/twopct.dflow --status full
  dflow table pipelines/twopct.dflow --profile twopct --out DIR --columns grids,memory,core-hours`,
      ),
  async (io, file: string, flags: PlanFlags & IsolationFlags & { format: string; status: TableStatus; columns?: TableColumn[] }) => {
    const sources = new SourceMap();
    const r = await loadPlanIsolated(sources, file, flags, io.cwd);
    const result = { sources, diagnostics: r.diagnostics };
    report(io, result, flags.format, { dataOnStdout: r.plan !== undefined });
    if (r.plan !== undefined) {
      const pipeline = r.pipeline;
      const extra =
        pipeline !== undefined
          ? { unknown: unknownUntil(pipeline, r.plan.graph, r.plan.out), command: runCommandFor(file, flags, r.plan, pipeline, io.cwd) }
          : {};
      io.stdout(renderTable(r.plan.graph, { status: flags.status, ...(flags.columns !== undefined ? { columns: flags.columns } : {}), ...extra }));
    }
    return result;
  },
);
