import { alg, Graph } from "@dagrejs/graphlib";
import type * as A from "../syntax/ast.js";
import type { Scope } from "./Scope.js";

/** Why one stage must run before another. */
export interface StageEdge {
  /** `input`: the consumer reads a product the producer writes; `grid`/`relation`: the consumer is partitioned or gathers over a grid or relation computed from that product. */
  readonly via: "input" | "grid" | "relation";
  /** The product, and the grid or relation when `via` is not `input`. */
  readonly product: string;
  readonly through?: string;
  /** Where the consumer depends on it. */
  readonly at: A.NameNode["loc"];
}

/** The products a grid's domain or a relation is computed from (data dependence). */
export function domainProducts(scope: Scope, d: A.GridNode | A.RelationNode): string[] {
  const call = d.kind === "Grid" ? (d.domain.kind === "KernelDomain" ? d.domain.call : undefined) : d.source.kind === "KernelCall" ? d.source : undefined;
  if (d.kind === "Grid" && d.domain.kind === "ColumnDomain") return [d.domain.product.value];
  if (d.kind === "Relation" && d.source.kind === "ColumnRelation") return [d.source.product.value];
  return (call?.args ?? []).flatMap((a) =>
    a.name === undefined && a.value.kind === "Ref" && scope.products.has(a.value.name.value) ? [a.value.name.value] : [],
  );
}

/**
 * The stage graph (graphlib): one node per stage, an edge from the producer of every product
 * a stage needs, whether as an input or through a data-dependent grid or relation it is
 * partitioned or gathers on. Edge labels are {@link StageEdge}s.
 */
export function buildStageGraph(scope: Scope): Graph {
  const g = new Graph({ directed: true, multigraph: false });
  for (const s of scope.stages.keys()) g.setNode(s);
  const producerOf = (product: string): string | undefined => scope.producers.get(product)?.[0]?.stage.name.value;
  const add = (from: string | undefined, to: string, e: StageEdge): void => {
    if (from !== undefined && !g.hasEdge(from, to)) g.setEdge(from, to, e);
  };
  const viaGrid = (grid: string, stage: string, at: A.NameNode["loc"]): void => {
    const gd = scope.grids.get(grid);
    if (gd !== undefined) for (const p of domainProducts(scope, gd)) add(producerOf(p), stage, { via: "grid", product: p, through: grid, at });
  };
  for (const stage of scope.stages.values()) {
    const name = stage.name.value;
    if (scope.stages.get(name) !== stage) continue;
    for (const v of stage.vars) viaGrid(v.grid.value, name, v.grid.loc);
    for (const it of stage.items) {
      if (it.kind !== "Input") continue;
      add(producerOf(it.ref.product.value), name, { via: "input", product: it.ref.product.value, at: it.ref.product.loc });
      for (const c of it.gather?.clauses ?? []) {
        if (c.args === undefined) viaGrid(c.source.value, name, c.source.loc);
        else {
          const r = scope.relations.get(c.source.value);
          if (r !== undefined)
            for (const p of domainProducts(scope, r)) add(producerOf(p), name, { via: "relation", product: p, through: r.name.value, at: c.source.loc });
        }
      }
    }
  }
  return g;
}

/** Every cycle of the stage graph, each as the stages along it (starting at its first stage in name order), sorted. */
export function stageCycles(g: Graph): string[][] {
  const cycles: string[][] = [];
  for (const comp of alg.findCycles(g)) {
    const members = new Set(comp);
    const start = [...comp].sort()[0]!;
    const path = findPath(g, start, start, members);
    if (path !== undefined) cycles.push(path);
  }
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

function findPath(g: Graph, from: string, to: string, within: Set<string>): string[] | undefined {
  const prev = new Map<string, string>();
  const queue = [from];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(g.successors(v) ?? [])].sort()) {
      if (!within.has(w)) continue;
      if (w === to) {
        const path = [v];
        let cur = v;
        while (cur !== from) {
          cur = prev.get(cur)!;
          path.unshift(cur);
        }
        return path;
      }
      if (seen.has(w)) continue;
      seen.add(w);
      prev.set(w, v);
      queue.push(w);
    }
  }
  return undefined;
}
