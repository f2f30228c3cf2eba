import { existsSync } from "node:fs";
import path from "node:path";
import type { BoundKernelCall, BoundPipeline, BoundStage } from "../bound/index.js";
import type { TaskGraph } from "./TaskGraph.js";

/** What a stage past the frontier waits for before its tasks can be counted. */
export interface UnknownUntil {
  /** The planned stages whose run makes the data it waits for, in plan order. */
  readonly stages: readonly string[];
  /** Products it waits for that no stage makes (sources still missing under the output root), sorted. */
  readonly sources: readonly string[];
}

/**
 * For every stage past the frontier, the planned stages that must run before its tasks are
 * known. A stage waits for the products its frontier grids and pending relations are computed
 * from (a grid's column product, a grid or relation kernel's inputs) and for the inputs made by
 * other deferred stages; a product made by a planned stage names that stage, one made by a
 * deferred stage is followed to what that stage waits for, one no stage makes is a source.
 * With the output root `root`, a product without grids that is already there is waited for no
 * longer (a relation over two tables waits only for the one not made yet).
 */
export function unknownUntil(pipeline: BoundPipeline, g: TaskGraph, root?: string): Map<string, UnknownUntil> {
  const deferred = new Map(g.stages.filter((s) => s.deferred !== undefined).map((s) => [s.name, s.stage] as const));
  const order = new Map(g.stages.map((s, i) => [s.name, i] as const));
  const grids = new Map(pipeline.grids.map((x) => [x.name, x] as const));
  const relations = new Map(pipeline.relations.map((x) => [x.name, x] as const));
  const memo = new Map<string, { stages: Set<string>; sources: Set<string> }>();
  const made = (product: string): boolean => {
    if (root === undefined || (pipeline.products.get(product)?.axes.length ?? 1) > 0) return false;
    const rel = g.paths.get(product)?.(new Int32Array(0));
    return rel !== undefined && existsSync(path.join(root, rel));
  };

  const callInputs = (c: BoundKernelCall): string[] => c.inputs.flatMap((a) => (a.product !== undefined ? [a.product] : []));
  /** The products a frontier grid is computed from. */
  const gridProducts = (name: string): string[] => {
    if (!g.frontier.has(name)) return [];
    const d = grids.get(name)?.domain;
    if (d?.kind === "kernel") return callInputs(d.call);
    if (d?.kind === "column") return [d.product.name];
    return [];
  };
  /** The products a relation not resolved yet is computed from, and those of its frontier grids. */
  const relationProducts = (name: string): string[] => {
    const r = relations.get(name);
    if (r === undefined || g.relations.has(name)) return [];
    const own = r.source.kind === "kernel" ? callInputs(r.source.call) : [r.source.product.name];
    return [...own, ...[...r.from, ...r.to].flatMap((v) => gridProducts(v.grid))];
  };
  const waitedProducts = (stage: BoundStage): Set<string> => {
    const out = new Set<string>();
    const add = (xs: readonly string[]): void => xs.forEach((x) => out.add(x));
    for (const v of stage.vars) add(gridProducts(v.grid));
    for (const port of [...stage.inputs, ...stage.outputs]) {
      for (const a of pipeline.products.get(port.ref.product)?.axes ?? []) add(gridProducts(a));
    }
    for (const inp of stage.inputs) {
      const up = pipeline.producers.get(inp.ref.product);
      if (up !== undefined && deferred.has(up)) out.add(inp.ref.product);
      for (const c of inp.gather?.clauses ?? []) add(c.args !== undefined ? relationProducts(c.source) : gridProducts(c.source));
    }
    return out;
  };
  const resolve = (name: string, seen: Set<string>): { stages: Set<string>; sources: Set<string> } => {
    const done = memo.get(name);
    if (done !== undefined) return done;
    const r = { stages: new Set<string>(), sources: new Set<string>() };
    if (seen.has(name)) return r;
    seen.add(name);
    for (const product of waitedProducts(deferred.get(name)!)) {
      if (made(product)) continue;
      const producer = pipeline.producers.get(product);
      if (producer === undefined || !order.has(producer)) r.sources.add(product);
      else if (!deferred.has(producer)) r.stages.add(producer);
      else if (producer !== name) {
        const up = resolve(producer, seen);
        up.stages.forEach((s) => r.stages.add(s));
        up.sources.forEach((s) => r.sources.add(s));
      }
    }
    memo.set(name, r);
    return r;
  };
  const out = new Map<string, UnknownUntil>();
  for (const name of deferred.keys()) {
    const r = resolve(name, new Set());
    out.set(name, { stages: [...r.stages].sort((a, b) => order.get(a)! - order.get(b)!), sources: [...r.sources].sort() });
  }
  return out;
}

/** `surveysim`, `surveysim and fiberassign`, `a, b and c`: stage names for a sentence. */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]!}`;
}

/** "unknown until surveysim runs", or "… until product `x` exists" for a missing source. */
export function unknownText(u: UnknownUntil): string {
  const parts: string[] = [];
  if (u.stages.length > 0) parts.push(`${listWords(u.stages)} ${u.stages.length === 1 ? "runs" : "run"}`);
  if (u.sources.length > 0) parts.push(`${listWords(u.sources.map((s) => `\`${s}\``))} ${u.sources.length === 1 ? "exists" : "exist"}`);
  return parts.length > 0 ? `unknown until ${parts.join(" and ")}` : "unknown";
}

/**
 * An upper bound on the tasks of a stage past the frontier: the product of its grids' sizes,
 * each from the grid's envelope when it waits on data; undefined when a grid has none. A stage
 * without grids has one task.
 */
export function deferredBound(g: TaskGraph, s: TaskGraph["stages"][number]): number | undefined {
  const bounds = s.stage.vars.map((v) => g.frontier.get(v.grid)?.bound ?? g.grids.get(v.grid)?.keys.length);
  return bounds.every((b) => b !== undefined) ? bounds.reduce((a, b) => a * b, 1) : undefined;
}
