import { existsSync } from "node:fs";
import path from "node:path";
import type { GridKeys, RelationPairs } from "../../stdlib/kernel.js";
import type { CheckedProgram } from "../check/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { loadKernelFunction, type KernelFunction } from "../kernels/index.js";
import { planProgram, type ComputedDomains, type Plan, type PlanOptions, type TaskGraph, type Value } from "../plan/index.js";
import type * as A from "../syntax/ast.js";
import { RecordBuilder } from "./buildRecord.js";
import { openProduct } from "./codecs/index.js";
import { makeRng, taskSeed } from "./rng.js";

/** Grids and relations computed by kernels so far, filled in place by {@link computeDomains}. */
export interface MutableDomains {
  readonly grids: Map<string, Value[]>;
  readonly relations: Map<string, Value[][]>;
}

/** Loads a kernel by its dotted name, once. */
export type KernelLoader = (name: string) => Promise<KernelFunction | string>;

/** A kernel loader over a checked program's index that loads each kernel once. */
export function cachedKernelLoader(checked: CheckedProgram): KernelLoader {
  const loaded = new Map<string, KernelFunction | string>();
  return async (name) => {
    let f = loaded.get(name);
    if (f === undefined) {
      const r = await loadKernelFunction(checked.index!, name);
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
export async function computeDomains(checked: CheckedProgram, g: TaskGraph, out: string, computed: MutableDomains, load: KernelLoader): Promise<boolean> {
  const builder = new RecordBuilder(checked, checked.index!);
  const types = new Map(checked.index!.types.map((t) => [t.name, t]));
  const seed = String(g.params.get("seed") ?? 0);
  let any = false;
  const call = async (c: A.KernelCallNode): Promise<unknown> => {
    const name = c.kernel.parts.map((x) => x.value).join(".");
    const k = builder.kernel(name);
    const fn = await load(name);
    if (k === undefined || typeof fn === "string") throw new Error(typeof fn === "string" ? fn : `no kernel ${name}`);
    const inputs: Record<string, unknown> = {};
    const positional = c.args.filter((a) => a.name === undefined);
    for (let i = 0; i < positional.length; i++) {
      const a = positional[i]!;
      const port = k.info.inputs[i];
      if (a.value.kind !== "Ref" || port === undefined) continue;
      const product = a.value.name.value;
      const file = path.join(out, g.paths.get(product)!(new Int32Array(0)));
      const t = types.get(builder.typeName(product));
      if (!existsSync(file) || t === undefined) return undefined;
      inputs[port.name] = { key: {}, ...openProduct(t, file) };
    }
    const params = builder.params(k.info, c.args.filter((a): a is A.ArgumentNode & { name: A.NameNode } => a.name !== undefined).map((a) => ({ name: a.name, value: a.value })), g.params);
    return await fn(inputs, params, { rng: makeRng(taskSeed(seed, name, "")), key: {}, log: () => undefined });
  };
  for (const gr of checked.scope.grids.values()) {
    if (gr.domain.kind !== "KernelDomain" || computed.grids.has(gr.name.value)) continue;
    const r = (await call(gr.domain.call)) as GridKeys | undefined;
    if (r === undefined) continue;
    computed.grids.set(gr.name.value, r.keys.map((k) => (typeof k === "bigint" ? (k <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(k) : k.toString()) : k)));
    any = true;
  }
  for (const rel of checked.scope.relations.values()) {
    if (rel.source.kind !== "KernelCall" || computed.relations.has(rel.name.value)) continue;
    if ([...rel.from, ...rel.to].some((v) => !g.grids.has(v.grid.value) && !computed.grids.has(v.grid.value))) continue;
    const r = (await call(rel.source)) as RelationPairs | undefined;
    if (r === undefined) continue;
    computed.relations.set(rel.name.value, r.pairs.map((p) => p.map((k) => (typeof k === "bigint" ? Number(k) : k))));
    any = true;
  }
  return any;
}

/**
 * Plans a program as far as the data on disk allows: plans, computes the frontier's grids and
 * relations whose inputs exist, and plans again until nothing new resolves. What a backend
 * emits from; the stages still past the frontier stay deferred.
 */
export async function planWithData(checked: CheckedProgram, opts: Omit<PlanOptions, "computed">): Promise<{ value: Plan | undefined; diagnostics: readonly Diagnostic[]; computed: ComputedDomains }> {
  const computed: MutableDomains = { grids: new Map(), relations: new Map() };
  const load = cachedKernelLoader(checked);
  for (;;) {
    const p = planProgram(checked, { ...opts, computed });
    if (p.value === undefined || checked.index === undefined || p.value.graph.frontier.size === 0) return { value: p.value, diagnostics: p.diagnostics, computed };
    if (!(await computeDomains(checked, p.value.graph, p.value.out, computed, load))) return { value: p.value, diagnostics: p.diagnostics, computed };
  }
}
