import type * as A from "../../syntax/ast.js";
import type { CheckContext } from "../CheckContext.js";
import { resolveExpr, type Env, type ExprType } from "../Env.js";
import { gatherVars, stageVars } from "../stageEnv.js";

/**
 * Inside a stage, every name resolves and every product reference fits its product: the
 * `where` filters and index expressions use known variables, params and attributes
 * (DF2002, DF2003); a reference has one index per axis (DF3002); each index is a key of the
 * axis's grid, or a literal (DF3003); a relation is applied to keys of its source grids and
 * binds as many variables as it has targets (DF3005).
 */
export function StageReferencesRule(ctx: CheckContext): void {
  for (const stage of ctx.scope.stages.values()) {
    if (ctx.scope.stages.get(stage.name.value) !== stage) continue;
    const env = stageVars(stage);
    if (stage.where !== undefined) resolveExpr(ctx, env, stage.where);
    for (const it of stage.items) {
      if (it.kind === "Output") checkRef(ctx, env, it.ref);
      if (it.kind !== "Input") continue;
      let inner: Env = env;
      if (it.gather !== undefined) {
        for (const c of it.gather.clauses) checkClause(ctx, env, c);
        inner = [...env, ...gatherVars(ctx, it.gather, stage)];
        if (it.gather.where !== undefined) resolveExpr(ctx, inner, it.gather.where);
      }
      checkRef(ctx, inner, it.ref);
    }
  }
}

function checkClause(ctx: CheckContext, env: Env, c: A.GatherClauseNode): void {
  if (c.args === undefined) {
    if (c.vars.length !== 1 && ctx.scope.grids.has(c.source.value)) {
      ctx.report("DF3005", `A gather over grid \`${c.source.value}\` binds one variable, not ${c.vars.length}.`, c.loc, { label: "one variable per grid" });
    }
    return;
  }
  const rel = ctx.scope.relations.get(c.source.value);
  if (rel === undefined) return;
  if (c.args.length !== rel.from.length) {
    ctx.report(
      "DF3005",
      `Relation \`${rel.name.value}\` takes ${rel.from.length} key${rel.from.length === 1 ? "" : "s"}, but ${c.args.length} ${c.args.length === 1 ? "is" : "are"} given.`,
      c.loc,
      {
        label: "wrong number of keys",
        secondary: [{ span: rel.loc, message: "relation declared here" }],
      },
    );
  }
  c.args.forEach((a, i) => {
    const want = rel.from[i]?.grid.value;
    const got = resolveExpr(ctx, env, a);
    if (want !== undefined && got.kind === "key" && got.grid !== want) {
      ctx.report("DF3005", `Relation \`${rel.name.value}\` maps keys of grid \`${want}\`, but this is a key of \`${got.grid}\`.`, a.loc, {
        label: `on grid \`${got.grid}\``,
        secondary: [{ span: rel.from[i]!.loc, message: `expects \`${want}\`` }],
      });
    }
  });
  if (c.vars.length !== rel.to.length) {
    ctx.report(
      "DF3005",
      `Relation \`${rel.name.value}\` gives ${rel.to.length} key${rel.to.length === 1 ? "" : "s"} per pair, but ${c.vars.length} variable${c.vars.length === 1 ? " is" : "s are"} bound.`,
      c.loc,
      {
        label: "wrong number of variables",
        secondary: [{ span: rel.loc, message: "relation declared here" }],
      },
    );
  }
}

function describe(t: ExprType): string {
  return t.kind === "key" ? `a key of \`${t.grid}\`` : t.type === "unknown" ? "a value" : `a ${t.type}`;
}

function checkRef(ctx: CheckContext, env: Env, ref: A.ProductRefNode): void {
  const types = ref.indices.map((i) => resolveExpr(ctx, env, i));
  const product = ctx.scope.products.get(ref.product.value);
  if (product === undefined) return;
  if (ref.indices.length !== product.axes.length) {
    ctx.report(
      "DF3002",
      `\`${product.name.value}\` has ${product.axes.length} ax${product.axes.length === 1 ? "is" : "es"}, but ${ref.indices.length} ind${ref.indices.length === 1 ? "ex is" : "ices are"} given.`,
      ref.loc,
      {
        label: `expected \`${product.name.value}[${product.axes.map((a) => a.value).join(", ")}]\``,
        secondary: [{ span: product.loc, message: "declared here" }],
      },
    );
    return;
  }
  types.forEach((t, i) => {
    const axis = product.axes[i]!.value;
    const idx = ref.indices[i]!;
    if (t.kind === "key" && t.grid !== axis && ctx.scope.grids.has(t.grid)) {
      ctx.report("DF3003", `Axis ${i + 1} of \`${product.name.value}\` is on grid \`${axis}\`, but \`${exprText(idx)}\` is a key of \`${t.grid}\`.`, idx.loc, {
        label: `a key of \`${t.grid}\``,
        secondary: [{ span: product.axes[i]!.loc, message: `axis on \`${axis}\`` }],
        help: `index it with a variable on \`${axis}\`, or with an attribute of a grid that holds \`${axis}\` keys`,
      });
    } else if (t.kind === "scalar" && !["int", "string", "date", "unknown"].includes(t.type)) {
      ctx.report("DF3003", `Axis ${i + 1} of \`${product.name.value}\` is on grid \`${axis}\`, but this index is ${describe(t)}.`, idx.loc, {
        label: describe(t),
        secondary: [{ span: product.axes[i]!.loc, message: `axis on \`${axis}\`` }],
      });
    }
  });
}

function exprText(e: A.ExprNode): string {
  if (e.kind === "Ref") return e.name.value;
  if (e.kind === "Member" && e.object.kind === "Ref") return `${e.object.name.value}.${e.property.value}`;
  return "this index";
}
