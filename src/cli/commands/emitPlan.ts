import { displayPath } from "../../diag/SourceMap.js";
import { writePlanFile } from "../../runtime/index.js";
import { defineEmitCommand, writeOnlyTasks } from "../emitHelpers.js";

/** `dflow emit plan FILE --emit-dir DIR`: the indexed plan file that `dflow task` reads. */
export const emitPlanCommand = defineEmitCommand(
  "plan",
  "write the indexed plan file: one record per task (id, kernel, inputs, outputs, params), read by `dflow task`",
  "where the plan file goes",
  (io, e) => {
    const w = writePlanFile(e.pipeline, e.plan, e.dir);
    const only = writeOnlyTasks(io, e);
    io.stderr(
      `wrote ${w.tasks} task records to ${displayPath(e.dir, io.cwd)}${e.plan.graph.stages.some((s) => s.deferred !== undefined) ? " (stages past the frontier are not in it)" : ""}${only}\n`,
    );
  },
  undefined,
  "list these targets and what they need in only.tasks (STAGE or STAGE[grid=value,…]), which `dflow task DIR --tasks-file DIR/only.tasks --element 0` runs; every task is still in the plan",
);
