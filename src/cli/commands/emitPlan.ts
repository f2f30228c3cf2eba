import path from "node:path";
import { displayPath } from "../../diag/SourceMap.js";
import { writePlanFile } from "../../runtime/index.js";
import { defineCommand } from "../CliCommand.js";
import { plannedForEmit } from "../emitHelpers.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption } from "../report.js";

/** `dflow emit plan FILE --emit-dir DIR`: the indexed plan file that `dflow task` reads. */
export const emitPlanCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("plan")
        .description("write the indexed plan file: one record per task (id, kernel, inputs, outputs, params), read by `dflow task`")
        .argument("<file>", "the .dflow file")
        .requiredOption("--emit-dir <dir>", "where the plan file goes"),
    ).addOption(formatOption()),
  async (io, file: string, flags: PlanFlags & { emitDir: string; format: string }) => {
    const r = await plannedForEmit(io, file, flags);
    if (r.plan === undefined || r.pipeline === undefined) return r.result;
    const dir = path.resolve(io.cwd, flags.emitDir);
    const w = writePlanFile(r.pipeline, r.plan, dir);
    io.stderr(
      `wrote ${w.tasks} task records to ${displayPath(dir, io.cwd)}${r.plan.graph.stages.some((s) => s.deferred !== undefined) ? " (stages past the frontier are not in it)" : ""}\n`,
    );
    return r.result;
  },
);
