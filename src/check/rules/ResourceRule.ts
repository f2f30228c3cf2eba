import type * as A from "../../syntax/ast.js";
import { suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";
import { isDataSize, isDuration, parseUnit } from "../../units/index.js";

/** The resources a stage may declare, and what each takes. */
export const RESOURCES: Readonly<Record<string, "count" | "duration" | "size">> = {
  cores: "count",
  threads: "count",
  ranks: "count",
  gpus: "count",
  memory: "size",
  time: "duration",
  retry: "count",
};

/**
 * A stage's resource lines name known resources (DF2007) with values of the right kind:
 * a whole number of cores, threads, ranks or GPUs; `memory` a data size (`4GB`); `time` a
 * duration (`10min`), optionally per an amount of work (`per 250 spectra`); units are
 * parsed (DF3040 for an unknown unit or the wrong dimension). `pack` takes a number of tasks
 * or a duration.
 */
export function ResourceRule(ctx: CheckContext): void {
  for (const stage of ctx.scope.stages.values()) {
    for (const it of stage.items) {
      if (it.kind === "Pack") checkPack(ctx, it);
      if (it.kind !== "Resource") continue;
      const kind = RESOURCES[it.name.value];
      if (kind === undefined) {
        ctx.report("DF2007", `\`${it.name.value}\` is not a resource.`, it.name.loc, {
          label: "unknown resource",
          suggestions: suggest(it.name.value, Object.keys(RESOURCES)),
          help: "a stage's resources are `cores`, `threads`, `ranks`, `gpus`, `memory`, `time` and `retry`",
        });
        continue;
      }
      checkValue(ctx, it.value, kind, it.name.value);
      if (it.per !== undefined) {
        if (kind !== "duration")
          ctx.report("DF2007", `Only \`time\` scales with the input (\`per\`), not \`${it.name.value}\`.`, it.per.loc, { label: "not allowed here" });
        else if (it.per.kind === "Quantity") {
          const u = parseUnit(it.per.unit);
          if (!u.ok) ctx.report("DF3040", u.message, it.per.unitLoc, { label: "unknown unit", suggestions: u.suggestions });
        } else if (it.per.kind !== "Number") {
          ctx.report("DF3040", "A cost model scales per an amount of work, such as `per 250 spectra`.", it.per.loc, { label: "not an amount" });
        }
      }
    }
  }
}

function checkValue(ctx: CheckContext, e: A.ExprNode, kind: "count" | "duration" | "size", name: string): void {
  if (kind === "count") {
    if (e.kind === "Number" && /^\d+$/.test(e.raw) && Number(e.raw) > 0) return;
    if (isParam(ctx, e)) return;
    ctx.report("DF3040", `\`${name}\` takes a whole number greater than zero.`, e.loc, { label: "not a count" });
    return;
  }
  const want = kind === "duration" ? "a duration such as `10min`" : "a data size such as `4GB`";
  if (isParam(ctx, e)) return;
  if (e.kind !== "Quantity") {
    ctx.report("DF3040", `\`${name}\` takes ${want}.`, e.loc, { label: "no unit" });
    return;
  }
  const u = parseUnit(e.unit);
  if (!u.ok) {
    ctx.report("DF3040", u.message, e.unitLoc, { label: "unknown unit", suggestions: u.suggestions });
    return;
  }
  if (kind === "duration" ? !isDuration(u.unit) : !isDataSize(u.unit)) {
    ctx.report("DF3040", `\`${name}\` takes ${want}, but \`${e.unit}\` is not one.`, e.unitLoc, {
      label: `not a ${kind === "duration" ? "duration" : "data size"}`,
    });
  }
}

function checkPack(ctx: CheckContext, it: A.PackNode): void {
  const e = it.value;
  if (e.kind === "Number" && /^\d+$/.test(e.raw) && Number(e.raw) > 0) return;
  if (e.kind === "Quantity") {
    const u = parseUnit(e.unit);
    if (u.ok && isDuration(u.unit)) return;
  }
  ctx.report("DF3040", "`pack` takes a number of tasks per job (`pack 16`) or a target job length (`pack 30min`).", e.loc, {
    label: "not a count or a duration",
  });
}

/** Whether `e` names a param (recorded in the resolution table). */
function isParam(ctx: CheckContext, e: A.ExprNode): boolean {
  const p = e.kind === "Ref" ? ctx.scope.params.get(e.name.value) : undefined;
  if (p !== undefined && e.kind === "Ref") ctx.names.use(e.name.loc, ctx.names.symbol("param", p.name, p));
  return p !== undefined;
}
