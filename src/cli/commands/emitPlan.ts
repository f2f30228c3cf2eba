import { displayPath } from "../../diag/SourceMap.js";
import { writePlanFile } from "../../runtime/index.js";
import { defineEmitCommand } from "../emitHelpers.js";

/** `dflow emit plan FILE --emit-dir DIR`: the indexed plan file that `dflow task` reads. */
export const emitPlanCommand = defineEmitCommand(
  "plan",
  "write the indexed plan file: one record per task (id, kernel, inputs, outputs, params), read by `dflow task`",
  "where the plan file goes",
  (io, e) => {
    const w = writePlanFile(e.pipeline, e.plan, e.dir);
    io.stderr(
      `wrote ${w.tasks} task records to ${displayPath(e.dir, io.cwd)}${e.plan.graph.stages.some((s) => s.deferred !== undefined) ? " (stages past the frontier are not in it)" : ""}\n`,
    );
  },
);
