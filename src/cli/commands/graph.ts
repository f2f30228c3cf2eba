import { Option } from "commander";
import path from "node:path";
import { buildStageGraph } from "../../check/index.js";
import { checkFile, defaultIndexLoader } from "../../compile.js";
import type { Diagnostic } from "../../diag/Diagnostic.js";
import { SourceMap } from "../../diag/SourceMap.js";
import { renderStageGraph, renderTaskGraph, matchSelector, stageOrder } from "../../plan/index.js";
import { parseSelector } from "../../syntax/index.js";
import { defineCommand, type CommandResult } from "../CliCommand.js";
import type { CliIo } from "../io.js";
import { isolationOptions, loadPlanIsolated, planOptions, type PlanFlags } from "../planCommand.js";
import type { IsolationFlags } from "../../drivers/isolationFlags.js";
import { report } from "../report.js";

interface GraphFlags extends PlanFlags, IsolationFlags {
  readonly tasks?: string;
  readonly format: "dot" | "mermaid";
}

/** The stage graph: needs a checked file only. */
async function stageGraph(io: CliIo, file: string, format: GraphFlags["format"]): Promise<CommandResult> {
  const sources = new SourceMap();
  const checked = await checkFile(sources, path.resolve(io.cwd, file), { loadIndex: defaultIndexLoader });
  const result = { sources, diagnostics: checked.diagnostics };
  report(io, result, "text");
  const c = checked.value?.checked;
  const b = checked.value?.bound;
  if (c !== undefined && b !== undefined && !checked.diagnostics.some((d) => d.severity === "error"))
    io.stdout(
      renderStageGraph(
        buildStageGraph(c.scope),
        stageOrder(b).map((s) => s.name),
        format,
      ),
    );
  return result;
}

/** The task graph around the tasks `selector` picks: needs a plan. */
async function taskGraph(io: CliIo, file: string, selector: string, flags: GraphFlags): Promise<CommandResult> {
  const sources = new SourceMap();
  const sel = parseSelector(sources.add("--tasks", selector));
  const r = await loadPlanIsolated(sources, file, flags, io.cwd);
  const diagnostics: Diagnostic[] = [...sel.diagnostics, ...r.diagnostics];
  const m = r.plan !== undefined && sel.value !== undefined ? matchSelector(r.plan.graph, sel.value, selector) : undefined;
  const tasks = m?.tasks ?? [];
  diagnostics.push(...(m?.diagnostics ?? []));
  const result = { sources, diagnostics };
  report(io, result, "text");
  if (r.plan !== undefined && tasks.length > 0) io.stdout(renderTaskGraph(r.plan.graph, tasks, flags.format));
  return result;
}

/** `dflow graph FILE`: the stage graph, or with `--tasks` the task graph around some tasks, as DOT or Mermaid. Problems are always text on stderr: `--format` is the graph's. */
export const graphCommand = defineCommand(
  (parent) =>
    isolationOptions(
      planOptions(
        parent
          .command("graph")
          .description("print the stage graph, or with --tasks the task graph around the selected tasks, as DOT or Mermaid (problems go to stderr as text)")
          .argument("<file>", "the .dflow file"),
      ),
      "kernels",
    )
      .option("--tasks <selector>", "tasks to show: STAGE or STAGE[grid=value,…]")
      .addOption(new Option("--format <format>", "dot or mermaid").choices(["dot", "mermaid"]).default("dot")),
  (io, file: string, flags: GraphFlags) => (flags.tasks === undefined ? stageGraph(io, file, flags.format) : taskGraph(io, file, flags.tasks, flags)),
);
