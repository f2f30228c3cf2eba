import { DEFAULT_TASK_SECONDS } from "../../bound/index.js";
import type { LintRule } from "../LintContext.js";

/** DF6005: a stage without `time`: plans and jobs then count a default time per task. */
export const StageTimeRule: LintRule = {
  code: "DF6005",
  name: "stage-without-time",
  run(ctx) {
    for (const s of ctx.pipeline.stages) {
      if (s.resources.has("time")) continue;
      ctx.report("DF6005", `Stage \`${s.name}\` has no time estimate: plans count ${DEFAULT_TASK_SECONDS / 60} min a task.`, s.nameSpan, {
        label: "no `time`",
        help: "add a `time` line: a duration (`time 10min`) or a cost model (`time 2min per 500 spectra`)",
      });
    }
  },
};
