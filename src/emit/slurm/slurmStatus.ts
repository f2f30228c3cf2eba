import type { JobStates, Ledger } from "./slurmLedger.js";

/** The state of one task of a submitted plan. */
export type SlurmTaskState = "done" | "running" | "pending" | "failed" | "cancelled" | "stale" | "never submitted";

/** Every task state, in the order `dflow status` shows them. */
export const SLURM_TASK_STATES: readonly SlurmTaskState[] = ["done", "running", "pending", "failed", "cancelled", "stale", "never submitted"];

/**
 * What the outputs on disk say of a task, as `staleTasks` and the fingerprints give it:
 * 0 up to date, 1 an output missing, 2 upstream of a task that must run, 3 its kernel, params or inputs changed.
 */
export type Freshness = number;

/**
 * A submitted task's state from its job array element's sacct state and its outputs. Up-to-date
 * outputs win (the task is done whatever Slurm says); an element sacct does not know yet is
 * pending; one that completed without making up-to-date outputs is stale; every other end
 * (FAILED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, …) is a failure, CANCELLED aside.
 */
export function classifySacct(slurm: string | undefined, upToDate: boolean): SlurmTaskState {
  if (upToDate) return "done";
  switch (slurm) {
    case undefined:
    case "PENDING":
    case "REQUEUED":
    case "CONFIGURING":
    case "RESIZING":
    case "SUSPENDED":
      return "pending";
    case "RUNNING":
    case "COMPLETING":
      return "running";
    case "COMPLETED":
      return "stale";
    case "CANCELLED":
      return "cancelled";
    default:
      return "failed";
  }
}

/** Every task's state, where it was last submitted, and the continuation jobs. */
export interface SlurmStatus {
  readonly states: readonly SlurmTaskState[];
  /** The job array element (`JOBID_INDEX`) that last held each task, if any. */
  readonly where: readonly (string | undefined)[];
  /** The continuation jobs submitted so far, with their sacct states (PENDING when sacct does not know them yet). */
  readonly continuations: readonly { readonly jobId: string; readonly state: string }[];
}

/**
 * The status of a submitted plan from its ledger, sacct's job states and each task's freshness
 * (indexed like `ids`). A task no ledger lists is done when fresh, stale when its outputs exist
 * but changed, else never submitted; a listed one is classified by its element's state (the
 * element's own row, else its array's).
 */
export function slurmStatus(ids: readonly string[], fresh: ArrayLike<Freshness>, ledger: Ledger, jobs: JobStates): SlurmStatus {
  const states: SlurmTaskState[] = new Array<SlurmTaskState>(ids.length);
  const where: (string | undefined)[] = new Array<string | undefined>(ids.length);
  for (let t = 0; t < ids.length; t++) {
    const e = ledger.tasks.get(ids[t]!);
    if (e === undefined) {
      states[t] = fresh[t] === 0 ? "done" : fresh[t] === 3 ? "stale" : "never submitted";
      continue;
    }
    where[t] = `${e.jobId}_${e.element}`;
    states[t] = classifySacct(jobs.get(`${e.jobId}_${e.element}`) ?? jobs.get(e.jobId), fresh[t] === 0);
  }
  const continuations = ledger.continuations.map((c) => ({ jobId: c.jobId, state: jobs.get(c.jobId) ?? "PENDING" }));
  return { states, where, continuations };
}
