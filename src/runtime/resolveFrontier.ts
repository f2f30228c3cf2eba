import { appendFileSync, existsSync } from "node:fs";
import path from "node:path";
import { kernelParams, type BoundKernelCall, type BoundPipeline } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { loadKernelFunction, type KernelFunction } from "../kernels/index.js";
import { planProgram, type ComputedDomains, type Plan, type PlanOptions, type TaskGraph, type Value } from "../plan/index.js";
import { DomainValueError, gridKeysOf, relationPairsOf } from "./domainValues.js";
import { diag } from "../diag/codes.js";
import { runDomainCall, type DomainCallJob, type DomainCallResult } from "./domainCall.js";
import { taskLimits, taskScript, type IsolationSettings } from "./isolation.js";
import { TaskPool } from "./taskPool.js";
import { domainLogOf } from "./executeTask.js";
export { domainLogOf };
import { productIntact } from "./state.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** Grids and relations computed by kernels so far, filled in place by {@link computeDomains}. */
export interface MutableDomains {
  readonly grids: Map<string, Value[]>;
  readonly relations: Map<string, Value[][]>;
}

/** Loads a kernel by its dotted name, once. */
export type KernelLoader = (name: string) => Promise<KernelFunction | string>;

/** A kernel loader over a bound pipeline's kernel index that loads each kernel once. */
export function cachedKernelLoader(pipeline: BoundPipeline): KernelLoader {
  const loaded = new Map<string, KernelFunction | string>();
  return async (name) => {
    let f = loaded.get(name);
    if (f === undefined) {
      const r = await loadKernelFunction(pipeline.index!, name);
      f = r.fn ?? r.error ?? `no kernel ${name}`;
      loaded.set(name, f);
    }
    return f;
  };
}

/** Calls a grid or relation kernel: in a task process, or in this one when dflow runs from sources. */
export type DomainCaller = (job: DomainCallJob) => Promise<DomainCallResult>;

/** A caller running grid and relation kernels in this process (no isolation), loading each kernel once. */
export function inProcessCaller(pipeline: BoundPipeline, load: KernelLoader = cachedKernelLoader(pipeline)): DomainCaller {
  const types = new Map(pipeline.index!.types.map((t) => [t.name, t]));
  return (job) => runDomainCall(job, (j) => load(j.kernel), types);
}

