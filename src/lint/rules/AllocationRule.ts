import { summarizePlan } from "../../plan/index.js";
import type { LintRule } from "../LintContext.js";

const fmt = (x: number): string => (x >= 100 ? Math.round(x).toString() : x.toPrecision(3));

/**
 * DF6007: with a site that sets `node_hours`, the plan's tasks (all of those it reaches, run or
 * not) cost more node-hours than that: core-hours at the site's time factor over its cores per node.
 */
export const AllocationRule: LintRule = {
  code: "DF6007",
  name: "over-allocation",
  run(ctx) {
    const site = ctx.site;
    const g = ctx.plan?.graph;
    if (site?.nodeHours === undefined || g === undefined) return;
    const rows = summarizePlan(g, new Uint8Array(g.taskCount).fill(1), site);
    const nodeHours = (r: { coreHours: number }): number => r.coreHours / site.coresPerNode;
    const total = rows.reduce((a, r) => a + nodeHours(r), 0);
    if (total <= site.nodeHours) return;
    const top = [...rows].sort((a, b) => b.coreHours - a.coreHours).slice(0, 3);
    ctx.report("DF6007", `The plan costs ${fmt(total)} node-hours, over site \`${site.name}\`'s allocation of ${fmt(site.nodeHours)}.`, ctx.pipeline.span, {
      label: "over the allocation",
      notes: top.map((r) => `stage \`${r.stage}\`: ${r.tasks} tasks, ${fmt(nodeHours(r))} node-hours`),
      help: "lower the cost (fewer tasks, cheaper stages), or plan against a site with a larger allocation",
    });
  },
};
