import { existsSync } from "node:fs";
import path from "node:path";
import { taskId, type Plan } from "../plan/index.js";
import { describeStaleReason, type StaleReason } from "./upToDate.js";

/**
 * Why task `t` would run, in a few words, from its state (`staleTasks` refined by
 * `refineByFingerprint`, whose `reasons` hold the fingerprint's): `missing output PATH`,
 * `TASK runs first` (the first task it reads from that runs), or what changed (`param gain 1→2`,
 * `kernel stdlib/calib/sky.ts`, `input frame[…]`, `output changed on disk: PATH`). Empty for a
 * task that is up to date.
 */
export function whyTask(plan: Plan, state: Uint8Array, reasons: ReadonlyMap<number, StaleReason>, t: number): string {
  const g = plan.graph;
  switch (state[t]) {
    case 1: {
      const outputs: string[] = [];
      g.outputsOf(t, (product, keys) => outputs.push(g.paths.get(product)!(keys)));
      // One output (the common case) is the missing one: no need to look at the disk again.
      const missing = outputs.length === 1 ? outputs[0] : outputs.find((rel) => !existsSync(path.join(plan.out, rel)));
      return missing !== undefined ? `missing output ${missing}` : "missing output";
    }
    case 2:
      for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
        const p = g.edges[e]!;
        if (state[p] !== 0) return `${taskId(g, p)} runs first`;
      }
      return "an upstream task runs";
    case 3: {
      const r = reasons.get(t);
      return r !== undefined ? describeStaleReason(r) : "changed";
    }
    default:
      return "";
  }
}

/** What `dflow why` says of one task. */
export interface TaskExplanation {
  readonly id: string;
  readonly stage: string;
  readonly state: "up-to-date" | "missing-output" | "upstream" | "changed";
  /** Why it would run (empty when up to date). */
  readonly why: string;
  /** Every difference named, when its fingerprint changed. */
  readonly details: readonly string[];
  readonly inputs: readonly { readonly path: string; readonly producer?: string }[];
  readonly outputs: readonly string[];
}

const STATES = ["up-to-date", "missing-output", "upstream", "changed"] as const;

/** Explains task `t` of a plan whose states and reasons are computed (see {@link whyTask}). */
export function explainTask(plan: Plan, state: Uint8Array, reasons: ReadonlyMap<number, StaleReason>, t: number): TaskExplanation {
  const g = plan.graph;
  const producers = new Map<string, string>();
  for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
    const p = g.edges[e]!;
    g.outputsOf(p, (product, keys) => producers.set(g.paths.get(product)!(keys), taskId(g, p)));
  }
  const inputs: { path: string; producer?: string }[] = [];
  g.inputsOf(t, (product, keys) => {
    const p = g.paths.get(product)!(keys);
    const producer = producers.get(p);
    inputs.push({ path: p, ...(producer !== undefined ? { producer } : {}) });
  });
  const outputs: string[] = [];
  g.outputsOf(t, (product, keys) => outputs.push(g.paths.get(product)!(keys)));
  const r = reasons.get(t);
  // Keys in sorted order: the JSON form prints them as they are.
  return {
    details: r?.kind === "changed" ? (r.details ?? []) : [],
    id: taskId(g, t),
    inputs,
    outputs,
    stage: g.stageOf(t).name,
    state: STATES[state[t]!]!,
    why: whyTask(plan, state, reasons, t),
  };
}