/** What {@link computeDomains} found: whether anything new resolved, and a DF5008 per grid or relation whose kernel failed. */
export interface DomainsReport {
  readonly any: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** A grid or relation whose kernel failed: which kernel, why, and the log holding what more it said (a stack). */
export interface FailedDomain {
  readonly kind: "grid" | "relation";
  readonly kernel: string;
  readonly message: string;
  readonly log?: string;
}

/**
 * The grids and relations the tasks of `stages` range over or gather through: their variables'
 * grids, the axes of the products they read and write, the relations (and the relations'
 * grids) their inputs gather through. What a run limited to those stages (`--only`, with what
 * they need) computes; the other kernels are not its business.
 */
export function domainsOfStages(pipeline: BoundPipeline, stages: ReadonlySet<string>): Set<string> {
  const used = new Set<string>();
  const relations = new Map(pipeline.relations.map((r) => [r.name, r]));
  for (const s of pipeline.stages) {
    if (!stages.has(s.name)) continue;
    for (const v of s.vars) used.add(v.grid);
    for (const port of [...s.inputs, ...s.outputs]) for (const a of pipeline.products.get(port.ref.product)?.axes ?? []) used.add(a);
    for (const it of s.inputs)
      for (const c of it.gather?.clauses ?? []) {
        used.add(c.source);
        for (const v of [...(relations.get(c.source)?.from ?? []), ...(relations.get(c.source)?.to ?? [])]) used.add(v.grid);
      }
  }
  return used;
}

/**
 * Runs the grid and relation kernels of the frontier whose inputs now exist under `out` (with
 * `wanted`, only those it names), and adds their keys and pairs to `computed`. A kernel whose
 * input products are not all written yet is left for later. One that fails (throws, ends its
 * process, returns something that is not keys or pairs) is a DF5008 naming the grid or
 * relation, its log gets what more the kernel said, and it is added to `failed` so that it is
 * not called again; what does not depend on it goes on.
 */
export async function computeDomains(
  pipeline: BoundPipeline,
  g: TaskGraph,
  out: string,
  computed: MutableDomains,
  call: DomainCaller,
  failed: Map<string, FailedDomain>,
  wanted?: ReadonlySet<string>,
): Promise<DomainsReport> {
  const seed = String(g.params.get("seed") ?? 0);
  const diagnostics: Diagnostic[] = [];
  let any = false;
  const jobOf = (kind: "grid" | "relation", name: string, c: BoundKernelCall, arity?: number): DomainCallJob | string | undefined => {
    const k = c.kernel;
    if (k === undefined) return `there is no kernel \`${c.name}\``;
    const inputs: { port: string; path: string; type: string }[] = [];
    for (const { product, port } of c.inputs) {
      if (product === undefined || port === undefined) continue;
      const file = path.join(out, g.paths.get(product)!(new Int32Array(0)));
      const type = pipeline.products.get(product)?.typeName;
      const producer = pipeline.producers.get(product);
      // An input changed on disk since its producer wrote it waits for its producer to run again.
      if (!existsSync(file) || type === undefined || (producer !== undefined && !productIntact(out, file, producer))) return undefined;
      inputs.push({ port, path: file, type });
    }
    const params = kernelParams(k, c.params, g.params);
    return { kind, name, kernel: c.name, module: k.entry, exportName: k.exportName, inputs, params, seed, ...(arity !== undefined ? { arity } : {}) };
  };
  // Reported in the pipeline's order, whatever order the kernels end in.
  const report = (kind: "grid" | "relation", name: string, c: BoundKernelCall, r: DomainCallResult | undefined): r is DomainCallResult & { ok: true } => {
    if (r === undefined) return false;
    const log = failed.get(name)?.log;
    if (!r.ok)
      diagnostics.push(
        diag("DF5008", `The ${kind} \`${name}\` could not be computed: its kernel \`${c.name}\` failed: ${r.message}`, c.span, {
          ...(log !== undefined ? { notes: [`log: ${log}`] } : {}),
        }),
      );
    return r.ok;
  };
  // Keys and pairs are checked where they are received (domainValues): an unusable one is the kernel's DF5008.
  const checked = (kind: "grid" | "relation", name: string, kernel: string, take: () => void): boolean => {
    try {
      take();
      return true;
    } catch (e) {
      if (!(e instanceof DomainValueError)) throw e;
      failed.set(name, { kind, kernel, message: e.diagnostic.message });
      diagnostics.push(e.diagnostic);
      return false;
    }
  };
  // What the kernel said besides its message (a stack, why its process ended) goes to its log.
  const logged = (kind: "grid" | "relation", name: string, r: { message: string; detail?: string }): { log?: string } => {
    const log = domainLogOf(out, kind, name);
    try {
      makeDirectory(path.dirname(log));
      appendFileSync(log, `${r.message}\n${r.detail !== undefined ? r.detail + "\n" : ""}`);
      return { log };
    } catch {
      // The message is still reported: a log that cannot be written loses only its copy.
      return {};
    }
  };
  const run = async (kind: "grid" | "relation", name: string, c: BoundKernelCall, arity?: number): Promise<DomainCallResult | undefined> => {
    const job = jobOf(kind, name, c, arity);
    if (job === undefined) return undefined;
    const r: DomainCallResult = typeof job === "string" ? { ok: false, message: job } : await call(job);
    if (!r.ok) failed.set(name, { kind, kernel: c.name, message: r.message, ...logged(kind, name, r) });
    return r;
  };
  // Kernels whose inputs are ready run at once (each in its own task process when the pool has several).
  const grids = pipeline.grids.filter(
    (gr) => gr.domain.kind === "kernel" && !computed.grids.has(gr.name) && !failed.has(gr.name) && (wanted === undefined || wanted.has(gr.name)),
  );
  const gridResults = await Promise.all(grids.map((gr) => (gr.domain.kind === "kernel" ? run("grid", gr.name, gr.domain.call) : Promise.resolve(undefined))));
  grids.forEach((gr, i) => {
    const r = gridResults[i];
    if (gr.domain.kind !== "kernel" || !report("grid", gr.name, gr.domain.call, r)) return;
    const call = gr.domain.call;
    if (checked("grid", gr.name, call.name, () => computed.grids.set(gr.name, gridKeysOf(call.name, gr.name, r.value)))) any = true;
  });
  const relations = pipeline.relations.filter(
    (rel) =>
      rel.source.kind === "kernel" &&
      !computed.relations.has(rel.name) &&
      !failed.has(rel.name) &&
      (wanted === undefined || wanted.has(rel.name)) &&
      [...rel.from, ...rel.to].every((v) => g.grids.has(v.grid) || computed.grids.has(v.grid)),
  );
  const relResults = await Promise.all(
    relations.map((rel) =>
      rel.source.kind === "kernel" ? run("relation", rel.name, rel.source.call, rel.from.length + rel.to.length) : Promise.resolve(undefined),
    ),
  );
  relations.forEach((rel, i) => {
    const r = relResults[i];
    if (rel.source.kind !== "kernel" || !report("relation", rel.name, rel.source.call, r)) return;
    const call = rel.source.call;
    if (
      checked("relation", rel.name, call.name, () =>
        computed.relations.set(rel.name, relationPairsOf(call.name, rel.name, rel.from.length + rel.to.length, r.value)),
      )
    )
      any = true;
  });
  return { any, diagnostics };
}

/**
 * Plans a program as far as the data on disk allows: plans, computes the frontier's grids and
 * relations whose inputs exist, and plans again until nothing new resolves. What a backend
 * emits from; the stages still past the frontier stay deferred.
 */
export async function planWithData(
  pipeline: BoundPipeline,
  opts: Omit<PlanOptions, "computed"> & IsolationSettings,
): Promise<{ value: Plan | undefined; diagnostics: readonly Diagnostic[]; computed: ComputedDomains }> {
  const computed: MutableDomains = { grids: new Map(), relations: new Map() };
  const failed = new Map<string, FailedDomain>();
  const found: Diagnostic[] = [];
  const script = taskScript();
  let pool: TaskPool | undefined;
  const call: DomainCaller =
    script === undefined || pipeline.index === undefined
      ? (job) => inProcessCaller(pipeline)(job)
      : (job) => {
          pool ??= new TaskPool({ size: 1, script, out: path.resolve(opts.out), types: pipeline.index!.types, ...maxMemory(undefined, opts) });
          return pool.call(job, taskLimits(undefined, opts));
        };
  try {
    for (;;) {
      const p = planProgram(pipeline, { ...opts, computed, intact: (file, producer) => productIntact(opts.out, file, producer) });
      const diagnostics = [...p.diagnostics, ...found];
      // A stage waits on a frontier grid or on a relation not computed yet (over grids known already).
      const waiting = p.value !== undefined && (p.value.graph.frontier.size > 0 || p.value.graph.stages.some((s) => s.deferred !== undefined));
      if (p.value === undefined || pipeline.index === undefined || !waiting) return { value: p.value, diagnostics, computed };
      const r = await computeDomains(pipeline, p.value.graph, p.value.out, computed, call, failed);
      found.push(...r.diagnostics);
      if (!r.any) return { value: p.value, diagnostics: [...p.diagnostics, ...found], computed };
    }
  } finally {
    await pool?.close();
  }
}

/** The largest memory limit a task or kernel can have, for a pool's heap: `--task-memory` and the stages' declared `memory`. */
export function maxMemory(g: TaskGraph | undefined, s: IsolationSettings): { maxMemory?: number } {
  let m = s.taskMemory;
  for (const st of g?.stages ?? []) if (st.resources.memory !== undefined) m = Math.max(m ?? 0, st.resources.memory);
  return m !== undefined ? { maxMemory: m } : {};
}
