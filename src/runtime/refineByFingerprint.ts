import { existsSync } from "node:fs";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import type { Plan } from "../plan/index.js";
import { RecordBuilder } from "./buildRecord.js";
import { fingerprintOf } from "./executeTask.js";
import { inputHash } from "./state.js";
import { upToDate, type StaleReason, type UpToDate } from "./upToDate.js";
import { diffBasis } from "./taskBasis.js";

/**
 * Refines existence-based staleness (`staleTasks`) with fingerprints when the output root has
 * run state: a task whose outputs exist but that `dflow run` would not find up to date (its
 * kernel, params or inputs changed, or an output changed on disk: the one rule of `upToDate`)
 * becomes `changed` (3), and what depends on it `upstream` (2). `state` is updated in place;
 * `reasons`, when given, gets why each task marked 3 is stale, with what changed named when the
 * record keeps what its fingerprint was made of (`display` shows a kernel file's path).
 */
export function refineByFingerprint(
  plan: Plan,
  pipeline: BoundPipeline,
  state: Uint8Array,
  reasons?: Map<number, StaleReason>,
  display?: (file: string) => string,
): void {
  const g = plan.graph;
  const out = plan.out;
  if (pipeline.index === undefined || !existsSync(path.join(out, ".dflow", "state"))) return;
  const builder = new RecordBuilder(pipeline);
  const hashOf = (file: string, producer: string | undefined): string => inputHash(out, file, producer);
  for (let t = 0; t < g.taskCount; t++) {
    let upstream = false;
    for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) if (state[g.edges[e]!] !== 0) upstream = true;
    if (state[t] !== 0) continue;
    if (upstream) {
      state[t] = 2;
      continue;
    }
    const r = builder.record(g, t);
    if (r === undefined) continue;
    const fp = fingerprintOf(r, { out, hashOf });
    const current: UpToDate =
      "missing" in fp
        ? { stale: true, reason: { kind: "changed", details: [`missing input ${fp.missing}`] } }
        : upToDate(
            out,
            r.id,
            fp.fingerprint,
            r.outputs.map((o) => o.path),
            fp.former !== undefined ? { former: fp.former } : {},
          );
    if (!current.stale) continue;
    state[t] = 3;
    if (reasons === undefined) continue;
    const why = current.reason;
    if (why.kind === "changed" && why.previous !== undefined && "basis" in fp) {
      const producers = new Map(r.inputs.flatMap((i) => i.items.flatMap((it) => (it.producer !== undefined ? [[it.path, it.producer] as const] : []))));
      const ctx = { out, producers, ...(r.closureFiles !== undefined ? { closureFiles: r.closureFiles } : {}), ...(display !== undefined ? { display } : {}) };
      reasons.set(t, { ...why, details: diffBasis(why.previous, fp.basis, ctx) });
    } else reasons.set(t, why);
  }
}
