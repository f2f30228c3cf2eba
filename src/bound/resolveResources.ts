import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { isDataSize, isDuration, parseUnit, toBytes, toSeconds } from "../units/index.js";
import type { BoundExpr, Value } from "./BoundExpr.js";
import type { BoundStage } from "./BoundPipeline.js";
import { evalMeasured, type Measured } from "./evalMeasured.js";

/**
 * Wall time of one task of a stage that declares no `time`: one hour. The plan's core-hours
 * count it, and a Slurm job asks for it (times the site's time factor).
 */
export const DEFAULT_TASK_SECONDS = 3600;

/**
 * What one task of a stage asks for, evaluated once per plan (resources may name params):
 * the one value `dflow plan`'s summary, `dflow table` and the Slurm layout read.
 */
export interface ResolvedResources {
  /** Wall seconds of one task: the stage's `time`, else {@link DEFAULT_TASK_SECONDS}. Not scaled by a site. */
  readonly seconds: number;
  /** Whether the stage declares its `time`. */
  readonly timeDeclared: boolean;
  /**
   * `time 10min per 250 spectra`: the amount of work `time` is given for. Nothing in a plan
   * counts a task's units of work, so `seconds` stands for one task whatever the amount.
   */
  readonly per: { readonly amount: number; readonly unit: string | undefined } | undefined;
  readonly cores: number;
  /** Attempts after the first when a task fails (`retry N`); 0 when the stage declares none. */
  readonly retries: number;
  readonly threads: number;
  readonly ranks: number;
  readonly gpus: number;
  /** Bytes, or undefined (a site's default). */
  readonly memory: number | undefined;
  /** `pack N`: N tasks per job; `pack 30min`: as many tasks as that much wall time holds. */
  readonly pack: { readonly tasks: number } | { readonly seconds: number } | undefined;
}

/**
 * A stage's resources evaluated with the plan's params: `time` and a duration `pack` in
 * seconds, `memory` in bytes, counts as whole numbers. A value of the wrong kind (a `time`
 * that is not a duration, a `memory` that is not a data size, a count that is not a whole
 * number above zero) is DF3040 through `report`, and the default is used in its place.
 */
export function resolveResources(stage: BoundStage, params: ReadonlyMap<string, Value>, report: (d: Diagnostic) => void): ResolvedResources {
  const problem = (name: string, e: BoundExpr, want: string, m: Measured | string | undefined): void => {
    const got =
      m === undefined
        ? "it has no value"
        : typeof m === "string"
          ? m
          : `it is \`${String(m.value)}${m.unit !== undefined ? " " + m.unit : ""}\`${m.unit === undefined && typeof m.value === "number" ? ", with no unit" : ""}`;
    report(
      diag("DF3040", `\`${name}\` of stage \`${stage.name}\` takes ${want}, but ${got}.`, e.span, {
        label: `not ${want}`,
      }),
    );
  };
  const measure = (e: BoundExpr): Measured | string | undefined => {
    const r = evalMeasured(e, params);
    return r === undefined ? undefined : r.ok ? r.value : r.message;
  };
  const unitValue = (m: Measured | string | undefined): { n: number; unit: ReturnType<typeof parseUnit> } | undefined =>
    m !== undefined && typeof m !== "string" && typeof m.value === "number" && m.unit !== undefined ? { n: m.value, unit: parseUnit(m.unit) } : undefined;
  const seconds = (name: string, e: BoundExpr): number | undefined => {
    const m = measure(e);
    const q = unitValue(m);
    if (q?.unit.ok === true && isDuration(q.unit.unit)) {
      const s = toSeconds(q.n, q.unit.unit);
      if (s.ok && s.value >= 0) return s.value;
    }
    problem(name, e, "a duration such as `10min`", m);
    return undefined;
  };
  const count = (name: string): number => {
    const r = stage.resources.get(name);
    if (r === undefined) return 1;
    const m = measure(r.value);
    if (m !== undefined && typeof m !== "string" && m.unit === undefined && typeof m.value === "number" && Number.isInteger(m.value) && m.value >= 1)
      return m.value;
    problem(name, r.value, "a whole number greater than zero", m);
    return 1;
  };
  const time = stage.resources.get("time");
  const timeSeconds = time !== undefined ? seconds("time", time.value) : undefined;
  let per: ResolvedResources["per"];
  if (time?.per !== undefined) {
    const m = measure(time.per);
    if (m !== undefined && typeof m !== "string" && typeof m.value === "number" && m.value > 0) per = { amount: m.value, unit: m.unit };
    else problem("per", time.per, "an amount of work such as `250 spectra`", m);
  }
  let memory: number | undefined;
  const mem = stage.resources.get("memory");
  if (mem !== undefined) {
    const m = measure(mem.value);
    const q = unitValue(m);
    const b = q?.unit.ok === true && isDataSize(q.unit.unit) ? toBytes(q.n, q.unit.unit) : undefined;
    if (b?.ok === true && b.value > 0) memory = b.value;
    else problem("memory", mem.value, "a data size such as `4GB`", m);
  }
  let pack: ResolvedResources["pack"];
  if (stage.pack !== undefined) {
    const m = measure(stage.pack);
    if (m !== undefined && typeof m !== "string" && m.unit === undefined && typeof m.value === "number" && Number.isInteger(m.value) && m.value >= 1)
      pack = { tasks: m.value };
    else if (m !== undefined && typeof m !== "string" && m.unit !== undefined) {
      const s = seconds("pack", stage.pack);
      if (s !== undefined) pack = { seconds: s };
    } else problem("pack", stage.pack, "a whole number of tasks or a duration", m);
  }
  return {
    seconds: timeSeconds ?? DEFAULT_TASK_SECONDS,
    timeDeclared: timeSeconds !== undefined,
    per,
    cores: count("cores"),
    retries: stage.resources.has("retry") ? count("retry") : 0,
    threads: count("threads"),
    ranks: count("ranks"),
    gpus: count("gpus"),
    memory,
    pack,
  };
}

/**
 * Tasks one job runs under `pack`, with times scaled by a site's `timeFactor`: `pack N` is N,
 * `pack 30min` as many whole tasks as fit (at least one); undefined without `pack`.
 */
export function tasksPerJob(r: ResolvedResources, timeFactor: number): number | undefined {
  if (r.pack === undefined) return undefined;
  if ("tasks" in r.pack) return r.pack.tasks;
  return Math.max(1, Math.floor(r.pack.seconds / Math.max(1, r.seconds * timeFactor)));
}
