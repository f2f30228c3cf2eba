import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { displayPath } from "../diag/SourceMap.js";

import { planProgram, taskId, type Plan, type PlanOptions, type TaskGraph, type Value } from "../plan/index.js";
import { RecordBuilder } from "./buildRecord.js";
import { executeTask, logFileOf, taskBeforeKernel, type TaskEnv, type TaskOutcome, type TaskRecord } from "./executeTask.js";
import { TemporarySweep } from "./sweepTemporaries.js";
import { taskLimits, taskScript, type IsolationSettings } from "./isolation.js";
import { cachedKernelLoader, computeDomains, domainsOfStages, inProcessCaller, maxMemory, type DomainCaller, type FailedDomain } from "./resolveFrontier.js";
import { TaskPool, type TaskLimits } from "./taskPool.js";
import { claimOutputRoot, fileHash, productIntact, type RootOwner } from "./state.js";
import { StageTally, type ReportProduct, type StageSummary } from "./stageTally.js";

/** What `dflow run` needs besides the bound pipeline; the isolation settings bound each task's time and memory. */
export interface RunOptions extends Omit<PlanOptions, "computed">, IsolationSettings {
  /** Plain progress lines (one per stage that ran tasks, one per failure). */
  readonly progress?: (line: string) => void;
  /** Called after every task with the stage's counts, for a progress bar. */
  readonly onTask?: (stage: string, done: number, total: number) => void;
  /** Tasks run at once, each in a child process (default 1). */
  readonly jobs?: number;
  /**
   * The bundled CLI that task processes run (default: {@link taskScript}, set by the executable).
   * Without one (dflow running from its sources) tasks and kernels run in this process, unisolated.
   */
  readonly script?: string;
  /** Run only these stages (`--only`: the selected stages and everything upstream). */
  readonly stages?: ReadonlySet<string>;
  /** Run only the tasks of each plan marked 1 (`--only` with keys: the selected tasks and those upstream). */
  readonly select?: (g: TaskGraph) => Uint8Array;
  /** Rehash every output of a task that looks up to date (`--verify`), not only those whose size or time changed. */
  readonly verify?: boolean;
  /** The pipeline the output root is claimed for: a root holding another pipeline's state is refused (DF5011). */
  readonly owner: RootOwner;
  /** Where paths in messages are relative to (default: the process's working directory). */
  readonly cwd?: string;
  /** Start no task after the first failure (`--fail-fast`); the default keeps going with every task that does not depend on it. */
  readonly failFast?: boolean;
}

/** How a run ended: counts, and each failed task with its message and log. */
export interface RunReport {
  readonly ran: number;
  readonly skipped: number;
  readonly failed: readonly { readonly id: string; readonly message: string; readonly log: string }[];
  readonly notRun: readonly string[];
  /** Tasks not started because a task failed and the run was told to stop (`--fail-fast`). */
  readonly stopped?: readonly string[];
  /** Tasks that failed, were run again (`retry N`) and succeeded. */
  readonly retried?: readonly string[];
  readonly deferred: readonly string[];
  /** Per stage with tasks in the run: tasks run, up to date and failed, time and bytes written. */
  readonly stages: readonly StageSummary[];
  /** The reports and summaries the run made or found up to date (docs/conventions.md#run-summary). */
  readonly products: readonly ReportProduct[];
}

/**
 * Runs a pipeline in process: plans it, runs every task whose fingerprint changed (kernel
 * import closure, params, derived seed, ordered input content hashes, dflow and codec
 * versions), writes outputs atomically after validating them against their types, resolves
 * the frontier (grids and relations computed by kernels, columns of products just made) and
 * goes on until nothing is left. A failing task fails its dependents only.
 */
