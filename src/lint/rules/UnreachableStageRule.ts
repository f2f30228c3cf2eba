import type { LintRule } from "../LintContext.js";

/**
 * DF6004: a stage that expands to no task although its grids are resolved: its `where` clause
 * or its grids leave nothing at this profile. Stages on the plan's frontier (grids computed from
 * data not made yet) are not unreachable, only not known yet.
 */
export const UnreachableStageRule: LintRule = {
  code: "DF6004",
  name: "unreachable-stage",
  run(ctx) {
    if (ctx.plan === undefined) return;
    const byName = new Map(ctx.pipeline.stages.map((s) => [s.name, s]));
    const profile = ctx.plan.profile !== undefined ? ` at profile \`${ctx.plan.profile}\`` : "";
    for (const s of ctx.plan.graph.stages) {
      if (s.count > 0 || s.deferred !== undefined) continue;
      const stage = byName.get(s.name);
      if (stage === undefined) continue;
      const grids = s.vars.map((v) => `\`${v.grid}\``).join(", ");
      ctx.report("DF6004", `Stage \`${s.name}\` expands to no task${profile}: it never runs.`, stage.nameSpan, {
        label: "no task",
        ...(stage.where !== undefined ? { secondary: [{ span: stage.where.span, message: "no key passes this clause" }] } : {}),
        help: `check its \`where\` clause and the domains of ${grids !== "" ? grids : "its grids"} (\`dflow plan --list\`)`,
      });
    }
  },
};
