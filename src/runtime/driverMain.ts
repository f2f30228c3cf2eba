import type { KernelContext } from "../../stdlib/kernel.js";
import { executeTask } from "./executeTask.js";
import { readPlanMeta, readTaskRecord } from "./planFile.js";
import { inputHash } from "./state.js";

/** A stage adapter of an emitted TypeScript driver. */
export type StageAdapter = (
  inputs: Readonly<Record<string, unknown>>,
  params: Readonly<Record<string, unknown>>,
  ctx: KernelContext,
) => Promise<Record<string, unknown>>;

/** Runs task ids of an emitted plan with a driver's stage adapters instead of loading kernels by name. */
export async function runEmittedPlan(planDir: string, ids: readonly string[], stages: Readonly<Record<string, StageAdapter>>): Promise<number> {
  const { meta, types } = readPlanMeta(planDir);
  const out = meta.out;
  let code = 0;
  for (const id of ids) {
    const record = readTaskRecord(planDir, id);
    if (record === undefined) {
      code = 1;
      continue;
    }
    const adapter = stages[record.stage];
    const r = await executeTask(record, {
      out,
      types,
      loadKernel: async () => (adapter === undefined ? `no adapter for stage \`${record.stage}\`` : (adapter as never)),
      hashOf: (file, producer) => inputHash(out, file, producer),
    });
    if (r.kind === "failed") code = 1;
  }
  return code;
}
