import type { LintRule } from "../LintContext.js";

/**
 * DF6003: a param whose default is never read, because there is a default profile and every
 * profile sets the param. Changing the default then changes nothing, silently.
 */
export const ShadowedParamRule: LintRule = {
  code: "DF6003",
  name: "param-shadowed",
  run(ctx) {
    const profiles = ctx.pipeline.profiles;
    if (profiles.length === 0 || !profiles.some((p) => p.isDefault)) return;
    for (const param of ctx.pipeline.params) {
      if (param.default === undefined) continue;
      const entries = profiles.map((p) => p.entries.find((e) => e.name === param.name));
      if (entries.some((e) => e === undefined)) continue;
      const names = profiles.map((p) => `\`${p.name}\``).join(", ");
      ctx.report("DF6003", `The default of param \`${param.name}\` is never used: every profile (${names}) sets it.`, param.default.span, {
        label: "never read",
        secondary: entries.map((e) => ({ span: e!.span, message: "set here" })),
        help: "remove the entries that repeat the default, or drop the default if every profile must choose",
      });
    }
  },
};