export async function runPipeline(pipeline: BoundPipeline, opts: RunOptions): Promise<{ value: RunReport | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const index = pipeline.index;
  if (index === undefined)
    return { value: undefined, diagnostics: [diag("DF5005", "The kernels of this pipeline could not be read, so it cannot run.", undefined)] };
  const out = path.resolve(opts.out);
  const refused = claimOutputRoot(out, opts.owner, opts.cwd ?? process.cwd());
  if (refused.length > 0) return { value: undefined, diagnostics: refused };
  const log = opts.progress ?? (() => undefined);
  const builder = new RecordBuilder(pipeline);
  const kindex = index;
  const script = opts.script ?? taskScript();
  // Started with the first plan, which knows the stages' memory limits.
  let pool: TaskPool | undefined;
  const types = new Map(kindex.types.map((t) => [t.name, t]));
  const tally = new StageTally(out, types);
  const loadByName = cachedKernelLoader(pipeline);
  const hashes = new Map<string, string>();
  const env: TaskEnv = {
    out,
    types,
    loadKernel: (r) => loadByName(r.kernel),
    verify: opts.verify === true,
    hashOf(file) {
      let h = hashes.get(file);
      if (h === undefined) {
        h = fileHash(file);
        hashes.set(file, h);
      }
      return h;
    },
  };
  const computed = { grids: new Map<string, Value[]>(), relations: new Map<string, Value[][]>() };
  const failedDomains = new Map<string, FailedDomain>();
  // With `--only`, the grids and relations the stages run need: an unrelated kernel is not called.
  const wanted = opts.stages !== undefined ? domainsOfStages(pipeline, opts.stages) : undefined;
  const inProcess = inProcessCaller(pipeline, loadByName);
  // Each stage's limits, once per run (a stage's resources do not change between plans).
  const limitsOf = new Map<string, TaskLimits>();
  const callDomain: DomainCaller = (job) => (pool !== undefined ? pool.call(job, taskLimits(undefined, opts)) : inProcess(job));
  const finished = new Set<string>();
  const fates = new TaskFates(opts.failFast === true, Math.max(1, opts.jobs ?? 1), log);
  const { failed, notRun, stopped } = fates;
  let ran = 0;
  let skipped = 0;
  let plan: Plan | undefined;
  // Temporary files left by a killed run are removed before the tasks of each plan run.
  const sweep = new TemporarySweep(out);

  try {
    return await runRounds();
  } finally {
    await pool?.close();
  }

  async function runRounds(): Promise<{ value: RunReport | undefined; diagnostics: Diagnostic[] }> {
    for (let round = 0; round < 100; round++) {
      const p = planProgram(pipeline, { ...opts, computed, intact: (file, producer) => productIntact(out, file, producer) });
      diagnostics.push(...p.diagnostics.filter((d) => !diagnostics.some((x) => x.message === d.message)));
      if (p.value === undefined) return { value: undefined, diagnostics };
      plan = p.value;
      const g = plan.graph;
      const swept = sweep.sweep(g);
      if (swept.length > 0) log(`removed ${swept.length} temporary file${swept.length === 1 ? "" : "s"} left by an interrupted run`);
      const chosen = opts.select?.(g);
      if (pool === undefined && script !== undefined)
        pool = new TaskPool({
          size: Math.max(1, opts.jobs ?? 1),
          script,
          out,
          types: kindex.types,
          ...maxMemory(g, opts),
          verify: opts.verify === true,
          note: log,
        });
      let progress = false;
      // Tasks of the planned stages, in plan order (topological). With a pool, each task starts
      // once the tasks it reads from have ended; outputs do not depend on the order. A task
      // decided in this process (up to date, an input missing, not to run) ends at once, with no
      // promise: a rerun of many up-to-date tasks allocates none per task.
      const doneIn = new Map<string, number>();
      const ranIn = new Map<string, number>();
      const settle = (t: number, record: TaskRecord, r: TaskOutcome, started = performance.now()): void => {
        const s = g.stageOf(t);
        const id = record.id;
        tally.settle(s.name, record.outputs, r.kind, r.kind === "ran" && r.seconds !== undefined ? r.seconds : (performance.now() - started) / 1000);
        progress = true;
        const n = (doneIn.get(s.name) ?? 0) + 1;
        doneIn.set(s.name, n);
        opts.onTask?.(s.name, n, s.count);
        if (r.kind === "failed") {
          fates.fail(s.name, id, r.message, logFileOf(out, record));
          return;
        }
        finished.add(id);
        record.outputs.forEach((o, i) => hashes.set(path.join(out, o.path), r.hashes[i]!));
        if (r.kind === "ran") {
          ran++;
          ranIn.set(s.name, (ranIn.get(s.name) ?? 0) + 1);
        } else skipped++;
      };
      /** Decides task `t`: undefined when it ended here, else the promise of its run. */
      const handle = (t: number): Promise<void> | undefined => {
        const s = g.stageOf(t);
        if (opts.stages !== undefined && !opts.stages.has(s.name)) return undefined;
        if (chosen !== undefined && chosen[t] === 0) return undefined;
        const id = taskId(g, t);
        if (finished.has(id) || failed.has(id) || notRun.has(id) || stopped.has(id)) return undefined;
        for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
          const u = taskId(g, g.edges[e]!);
          if (failed.has(u) || notRun.has(u)) {
            notRun.add(id);
            return undefined;
          }
        }
        if (opts.failFast === true && failed.size > 0) {
          stopped.add(id);
          return undefined;
        }
        const record = builder.record(g, t);
        if (record === undefined) {
          failed.set(id, { message: "its kernel is not in the kernel index", log: "" });
          return undefined;
        }
        const started = performance.now();
        const again = (run: () => Promise<TaskOutcome>): Promise<TaskOutcome> => fates.retrying(id, s.resources.retries, run);
        if (pool === undefined) return again(() => executeTask(record, env)).then((r) => settle(t, record, r, started));
        // Up to date or missing an input: decided here, so that such a task never reaches a task process.
        const before = taskBeforeKernel(record, env);
        if (before.outcome !== undefined) {
          settle(t, record, before.outcome);
          return undefined;
        }
        const known: Record<string, string> = {};
        for (const inp of record.inputs)
          for (const it of inp.items) {
            const h = hashes.get(path.join(out, it.path));
            if (h !== undefined) known[path.join(out, it.path)] = h;
          }
        let limits = limitsOf.get(s.name);
        if (limits === undefined) limitsOf.set(s.name, (limits = taskLimits(s.resources, opts)));
        const [p, l] = [pool, limits];
        return fates.gated(id, () => again(() => p.runTask(record, known, l, before.fingerprint)).then((r) => settle(t, record, r, started)));
      };
      if (pool === undefined) {
        for (let t = 0; t < g.taskCount; t++) await handle(t);
      } else {
        // Each task's run while it is under way (undefined once it ended, or when it ended here).
        const running = new Array<Promise<void> | undefined>(g.taskCount);
        const under: Promise<void>[] = [];
        for (let t = 0; t < g.taskCount; t++) {
          const deps: Promise<void>[] = [];
          for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
            const d = running[g.edges[e]!];
            if (d !== undefined) deps.push(d);
          }
          let p: Promise<void> | undefined;
          try {
            p = deps.length === 0 ? handle(t) : Promise.all(deps).then(() => handle(t));
          } catch (e) {
            // Thrown as a rejection, so that the runs under way are awaited as before (none left unhandled).
            p = Promise.reject(e instanceof Error ? e : new Error(String(e)));
          }
          if (p !== undefined) {
            running[t] = p;
            under.push(p);
          }
        }
        await Promise.all(under);
      }
      for (const s of g.stages) {
        const n = ranIn.get(s.name) ?? 0;
        if (n > 0) log(`${s.name}: ${n} task${n === 1 ? "" : "s"} run`);
      }
      // The frontier: grids and relations computed by kernels whose inputs now exist.
      const domains = await computeDomains(pipeline, g, out, computed, callDomain, failedDomains, wanted);
      diagnostics.push(...domains.diagnostics);
      progress = domains.any || progress;
      if (!progress) break;
    }
    const deferred =
      plan === undefined
        ? []
        : plan.graph.stages
            .filter((s) => s.deferred !== undefined && (opts.stages === undefined || opts.stages.has(s.name)))
            .map((s) => `${s.name}: ${whyDeferred(pipeline, s.name, failedDomains, opts.cwd) ?? s.deferred}`);
    return {
      value: {
        ...{ ran, skipped, ...fates.report(), deferred },
        ...{ stages: tally.stages(plan?.graph.stages.map((s) => s.name) ?? []), products: tally.products() },
      },
      diagnostics,
    };
  }
}

