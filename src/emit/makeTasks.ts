import type { TaskGraph } from "../plan/index.js";
import { taskId } from "../plan/index.js";
import type { TaskRecord } from "../runtime/index.js";
import { stampContent, stampName, type MakeTask } from "./emitMake.js";

/** A stage's fingerprint stamp: its file name under the stamp directory and what it holds. */
export interface MakeStamp {
  readonly name: string;
  readonly content: string;
}

/**
 * What `emitMakefile` needs of a plan, without writing anything: one stamp per stage (from its
 * first task's record) and, streamed, each task's id, stage and paths. Stages past the frontier,
 * empty stages and stages without a record are left out.
 */
export function makeTasks(g: TaskGraph, recordOf: (task: number) => TaskRecord | undefined): { stamps: MakeStamp[]; tasks: Iterable<MakeTask> } {
  const stages = g.stages.flatMap((s) => {
    if (s.deferred !== undefined || s.count === 0) return [];
    const first = recordOf(s.first);
    return first === undefined ? [] : [{ stage: s, stamp: { name: stampName(first), content: stampContent(first) } }];
  });
  function* tasks(): Generator<MakeTask> {
    for (const { stage: s } of stages) {
      for (let t = s.first; t < s.first + s.count; t++) {
        const inputs: string[] = [];
        const outputs: string[] = [];
        g.inputsOf(t, (product, keys) => inputs.push(g.paths.get(product)!(keys)));
        g.outputsOf(t, (product, keys) => outputs.push(g.paths.get(product)!(keys)));
        yield { id: taskId(g, t), stage: s.name, inputs, outputs };
      }
    }
  }
  return { stamps: stages.map((x) => x.stamp), tasks: tasks() };
}
