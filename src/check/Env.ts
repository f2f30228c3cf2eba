import type * as A from "../syntax/ast.js";
import { walk } from "../syntax/index.js";
import { suggest } from "../util/suggest.js";
import type { CheckContext } from "./CheckContext.js";

/** What an expression denotes, as far as the checker needs to know. */
export type ExprType =
  | { readonly kind: "key"; readonly grid: string }
  | { readonly kind: "scalar"; readonly type: "int" | "float" | "string" | "bool" | "date" | "quantity" | "set" | "unknown" };

/** A name bound in an index expression: a stage variable or a gather variable, on a grid. */
export interface VarBinding {
  readonly name: string;
  readonly grid: string;
  readonly loc: A.NameNode["loc"];
  readonly origin: "stage" | "gather";
  /** The stage declaring it (the resolution table's symbol is found through it). */
  readonly holder?: A.StageNode;
}

/** The variables visible at a point of a stage, innermost last. */
export type Env = readonly VarBinding[];

const UNKNOWN: ExprType = { kind: "scalar", type: "unknown" };

/** The grid a grid attribute holds keys of: an attribute named like a grid holds that grid's keys. */
export function attributeType(ctx: CheckContext, grid: A.GridNode, attr: string): ExprType | undefined {
  const dom = grid.domain;
  const attrs = dom.kind === "ColumnDomain" ? dom.attributes : [];
  const a = attrs.find((x) => x.name.value === attr);
  if (a === undefined) return undefined;
  if (ctx.scope.grids.has(attr)) return { kind: "key", grid: attr };
  const t = a.type?.name.parts.map((p) => p.value).join(".");
  return { kind: "scalar", type: t === "int" || t === "float" || t === "string" || t === "bool" || t === "date" ? t : "unknown" };
}

/** The attribute names a grid declares. */
export function attributeNames(grid: A.GridNode): string[] {
  return grid.domain.kind === "ColumnDomain" ? grid.domain.attributes.map((a) => a.name.value) : [];
}

/**
 * Resolves an expression in `env`: reports unknown names (DF2002) and unknown attributes
 * (DF2003) and returns what it denotes. Params are visible everywhere.
 */
export function resolveExpr(ctx: CheckContext, env: Env, e: A.ExprNode): ExprType {
  switch (e.kind) {
    case "Number":
      return { kind: "scalar", type: /^-?\d+$/.test(e.raw) ? "int" : "float" };
    case "Quantity":
      return { kind: "scalar", type: "quantity" };
    case "String":
      return { kind: "scalar", type: "string" };
    case "Bool":
      return { kind: "scalar", type: "bool" };
    case "Paren":
      return resolveExpr(ctx, env, e.expr);
    case "Set":
      for (const i of e.items) resolveExpr(ctx, env, i);
      return { kind: "scalar", type: "set" };
    case "Range":
      resolveExpr(ctx, env, e.lo);
      resolveExpr(ctx, env, e.hi);
      return { kind: "scalar", type: "set" };
    case "Unary":
      return resolveExpr(ctx, env, e.operand).kind === "scalar" && e.op === "not" ? { kind: "scalar", type: "bool" } : resolveExpr(ctx, env, e.operand);
    case "Binary": {
      const l = resolveExpr(ctx, env, e.left);
      const r = resolveExpr(ctx, env, e.right);
      if (["==", "!=", "<", "<=", ">", ">=", "and", "or"].includes(e.op)) return { kind: "scalar", type: "bool" };
      if (l.kind === "scalar" && r.kind === "scalar" && l.type === "int" && r.type === "int") return l;
      return UNKNOWN;
    }
    case "Call":
      for (const a of e.args) resolveExpr(ctx, env, a);
      return UNKNOWN;
    case "Ref":
      return resolveName(ctx, env, e.name);
    case "Member": {
      if (e.object.kind !== "Ref") {
        resolveExpr(ctx, env, e.object);
        return UNKNOWN;
      }
      const base = resolveName(ctx, env, e.object.name);
      if (base.kind !== "key") return UNKNOWN;
      const grid = ctx.scope.grids.get(base.grid);
      if (grid === undefined) return UNKNOWN;
      const t = attributeType(ctx, grid, e.property.value);
      const decl = grid.domain.kind === "ColumnDomain" ? grid.domain.attributes.find((x) => x.name.value === e.property.value) : undefined;
      if (decl !== undefined) ctx.names.use(e.property.loc, ctx.names.symbol("attribute", decl.name, grid, grid.name.value));
      if (t === undefined) {
        const names = attributeNames(grid);
        ctx.report("DF2003", `Grid \`${grid.name.value}\` has no attribute \`${e.property.value}\`.`, e.property.loc, {
          label: `not an attribute of \`${grid.name.value}\``,
          secondary: [
            {
              span: grid.loc,
              message: names.length > 0 ? `declared here with ${names.map((n) => "`" + n + "`").join(", ")}` : "declared here, without attributes",
            },
          ],
          suggestions: suggest(e.property.value, names),
        });
        return UNKNOWN;
      }
      return t;
    }
  }
}

/** Resolves a bare name: innermost variable first, then params. */
export function resolveName(ctx: CheckContext, env: Env, name: A.NameNode): ExprType {
  if (name.value === "") return UNKNOWN;
  for (let i = env.length - 1; i >= 0; i--) {
    const v = env[i]!;
    if (v.name !== name.value) continue;
    if (v.holder !== undefined) ctx.names.use(name.loc, ctx.names.symbol("variable", { kind: "Name", value: v.name, loc: v.loc }, v.holder, v.grid));
    return { kind: "key", grid: v.grid };
  }
  const p = ctx.scope.params.get(name.value);
  if (p !== undefined) {
    ctx.names.use(name.loc, ctx.names.symbol("param", p.name, p));
    const t = p.type?.name.parts.map((x) => x.value).join(".");
    return { kind: "scalar", type: t === "int" || t === "float" || t === "string" || t === "bool" || t === "date" ? t : "unknown" };
  }
  const candidates = [...env.map((v) => v.name), ...ctx.scope.params.keys()];
  const isGrid = ctx.scope.grids.has(name.value);
  ctx.report("DF2002", `\`${name.value}\` is not a variable of this stage or a param.`, name.loc, {
    label: "unknown name",
    suggestions: suggest(name.value, candidates),
    ...(isGrid ? { help: `\`${name.value}\` is a grid: bind a variable to it, as in \`[x: ${name.value}]\` or \`for x in ${name.value}\`` } : {}),
  });
  return UNKNOWN;
}

/** The names of stage and gather variables an expression mentions. */
export function mentionedVars(e: A.ExprNode, env: Env): Set<string> {
  const names = new Set(env.map((v) => v.name));
  const out = new Set<string>();
  walk(e, (n) => {
    if (n.kind === "Ref" && names.has(n.name.value)) out.add(n.name.value);
  });
  return out;
}