/**
 * Why a stage is still waiting when a grid or relation it needs could not be computed: that
 * grid or relation, its kernel, the kernel's message and its log (not "waits for kernel …",
 * which it would wait for forever). Undefined when none of its grids or relations failed.
 */
function whyDeferred(pipeline: BoundPipeline, stage: string, failed: ReadonlyMap<string, FailedDomain>, cwd = process.cwd()): string | undefined {
  for (const name of domainsOfStages(pipeline, new Set([stage]))) {
    const f = failed.get(name);
    if (f === undefined) continue;
    const log = f.log !== undefined ? ` (log: ${displayPath(f.log, cwd)})` : "";
    return `the ${f.kind} \`${name}\` could not be computed: its kernel \`${f.kernel}\` failed: ${f.message}${log}`;
  }
  return undefined;
}

/** What became of the tasks that did not simply run: failed, not run (an input failed), not started (`--fail-fast`), retried. */
class TaskFates {
  readonly failed = new Map<string, { message: string; log: string }>();
  readonly notRun = new Set<string>();
  readonly stopped = new Set<string>();
  readonly retried = new Set<string>();
  /** With `--fail-fast`: at most -j tasks are handed to the pool at once, and none after a failure. */
  readonly gate: Gate | undefined;
  /** Failures already said on a progress line, by stage and message: eighteen alike are said once. */
  readonly #said = new Set<string>();
  constructor(
    readonly failFast: boolean,
    jobs: number,
    readonly log: (line: string) => void,
  ) {
    this.gate = failFast ? new Gate(jobs) : undefined;
  }

