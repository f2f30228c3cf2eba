import type { BoundPipeline } from "../bound/index.js";
import { SourceMap } from "../diag/SourceMap.js";
import type { Plan } from "../plan/index.js";
import type { CommandResult } from "./CliCommand.js";
import type { CliIo } from "./io.js";
import { loadPlan, type PlanFlags } from "../compile.js";
import { outputDirProblems } from "./outputDirProblem.js";
import { report } from "./report.js";

/** Checks and plans for an emitter and reports; the plan only when there is no error. What the artifacts write goes under the output root: the pipeline claims it. */
export async function plannedForEmit(
  io: CliIo,
  file: string,
  flags: PlanFlags & { readonly format: string; readonly emitDir?: string },
): Promise<{ result: CommandResult; plan?: Plan; pipeline?: BoundPipeline }> {
  const sources = new SourceMap();
  const paths = outputDirProblems(flags, io.cwd);
  if (paths.length > 0) {
    const result = { sources, diagnostics: paths };
    report(io, result, flags.format);
    return { result };
  }
  const r = await loadPlan(sources, file, flags, io.cwd, true);
  const result = { sources, diagnostics: r.diagnostics };
  report(io, result, flags.format);
  const clean = !r.diagnostics.some((d) => d.severity === "error" || d.code.startsWith("DF9"));
  return r.plan !== undefined && r.pipeline !== undefined && clean ? { result, plan: r.plan, pipeline: r.pipeline } : { result };
}
