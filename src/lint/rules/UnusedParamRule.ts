import type { LintRule } from "../LintContext.js";
import { namesReferred } from "../paramRefs.js";

/** Params the runtime reads by name: `seed` seeds every task's random numbers. */
export const RUNTIME_PARAMS: ReadonlySet<string> = new Set(["seed"]);

/**
 * DF6002: a param that no stage, grid, relation, resource, `where` clause or path template
 * refers to, and that the runtime does not read by name (`seed`).
 */
export const UnusedParamRule: LintRule = {
  code: "DF6002",
  name: "unused-param",
  run(ctx) {
    const used = namesReferred(ctx.pipeline);
    for (const p of ctx.pipeline.params) {
      if (used.has(p.name) || RUNTIME_PARAMS.has(p.name)) continue;
      ctx.report("DF6002", `Param \`${p.name}\` is never used: setting it changes nothing.`, p.nameSpan, {
        label: "unused param",
        help: `pass it to the kernel that needs it (\`param ${p.name} = ${p.name}\` in a stage), or remove it and its profile entries`,
      });
    }
  },
};
