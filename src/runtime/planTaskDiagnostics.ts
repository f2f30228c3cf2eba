import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { suggest } from "../util/suggest.js";
import type { PlanProblem, TaskLookup } from "./planFile.js";

/** The diagnostic for a plan directory that cannot be read: none there (DF5012), or damaged (DF5013). `dir` as shown to the user. */
export function unreadablePlan(dir: string, problem: PlanProblem): Diagnostic {
  return problem.kind === "absent"
    ? diag("DF5012", `\`${dir}\` holds no plan: ${problem.what}.`, undefined, { help: "write one with `dflow emit plan FILE --emit-dir DIR`" })
    : diag("DF5013", `The plan in \`${dir}\` is damaged (${problem.what}): emit it again.`, undefined, {
        help: "run the `dflow emit plan|make|slurm` command that wrote it again",
      });
}

/** The diagnostic for an id that names no task of the plan (DF5014): an unknown stage (with did-you-mean), an index out of range, a key of no task. */
export function unknownTask(id: string, at: Exclude<TaskLookup, { kind: "found" | "unreadable" }>): Diagnostic {
  switch (at.kind) {
    case "unknown-stage": {
      const near = suggest(at.stage, at.stages);
      return diag("DF5014", `The plan has no stage \`${at.stage}\` (task \`${id}\`).`, undefined, {
        notes: [`the plan's stages: ${at.stages.join(", ")}`],
        suggestions: near,
      });
    }
    case "out-of-range":
      return diag(
        "DF5014",
        `Task \`${id}\` is out of range: stage \`${at.stage}\` has ${at.count} task${at.count === 1 ? "" : "s"}${at.count > 0 ? `, \`${at.stage}:0\` to \`${at.stage}:${at.count - 1}\`` : ""}.`,
        undefined,
      );
    case "no-key":
      return diag("DF5014", `Stage \`${at.stage}\` has no task \`${id}\`.`, undefined, {
        help:
          at.labels.length > 0
            ? `name it as \`${at.stage}[${at.labels.map((l) => `${l}=…`).join(",")}]\` with values of its grids, or as \`${at.stage}:i\``
            : `the stage has one task: \`${at.stage}\``,
      });
    case "not-run":
      return diag("DF5014", `Stage \`${at.stage}\` has no task to run in this plan (\`${id}\`): it is past the frontier or only lists inputs.`, undefined);
    case "malformed":
      return diag("DF5014", `\`${id}\` is not a task id.`, undefined, { help: "write `stage[label=value,…]`, or `stage:i` for task i of a stage" });
  }
}

/** The diagnostic for a task that failed (DF5015), naming its log. `log` as shown to the user. */
export function failedTasks(ids: readonly string[], message: string, logs: readonly string[]): Diagnostic {
  const shown = ids.length > 8 ? [...ids.slice(0, 8), `… (${ids.length - 8} more)`] : ids;
  return diag("DF5015", `${ids.length} tasks failed alike: ${message}`, undefined, {
    notes: [
      `tasks: ${shown.join(", ")}`,
      ...(logs.length > 8
        ? [...logs.slice(0, 8).map((l) => `log: ${l}`), `… ${logs.length - 8} more logs under the same folder`]
        : logs.map((l) => `log: ${l}`)),
    ],
  });
}

/** A failed task of `dflow run` or `dflow task`: its message and its log. */
export function failedTask(id: string, message: string, log: string): Diagnostic {
  return diag("DF5015", `Task \`${id}\` failed: ${message}`, undefined, { notes: [`log: ${log}`] });
}
