import type * as A from "../../syntax/ast.js";
import { walk } from "../../syntax/index.js";
import { editDistance, suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";
import { attributeNames } from "../Env.js";

/**
 * A value given to a kernel param is the same for every task: a stage's `param x = …`, a
 * kernel argument given by name in a grid or relation (`nside = nside`), a range domain's
 * bounds and a relation's fanout are evaluated once, from literals, quantities and the
 * pipeline's params combined by operators. Every name in such a value must be a param:
 * another name (a typo, a stage variable, a grid) is DF2002 with the params it could be.
 * Known names are recorded in the resolution table.
 */
export function ConstantArgsRule(ctx: CheckContext): void {
  for (const d of ctx.scope.program.decls) {
    switch (d.kind) {
      case "Stage":
        for (const it of d.items) if (it.kind === "StageParam") constant(ctx, it.value, `param \`${it.name.value}\``, d, it.name.value);
        break;
      case "Grid":
        for (const dom of [d.domain, d.envelope]) {
          if (dom?.kind === "KernelDomain") kernelArgs(ctx, dom.call);
          // A range's bounds are params or numbers (a set's bare words are keys, not names).
          if (dom?.kind === "RangeDomain") for (const b of [dom.range.lo, dom.range.hi]) constant(ctx, b, `the range of grid \`${d.name.value}\``, d);
        }
        break;
      case "Relation":
        if (d.source.kind === "KernelCall") kernelArgs(ctx, d.source);
        if (d.fanout !== undefined) constant(ctx, d.fanout, `the fanout of relation \`${d.name.value}\``, d);
        break;
      default:
        break;
    }
  }
}

function kernelArgs(ctx: CheckContext, call: A.KernelCallNode): void {
  for (const a of call.args) if (a.name !== undefined) constant(ctx, a.value, `argument \`${a.name.value}\``, undefined, a.name.value);
}

/**
 * Checks that every name in `e` is a param (a call's callee aside) and records it. `own` is the
 * kernel param's name: a value is most often the pipeline param of the same name (`param nside =
 * nside`), so that param is suggested first when it is within two edits (`sidex`), even where the
 * general rule of a third of the length would not reach it.
 */
function constant(ctx: CheckContext, e: A.ExprNode, what: string, holder: A.DeclNode | undefined, own?: string): void {
  const callees = new Set<A.ExprNode>();
  walk(e, (n) => {
    if (n.kind === "Call") callees.add(n.callee);
    if (n.kind !== "Ref" || callees.has(n) || n.name.value === "") return;
    const p = ctx.scope.params.get(n.name.value);
    if (p !== undefined) {
      ctx.names.use(n.name.loc, ctx.names.symbol("param", p.name, p));
      return;
    }
    ctx.report("DF2002", `\`${n.name.value}\` is not a param, so ${what} cannot use it.`, n.name.loc, {
      label: "unknown name",
      suggestions: suggestions(ctx, n.name.value, own),
      ...help(ctx, n.name.value, holder),
    });
  });
}

function suggestions(ctx: CheckContext, name: string, own: string | undefined): string[] {
  const close = suggest(name, ctx.scope.params.keys());
  if (own === undefined || !ctx.scope.params.has(own) || close.includes(own) || editDistance(name, own) > 2) return close;
  return [own, ...close].slice(0, 4);
}

/** Why a known name that is not a param does not fit here. */
function help(ctx: CheckContext, name: string, holder: A.DeclNode | undefined): { help?: string } {
  const isVar =
    holder?.kind === "Stage" &&
    (holder.vars.some((v) => v.name.value === name) ||
      holder.items.some((i) => i.kind === "Input" && i.gather?.clauses.some((c) => c.vars.some((v) => v.value === name)) === true));
  if (isVar) return { help: `\`${name}\` is a variable of the stage; a kernel param takes one value for every task, so only params and literals` };
  if (ctx.scope.grids.has(name)) return { help: `\`${name}\` is a grid; a kernel param takes one value for every task, so only params and literals` };
  const attrOf = [...ctx.scope.grids.values()].find((g) => attributeNames(g).includes(name));
  if (attrOf !== undefined) return { help: `\`${name}\` is an attribute of grid \`${attrOf.name.value}\`; a kernel param takes params and literals` };
  return {};
}
