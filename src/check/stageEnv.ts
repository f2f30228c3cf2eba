import type * as A from "../syntax/ast.js";
import type { CheckContext } from "./CheckContext.js";
import type { Env, VarBinding } from "./Env.js";

/** The stage's own variables, on their grids (unknown grids are kept; KnownNamesRule reports them). */
export function stageVars(stage: A.StageNode): Env {
  return stage.vars.map((v): VarBinding => ({ name: v.name.value, grid: v.grid.value, loc: v.name.loc, origin: "stage", holder: stage }));
}

/**
 * The variables a gather binds, clause by clause: `e in exposure` binds `e` on grid
 * `exposure`; `(e, p) in observes(h)` binds `e` and `p` on the relation's target grids.
 * A clause over an unknown source, or with the wrong number of variables, binds its
 * variables on the grid `""` (reported by StageReferencesRule). With the stage holding the
 * gather, each variable is declared in the resolution table.
 */
export function gatherVars(ctx: CheckContext, gather: A.GatherNode, holder?: A.StageNode): VarBinding[] {
  const out: VarBinding[] = [];
  const push = (v: A.NameNode, grid: string): void => {
    out.push({ name: v.value, grid, loc: v.loc, origin: "gather", ...(holder !== undefined ? { holder } : {}) });
    if (holder !== undefined) ctx.names.declare(ctx.names.symbol("variable", v, holder, grid));
  };
  for (const c of gather.clauses) {
    const rel = c.args !== undefined ? ctx.scope.relations.get(c.source.value) : undefined;
    if (rel !== undefined) {
      c.vars.forEach((v, i) => push(v, rel.to[i]?.grid.value ?? ""));
    } else {
      const grid = ctx.scope.grids.has(c.source.value) && c.args === undefined && c.vars.length === 1 ? c.source.value : "";
      for (const v of c.vars) push(v, grid);
    }
  }
  return out;
}

/** A copy of `ctx` whose reports go nowhere: for rules that reuse resolution without repeating its diagnostics. */
export function silent(ctx: CheckContext): CheckContext {
  return { ...ctx, report: () => undefined };
}