  fail(stage: string, id: string, message: string, log: string): void {
    this.failed.set(id, { message, log });
    const k = `${stage}\0${message}`;
    if (!this.#said.has(k)) this.log(`failed ${id}: ${message}`);
    this.#said.add(k);
  }

  /** `retry N`: runs a task again while it fails, up to `retries` more times (none with `--fail-fast`), with the same fingerprint and limits. */
  async retrying(id: string, retries: number, run: () => Promise<TaskOutcome>): Promise<TaskOutcome> {
    const most = this.failFast ? 0 : retries;
    for (let n = 0; ; n++) {
      const r = await run();
      if (r.kind !== "failed" || n >= most) {
        if (n > 0 && r.kind !== "failed") this.retried.add(id);
        return r;
      }
      this.log(`retrying ${id} (attempt ${n + 2} of ${most + 1}): ${r.message}`);
    }
  }

  /** Runs `go` now, or with `--fail-fast` when the gate lets it, and not at all after a failure. */
  gated(id: string, go: () => Promise<void>): Promise<void> {
    if (this.gate === undefined) return go();
    return this.gate.run(() => {
      if (this.failed.size === 0) return go();
      this.stopped.add(id);
      return Promise.resolve();
    });
  }

  report(): Pick<RunReport, "failed" | "notRun" | "stopped" | "retried"> {
    return {
      failed: [...this.failed].map(([id, f]) => ({ id, ...f })),
      notRun: [...this.notRun].sort(),
      stopped: [...this.stopped].sort(),
      retried: [...this.retried].sort(),
    };
  }
}

/** Runs at most `size` functions at once, the others in the order they came. */
class Gate {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  async run(fn: () => Promise<void>): Promise<void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next !== undefined) next();
      else this.#free++;
    }
  }
}
