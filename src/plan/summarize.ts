import { tasksPerJob } from "../bound/index.js";
import type { TaskGraph } from "./TaskGraph.js";
import type { Site } from "./site.js";

/** One row of `dflow plan`'s table. */
export interface StageSummary {
  readonly stage: string;
  readonly tasks: number;
  readonly toRun: number;
  /** Batch jobs after packing (`pack N` tasks per job, or `pack DURATION` of work per job). */
  readonly jobs: number;
  /** Estimated core-hours of the tasks to run: time × CPUs (the larger of cores and threads, times ranks). */
  readonly coreHours: number;
  /** Estimated memory-hours of the tasks to run, in GB·h: time × the stage's `memory`; undefined when it declares none. */
  readonly memoryHours: number | undefined;
  /** With a site: the job arrays the jobs take once split at MaxArraySize. */
  readonly arrays?: number;
  /** Why the stage is not planned yet (it is past the frontier): its figures are then unknown, not 0. */
  readonly deferred?: string;
}

/**
 * The per-stage figures of a plan, in plan order, from each stage's resources as resolved
 * once for the plan (a stage without `time` counts DEFAULT_TASK_SECONDS a task); with a site,
 * times are scaled by its time factor and jobs count array elements.
 */
export function summarizePlan(g: TaskGraph, state: Uint8Array, site?: Site): StageSummary[] {
  return g.stages.map((s) => {
    let toRun = 0;
    for (let t = s.first; t < s.first + s.count; t++) if (state[t] !== 0) toRun++;
    // The stage's resources, evaluated once for this plan (expandStages).
    const r = s.resources;
    const hours = (toRun * r.seconds * (site?.timeFactor ?? 1)) / 3600;
    const perJob = toRun > 0 ? tasksPerJob(r, site?.timeFactor ?? 1) : undefined;
    const jobs = perJob !== undefined ? Math.ceil(toRun / perJob) : toRun;
    const arrays = site !== undefined ? Math.ceil(jobs / site.MaxArraySize) : undefined;
    return {
      stage: s.name,
      tasks: s.count,
      toRun,
      jobs,
      coreHours: hours * Math.max(r.cores, r.threads) * r.ranks,
      memoryHours: r.memory !== undefined ? (hours * r.memory) / 1e9 : undefined,
      ...(arrays !== undefined ? { arrays } : {}),
      ...(s.deferred !== undefined ? { deferred: s.deferred } : {}),
    };
  });
}
