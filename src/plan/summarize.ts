import type { BoundExpr } from "../bound/index.js";
import { parseUnit, toSeconds } from "../units/index.js";
import type { TaskGraph } from "./TaskGraph.js";
import { evalConst, type Value } from "./values.js";
import type { Site } from "./site.js";

/** One row of `dflow plan`'s table. */
export interface StageSummary {
  readonly stage: string;
  readonly tasks: number;
  readonly toRun: number;
  /** Batch jobs after packing (`pack N` tasks per job, or `pack DURATION` of work per job). */
  readonly jobs: number;
  /** Estimated core-hours of the tasks to run: time × cores × ranks. */
  readonly coreHours: number;
  /** With a site: the job arrays the jobs take once split at MaxArraySize. */
  readonly arrays?: number;
  readonly deferred?: string;
}

/** Seconds of a duration expression (`10min`, a param), or undefined. */
export function durationSeconds(e: BoundExpr | undefined, params: ReadonlyMap<string, Value>): number | undefined {
  if (e === undefined) return undefined;
  if (e.kind === "quantity") {
    const u = parseUnit(e.unit);
    if (!u.ok) return undefined;
    const s = toSeconds(e.value, u.unit);
    return s.ok ? s.value : undefined;
  }
  const v = evalConst(e, params);
  return typeof v === "number" ? v : undefined;
}

/** The per-stage figures of a plan, in plan order; with a site, times are scaled by its time factor and jobs count array elements. */
export function summarizePlan(g: TaskGraph, state: Uint8Array, site?: Site): StageSummary[] {
  return g.stages.map((s) => {
    let toRun = 0;
    for (let t = s.first; t < s.first + s.count; t++) if (state[t] !== 0) toRun++;
    const res = s.stage.resources;
    const time = (durationSeconds(res.get("time")?.value, g.params) ?? 0) * (site?.timeFactor ?? 1);
    const num = (name: string): number => {
      const r = res.get(name);
      const v = r !== undefined ? evalConst(r.value, g.params) : undefined;
      return typeof v === "number" && v > 0 ? v : 1;
    };
    let jobs = toRun;
    const pack = s.stage.pack;
    if (pack !== undefined && toRun > 0) {
      if (pack.kind === "quantity") {
        const d = durationSeconds(pack, g.params) ?? 0;
        const perJob = time > 0 ? Math.max(1, Math.floor(d / time)) : 1;
        jobs = Math.ceil(toRun / perJob);
      } else {
        const n = evalConst(pack, g.params);
        if (typeof n === "number" && n > 0) jobs = Math.ceil(toRun / n);
      }
    }
    const coreHours = (toRun * time * num("cores") * num("ranks")) / 3600;
    const arrays = site !== undefined ? Math.ceil(jobs / site.MaxArraySize) : undefined;
    return {
      stage: s.name,
      tasks: s.count,
      toRun,
      jobs,
      coreHours,
      ...(arrays !== undefined ? { arrays } : {}),
      ...(s.deferred !== undefined ? { deferred: s.deferred } : {}),
    };
  });
}
