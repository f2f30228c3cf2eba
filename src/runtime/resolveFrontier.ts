import { existsSync } from "node:fs";
import path from "node:path";
import { kernelParams, type BoundKernelCall, type BoundPipeline } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { loadKernelFunction, type KernelFunction } from "../kernels/index.js";
import { planProgram, type ComputedDomains, type Plan, type PlanOptions, type TaskGraph, type Value } from "../plan/index.js";
import { openProduct } from "./codecs/index.js";
import { gridKeysOf, relationPairsOf } from "./domainValues.js";
import { makeRng, taskSeed } from "./rng.js";

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

/**
 * Runs the grid and relation kernels of the frontier whose inputs now exist under `out`, and
 * adds their keys and pairs to `computed`. Returns whether anything new was computed. A kernel
 * whose input products are not all written yet is left for later; one that fails throws.
 */
export async function computeDomains(pipeline: BoundPipeline, g: TaskGraph, out: string, computed: MutableDomains, load: KernelLoader): Promise<boolean> {
  const types = new Map(pipeline.index!.types.map((t) => [t.name, t]));
  const seed = String(g.params.get("seed") ?? 0);
  let any = false;
  const call = async (c: BoundKernelCall): Promise<unknown> => {
    const name = c.name;
    const k = c.kernel;
    const fn = await load(name);
    if (k === undefined || typeof fn === "string") throw new Error(typeof fn === "string" ? fn : `no kernel ${name}`);
    const inputs: Record<string, unknown> = {};
    for (const { product, port } of c.inputs) {
      if (product === undefined || port === undefined) continue;
      const file = path.join(out, g.paths.get(product)!(new Int32Array(0)));
      const t = types.get(pipeline.products.get(product)?.typeName ?? "");
      if (!existsSync(file) || t === undefined) return undefined;
      inputs[port] = { key: {}, ...openProduct(t, file) };
    }
    const params = kernelParams(k, c.params, g.params);
    return await fn(inputs, params, { rng: makeRng(taskSeed(seed, name, "")), key: {}, log: () => undefined });
  };
  for (const gr of pipeline.grids) {
    if (gr.domain.kind !== "kernel" || computed.grids.has(gr.name)) continue;
    const r = await call(gr.domain.call);
    if (r === undefined) continue;
    computed.grids.set(gr.name, gridKeysOf(gr.domain.call.name, gr.name, r));
    any = true;
  }
  for (const rel of pipeline.relations) {
    if (rel.source.kind !== "kernel" || computed.relations.has(rel.name)) continue;
    if ([...rel.from, ...rel.to].some((v) => !g.grids.has(v.grid) && !computed.grids.has(v.grid))) continue;
    const r = await call(rel.source.call);
    if (r === undefined) continue;
    computed.relations.set(rel.name, relationPairsOf(rel.source.call.name, rel.name, rel.from.length + rel.to.length, r));
    any = true;
  }
  return any;
}

/**
 * Plans a program as far as the data on disk allows: plans, computes the frontier's grids and
 * relations whose inputs exist, and plans again until nothing new resolves. What a backend
 * emits from; the stages still past the frontier stay deferred.
 */
export async function planWithData(
  pipeline: BoundPipeline,
  opts: Omit<PlanOptions, "computed">,
): Promise<{ value: Plan | undefined; diagnostics: readonly Diagnostic[]; computed: ComputedDomains }> {
  const computed: MutableDomains = { grids: new Map(), relations: new Map() };
  const load = cachedKernelLoader(pipeline);
  for (;;) {
    const p = planProgram(pipeline, { ...opts, computed });
    if (p.value === undefined || pipeline.index === undefined || p.value.graph.frontier.size === 0)
      return { value: p.value, diagnostics: p.diagnostics, computed };
    if (!(await computeDomains(pipeline, p.value.graph, p.value.out, computed, load))) return { value: p.value, diagnostics: p.diagnostics, computed };
  }
}
