import type { CheckContext } from "../CheckContext.js";
import { mentionedVars } from "../Env.js";
import { gatherVars, silent, stageVars } from "../stageEnv.js";

/**
 * A gather in a stage that has variables must relate to them: its product indices, its
 * `where` filter or a relation it goes through must mention a stage variable. Otherwise
 * every task of the stage would read the whole gather. DF2009.
 */
export function GatherRelatedRule(ctx: CheckContext): void {
  const quiet = silent(ctx);
  for (const stage of ctx.scope.stages.values()) {
    const env = stageVars(stage);
    if (env.length === 0) continue;
    for (const it of stage.items) {
      if (it.kind !== "Input" || it.gather === undefined) continue;
      const inner = [...env, ...gatherVars(quiet, it.gather)];
      const mentioned = new Set<string>();
      const add = (s: Set<string>): void =>
        s.forEach((v) => env.some((x) => x.name === v) && !it.gather!.clauses.some((c) => c.vars.some((n) => n.value === v)) && mentioned.add(v));
      for (const i of it.ref.indices) add(mentionedVars(i, inner));
      if (it.gather.where !== undefined) add(mentionedVars(it.gather.where, inner));
      for (const c of it.gather.clauses) for (const a of c.args ?? []) add(mentionedVars(a, env));
      if (mentioned.size === 0) {
        ctx.report("DF2009", `This gather is not related to the variables of stage \`${stage.name.value}\`: every task would read all of it.`, it.gather.loc, {
          label: "mentions no stage variable",
          secondary: [{ span: stage.vars[0]!.loc, message: "stage variables declared here" }],
          help: `filter it with a stage variable (\`where x.attr == ${env[0]!.name}\`), index it with one, or go through a relation applied to one`,
        });
      }
    }
  }
}
