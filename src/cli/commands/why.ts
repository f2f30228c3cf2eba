import type { IsolationFlags } from "../../drivers/isolationFlags.js";
import { diag } from "../../diag/codes.js";
import { displayPath, SourceMap } from "../../diag/SourceMap.js";
import { staleTasks, taskId, type Plan } from "../../plan/index.js";
import { explainTask, refineByFingerprint, type StaleReason, type TaskExplanation } from "../../runtime/index.js";
import { suggest } from "../../util/suggest.js";
import { defineCommand } from "../CliCommand.js";
import { isolationOptions, loadPlanIsolated, planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption, report } from "../report.js";

interface WhyFlags extends PlanFlags, IsolationFlags {
  readonly format: "text" | "json";
}

/** The index of the task with id `id`, or undefined. */
function findTask(plan: Plan, id: string): number | undefined {
  const g = plan.graph;
  const stage = g.stages.find((s) => s.name === id.split("[", 1)[0]);
  if (stage === undefined) return undefined;
  for (let t = stage.first; t < stage.first + stage.count; t++) if (taskId(g, t) === id) return t;
  return undefined;
}

/** The task as text: its state and reason, then each difference, its inputs (with their producers) and its outputs. */
function renderText(e: TaskExplanation): string {
  const lines = [`${e.id}: ${e.state === "up-to-date" ? "up to date: it would not run" : `would run: ${e.why}`}`];
  if (e.details.length > 1) for (const d of e.details) lines.push(`  changed: ${d}`);
  lines.push(`  stage: ${e.stage}`);
  for (const i of e.inputs) lines.push(`  input: ${i.path}${i.producer !== undefined ? ` (from ${i.producer})` : ""}`);
  for (const o of e.outputs) lines.push(`  output: ${o}`);
  return lines.join("\n") + "\n";
}

/** `dflow why FILE TASK`: whether one task would run, and why. */
export const whyCommand = defineCommand(
  (parent) =>
    isolationOptions(
      planOptions(
        parent
          .command("why")
          .description("say whether a task would run and why: missing output, an upstream task, a param, kernel file or input that changed")
          .argument("<file>", "the .dflow file")
          .argument("<task>", "a task id as `dflow plan --list` prints it, such as 'sky[exposure=1234,camera=b]'"),
      ),
      "kernels",
    )
      .addOption(formatOption(["text", "json"], "text, or json: the explanation as one JSON object on stdout"))
      .addHelpText(
        "after",
        `
Examples:
  dflow why pipelines/example.dflow 'calibrate[exposure=3,camera=b]'
  dflow why pipelines/example.dflow 'calibrate[exposure=3,camera=b]' --set step=5 --format json`,
      ),
  async (io, file: string, id: string, flags: WhyFlags) => {
    const sources = new SourceMap();
    const r = await loadPlanIsolated(sources, file, flags, io.cwd);
    const diagnostics = [...r.diagnostics];
    const plan = r.plan;
    const t = plan !== undefined ? findTask(plan, id) : undefined;
    if (plan !== undefined && t === undefined) {
      const g = plan.graph;
      const stage = g.stages.find((s) => s.name === id.split("[", 1)[0]);
      const ids =
        stage !== undefined ? Array.from({ length: Math.min(stage.count, 100_000) }, (_, i) => taskId(g, stage.first + i)) : g.stages.map((s) => s.name);
      diagnostics.push(
        diag("DF5014", stage !== undefined ? `Stage \`${stage.name}\` has no task \`${id}\` in this plan.` : `The plan has no task \`${id}\`.`, undefined, {
          suggestions: suggest(id, ids),
          help: "`dflow plan FILE --list` lists the tasks with their ids",
        }),
      );
    }
    const result = { sources, diagnostics };
    report(io, result, flags.format, { dataOnStdout: t !== undefined });
    if (plan === undefined || t === undefined || r.pipeline === undefined) return result;
    const state = staleTasks(plan.graph, plan.out);
    const reasons = new Map<number, StaleReason>();
    refineByFingerprint(plan, r.pipeline, state, reasons, (f) => displayPath(f, io.cwd));
    const e = explainTask(plan, state, reasons, t);
    io.stdout(flags.format === "json" ? JSON.stringify(e, null, 2) + "\n" : renderText(e));
    return result;
  },
);
