import type { Graph } from "@dagrejs/graphlib";
import { taskId } from "./taskIds.js";
import type { TaskGraph } from "./TaskGraph.js";

function dotQuote(s: string): string {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}

function mermaidId(s: string): string {
  return "n_" + s.replace(/[^A-Za-z0-9_]/g, (c) => "_" + c.charCodeAt(0).toString(16));
}

/** The stage graph as DOT or Mermaid: one node per stage, an edge per dependency labelled with its product (edge labels carry `product`). */
export function renderStageGraph(g: Graph, order: readonly string[], format: "dot" | "mermaid"): string {
  const edges = g
    .edges()
    .map((e) => ({ v: e.v, w: e.w, label: (g.edge(e) as { readonly product: string }).product }))
    .sort((a, b) => order.indexOf(a.v) - order.indexOf(b.v) || order.indexOf(a.w) - order.indexOf(b.w));
  if (format === "dot") {
    return (
      [
        "digraph pipeline {",
        "  rankdir=LR;",
        "  node [shape=box];",
        ...order.map((s) => `  ${dotQuote(s)};`),
        ...edges.map((e) => `  ${dotQuote(e.v)} -> ${dotQuote(e.w)} [label=${dotQuote(e.label)}];`),
        "}",
      ].join("\n") + "\n"
    );
  }
  return (
    ["flowchart LR", ...order.map((s) => `  ${mermaidId(s)}["${s}"]`), ...edges.map((e) => `  ${mermaidId(e.v)} -->|${e.label}| ${mermaidId(e.w)}`)].join(
      "\n",
    ) + "\n"
  );
}

/** The task graph around the selected tasks: each selected task and the tasks it depends on directly. */
export function renderTaskGraph(tg: TaskGraph, selected: readonly number[], format: "dot" | "mermaid"): string {
  const nodes = new Set<number>(selected);
  const edges: [number, number][] = [];
  for (const t of selected) {
    for (let e = tg.edgeStart[t]!; e < tg.edgeStart[t + 1]!; e++) {
      nodes.add(tg.edges[e]!);
      edges.push([tg.edges[e]!, t]);
    }
  }
  const sorted = [...nodes].sort((a, b) => a - b);
  const id = (t: number): string => taskId(tg, t);
  if (format === "dot") {
    return (
      [
        "digraph tasks {",
        "  rankdir=LR;",
        "  node [shape=box];",
        ...sorted.map((t) => `  ${dotQuote(id(t))};`),
        ...edges.map(([a, b]) => `  ${dotQuote(id(a))} -> ${dotQuote(id(b))};`),
        "}",
      ].join("\n") + "\n"
    );
  }
  return (
    ["flowchart LR", ...sorted.map((t) => `  ${mermaidId(id(t))}["${id(t)}"]`), ...edges.map(([a, b]) => `  ${mermaidId(id(a))} --> ${mermaidId(id(b))}`)].join(
      "\n",
    ) + "\n"
  );
}
