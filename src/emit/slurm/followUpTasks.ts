import type { SlurmStatus, SlurmTaskState } from "./slurmStatus.js";

/** The dependency edges of a task graph, as CSR: task `t` reads the outputs of `edges[edgeStart[t] .. edgeStart[t+1])`, all before `t`. */
export interface TaskEdges {
  readonly taskCount: number;
  readonly edgeStart: ArrayLike<number>;
  readonly edges: ArrayLike<number>;
}

/** The tasks of a follow-up submission: `submit[t]` is 1 for each task to submit; `external` maps the queued tasks it depends on to their job array element. */
export interface FollowUp {
  readonly submit: Uint8Array;
  readonly external: ReadonlyMap<number, string>;
}

const QUEUED = new Set<SlurmTaskState>(["pending", "running"]);

/**
 * What `dflow continue` submits: every task no submission holds yet that does not wait on a
 * failed, cancelled or stale one. Queued tasks are depended on by their element; a task
 * downstream of a submitted task that ended badly is left for `dflow resubmit` (Slurm drops a
 * dependency on an ended job instead of honouring it).
 */
export function continueTasks(g: TaskEdges, s: Pick<SlurmStatus, "states" | "where">): FollowUp {
  const submit = new Uint8Array(g.taskCount);
  const blocked = new Uint8Array(g.taskCount);
  const external = new Map<number, string>();
  for (let t = 0; t < g.taskCount; t++) {
    const st = s.states[t]!;
    let upstreamBlocked = false;
    for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) if (blocked[g.edges[e]!] === 1) upstreamBlocked = true;
    if (st === "done") continue;
    if (QUEUED.has(st)) external.set(t, s.where[t]!);
    else if (s.where[t] !== undefined || upstreamBlocked) blocked[t] = 1;
    else submit[t] = 1;
  }
  return { submit, external };
}

/**
 * What `dflow resubmit` submits: the minimal set that is not done and not queued (failed,
 * cancelled, stale, never submitted). A queued task reading one of them is queued on the old
 * data: its whole element is cancelled (`cancel`, sorted) and its tasks submitted again; other
 * queued tasks are depended on by their element.
 */
export function resubmitTasks(g: TaskEdges, s: Pick<SlurmStatus, "states" | "where">): FollowUp & { readonly cancel: readonly string[] } {
  const submit = new Uint8Array(g.taskCount);
  const members = new Map<string, number[]>();
  for (let t = 0; t < g.taskCount; t++) {
    const w = s.where[t];
    if (w !== undefined) members.set(w, [...(members.get(w) ?? []), t]);
  }
  const cancel = new Set<string>();
  for (let t = 0; t < g.taskCount; t++) {
    const st = s.states[t]!;
    if (st === "done") continue;
    if (!QUEUED.has(st)) {
      submit[t] = 1;
      continue;
    }
    if (submit[t] === 1) continue;
    let stale = false;
    for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) if (submit[g.edges[e]!] === 1) stale = true;
    if (!stale) continue;
    cancel.add(s.where[t]!);
    for (const m of members.get(s.where[t]!) ?? []) if (s.states[m] !== "done") submit[m] = 1;
  }
  const external = new Map<number, string>();
  for (let t = 0; t < g.taskCount; t++) if (submit[t] === 0 && QUEUED.has(s.states[t]!)) external.set(t, s.where[t]!);
  return { submit, external, cancel: [...cancel].sort() };
}

/** Whether a continuation job other than `self` (the job running this follow-up) is still waiting or running: then no new one is added. */
export function continuationQueued(continuations: SlurmStatus["continuations"], self: string | undefined): boolean {
  return continuations.some((c) => c.jobId !== self && ["PENDING", "RUNNING", "REQUEUED", "CONFIGURING"].includes(c.state));
}
