import type { Graph } from "@dagrejs/graphlib";
import type { CheckContext } from "../CheckContext.js";
import { buildStageGraph, stageCycles, type StageEdge } from "../stageGraph.js";

/**
 * The stage graph has no cycle. A cycle through inputs only is DF2006; a cycle through a
 * data-dependent grid or relation (a stage partitioned on a grid computed from a product it
 * helps make) is DF2010: the grid could never be resolved. The message shows the cycle's path.
 */
export function AcyclicRule(ctx: CheckContext): void {
  const g = buildStageGraph(ctx.scope);
  for (const cycle of stageCycles(g)) reportCycle(ctx, g, cycle);
}

function reportCycle(ctx: CheckContext, g: Graph, cycle: string[]): void {
  const edges = cycle.map((from, i) => {
    const to = cycle[(i + 1) % cycle.length]!;
    return { from, to, e: g.edge(from, to) as StageEdge };
  });
  const text = [...cycle, cycle[0]!].map((s) => "`" + s + "`").join(" → ");
  const dataDependent = edges.find((x) => x.e.via !== "input");
  const first = edges[0]!;
  const secondary = edges.slice(1).map((x) => ({
    span: x.e.at,
    message:
      x.e.via === "input"
        ? `\`${x.to}\` reads \`${x.e.product}\` from \`${x.from}\``
        : `\`${x.to}\` needs ${x.e.via} \`${x.e.through}\`, computed from \`${x.e.product}\``,
  }));
  if (dataDependent !== undefined) {
    ctx.report(
      "DF2010",
      `${dataDependent.e.via === "grid" ? "Grid" : "Relation"} \`${dataDependent.e.through}\` can never be resolved: it is computed from \`${dataDependent.e.product}\`, which needs it first (${text}).`,
      dataDependent.e.at,
      {
        label: `needs \`${dataDependent.e.through}\``,
        secondary: edges.filter((x) => x !== dataDependent).map((x) => ({ span: x.e.at, message: `\`${x.to}\` depends on \`${x.from}\`` })),
        help: "compute the grid from a product made before the stages partitioned on it, or from a source product",
      },
    );
    return;
  }
  ctx.report("DF2006", `These stages form a cycle: ${text}.`, first.e.at, {
    label: `\`${first.to}\` reads \`${first.e.product}\` from \`${first.from}\``,
    secondary,
    help: "a product cannot depend on itself; split the stage or read an earlier product",
  });
}
