import { SLURM_TASK_STATES, type SlurmStatus, type SlurmTaskState } from "./slurmStatus.js";

/** What the status report needs of the plan: task ids, each task's stage, and the stages still past the frontier. */
export interface StatusPlan {
  readonly ids: readonly string[];
  readonly stageOf: (task: number) => string;
  readonly deferred: readonly { readonly stage: string; readonly waits: string }[];
}

function countByStage(p: StatusPlan, s: SlurmStatus): Map<string, Map<SlurmTaskState, number>> {
  const perStage = new Map<string, Map<SlurmTaskState, number>>();
  for (let t = 0; t < p.ids.length; t++) {
    const st = p.stageOf(t);
    const m = perStage.get(st) ?? new Map<SlurmTaskState, number>();
    m.set(s.states[t]!, (m.get(s.states[t]!) ?? 0) + 1);
    perStage.set(st, m);
  }
  return perStage;
}

/** `dflow status --format json`: counts per stage, the stages past the frontier, the continuation jobs, and every task's state and element. */
export function statusJson(p: StatusPlan, s: SlurmStatus): string {
  const tasks: Record<string, { state: SlurmTaskState; job?: string }> = {};
  for (let t = 0; t < p.ids.length; t++) {
    const job = s.where[t];
    tasks[p.ids[t]!] = job !== undefined ? { state: s.states[t]!, job } : { state: s.states[t]! };
  }
  const stages = Object.fromEntries([...countByStage(p, s)].map(([k, m]) => [k, Object.fromEntries(m)]));
  return JSON.stringify({ stages, deferred: p.deferred, continuations: s.continuations, tasks }, null, 2) + "\n";
}

/** `dflow status`: a table of task counts per stage and state, then the frontier, the continuation jobs, and up to 50 failed and cancelled tasks with their elements. */
export function statusText(p: StatusPlan, s: SlurmStatus): string {
  const perStage = countByStage(p, s);
  const pad = (x: string, st: string): string => x.padStart(st.length < 7 ? 7 : st.length);
  const w = Math.max(5, ...[...perStage.keys()].map((k) => k.length));
  const lines = [`${"stage".padEnd(w)}  ${SLURM_TASK_STATES.map((x) => pad(x, x)).join("  ")}`];
  const total = new Map<SlurmTaskState, number>();
  for (const [st, m] of perStage) {
    lines.push(`${st.padEnd(w)}  ${SLURM_TASK_STATES.map((x) => pad(String(m.get(x) ?? 0), x)).join("  ")}`);
    for (const [k, v] of m) total.set(k, (total.get(k) ?? 0) + v);
  }
  lines.push(`${"all".padEnd(w)}  ${SLURM_TASK_STATES.map((x) => pad(String(total.get(x) ?? 0), x)).join("  ")}`);
  for (const d of p.deferred) lines.push(`${d.stage}: not planned yet (${d.waits})`);
  for (const c of s.continuations) lines.push(`continuation job ${c.jobId}: ${c.state.toLowerCase()}`);
  for (const kind of ["failed", "cancelled"] as const) {
    const ids: string[] = [];
    for (let t = 0; t < p.ids.length; t++) if (s.states[t] === kind) ids.push(`${p.ids[t]} (job ${s.where[t]})`);
    if (ids.length > 0) lines.push(`${kind}:`, ...ids.slice(0, 50).map((x) => `  ${x}`), ...(ids.length > 50 ? [`  … and ${ids.length - 50} more`] : []));
  }
  return lines.join("\n") + "\n";
}
