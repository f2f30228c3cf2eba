import type * as A from "../../syntax/ast.js";
import { walk } from "../../syntax/index.js";
import { isDataSize, isDuration, parseUnit } from "../../units/index.js";
import { suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";

/** The types a param may declare. */
export const PARAM_TYPES = ["int", "float", "string", "bool", "date", "duration", "size", "quantity"] as const;

/**
 * Params are typed constants: a declared type is one of {@link PARAM_TYPES} (or `list[T]`);
 * a default or a profile's value has that type (an `int` takes no unit, a `duration` a time
 * unit, a `size` a data size); a default uses only params declared before it; at most one
 * profile is `default`; and every unit written in the file parses (DF3040). DF3006 otherwise.
 */
export function ParamRule(ctx: CheckContext): void {
  const declared = new Set<string>();
  for (const p of ctx.scope.params.values()) {
    const t = p.type;
    const tname = t?.name.parts.map((x) => x.value).join(".");
    if (t !== undefined && tname !== "list" && !(PARAM_TYPES as readonly string[]).includes(tname ?? "")) {
      ctx.report("DF3006", `\`${tname}\` is not a param type.`, t.loc, {
        label: "unknown type",
        suggestions: suggest(tname ?? "", PARAM_TYPES),
        help: `a param is ${PARAM_TYPES.map((x) => "`" + x + "`").join(", ")} or \`list[T]\``,
      });
    }
    if (p.value !== undefined) {
      for (const ref of refs(p.value)) {
        const used = ctx.scope.params.get(ref.name.value);
        if (used !== undefined) ctx.names.use(ref.name.loc, ctx.names.symbol("param", used.name, used));
        if (ctx.scope.params.has(ref.name.value) && !declared.has(ref.name.value)) {
          ctx.report("DF3006", `The default of \`${p.name.value}\` uses \`${ref.name.value}\`, which is declared after it.`, ref.loc, {
            label: "declared later",
            secondary: [{ span: ctx.scope.params.get(ref.name.value)!.name.loc, message: "declared here" }],
            help: "declare params before the params whose defaults use them",
          });
        }
      }
      if (tname !== undefined) checkValue(ctx, tname, p.value, `param \`${p.name.value}\``);
    }
    declared.add(p.name.value);
  }
  const defaults = [...ctx.scope.profiles.values()].filter((p) => p.isDefault);
  for (const extra of defaults.slice(1)) {
    ctx.report("DF3006", `Only one profile can be the default, but \`${defaults[0]!.name.value}\` and \`${extra.name.value}\` both are.`, extra.name.loc, {
      label: "second default",
      secondary: [{ span: defaults[0]!.name.loc, message: "first default here" }],
    });
  }
  for (const prof of ctx.scope.profiles.values()) {
    for (const e of prof.entries) {
      const p = ctx.scope.params.get(e.name.value);
      const tname = p?.type?.name.parts.map((x) => x.value).join(".");
      if (tname !== undefined) checkValue(ctx, tname, e.value, `param \`${e.name.value}\` (profile \`${prof.name.value}\`)`);
    }
  }
  // Every unit in the file parses; grids take plain keys.
  for (const g of ctx.scope.grids.values()) {
    const d = g.domain;
    const exprs = d.kind === "RangeDomain" ? [d.range.lo, d.range.hi] : d.kind === "SetDomain" ? d.set.items : [];
    // A set's word names a param when one is declared under it (the planner takes the param's value), else it is a bare key.
    for (const dom of [g.domain, g.envelope])
      if (dom?.kind === "SetDomain")
        for (const x of dom.set.items) {
          const p = x.kind === "Ref" ? ctx.scope.params.get(x.name.value) : undefined;
          if (p !== undefined && x.kind === "Ref") ctx.names.use(x.name.loc, ctx.names.symbol("param", p.name, p));
        }
    for (const e of exprs)
      for (const q of quantities(e))
        ctx.report("DF3006", `A grid's keys take no unit, but this is \`${q.number.raw}${q.attached ? "" : " "}${q.unit}\`.`, q.loc, { label: "a quantity" });
  }
  for (const d of ctx.scope.program.decls) {
    if (d.kind === "Param" && d.value !== undefined) unitsParse(ctx, d.value);
    if (d.kind === "Profile") for (const e of d.entries) unitsParse(ctx, e.value);
  }
}

function unitsParse(ctx: CheckContext, e: A.ExprNode): void {
  for (const q of quantities(e)) {
    const u = parseUnit(q.unit);
    if (!u.ok) ctx.report("DF3040", u.message, q.unitLoc, { label: "unknown unit", suggestions: u.suggestions });
  }
}

function checkValue(ctx: CheckContext, type: string, e: A.ExprNode, what: string): void {
  const v = e.kind === "Unary" && e.op === "-" ? e.operand : e;
  const kind =
    v.kind === "Number"
      ? /^\d+$/.test(v.raw)
        ? "int"
        : "float"
      : v.kind === "String"
        ? "string"
        : v.kind === "Bool"
          ? "bool"
          : v.kind === "Quantity"
            ? "quantity"
            : v.kind === "Set"
              ? "set"
              : undefined;
  if (kind === undefined) return; // an expression of params: evaluated at plan time
  let ok: boolean;
  switch (type) {
    case "int":
      ok = kind === "int";
      break;
    case "date":
      ok = kind === "int" && v.kind === "Number" && /^\d{8}$/.test(v.raw);
      break;
    case "float":
      ok = kind === "int" || kind === "float";
      break;
    case "string":
    case "bool":
      ok = kind === type;
      break;
    case "list":
      ok = kind === "set";
      break;
    case "duration":
    case "size":
    case "quantity": {
      if (kind !== "quantity" || v.kind !== "Quantity") {
        ok = type === "quantity" && (kind === "int" || kind === "float");
        break;
      }
      const u = parseUnit(v.unit);
      ok = !u.ok || type === "quantity" || (type === "duration" ? isDuration(u.unit) : isDataSize(u.unit));
      break;
    }
    default:
      return;
  }
  if (!ok) {
    const shown =
      kind === "quantity" && v.kind === "Quantity" ? `\`${v.number.raw}${v.attached ? "" : " "}${v.unit}\`` : `a${/^[aeiou]/.test(kind) ? "n" : ""} ${kind}`;
    ctx.report("DF3006", `${what[0]!.toUpperCase()}${what.slice(1)} is a${/^[aeiou]/.test(type) ? "n" : ""} ${type}, but its value is ${shown}.`, e.loc, {
      label: `not a${/^[aeiou]/.test(type) ? "n" : ""} ${type}`,
    });
  }
}

function refs(e: A.ExprNode): A.RefNode[] {
  const out: A.RefNode[] = [];
  walk(e, (n) => {
    if (n.kind === "Ref") out.push(n);
  });
  return out;
}

function quantities(e: A.ExprNode): A.QuantityNode[] {
  const out: A.QuantityNode[] = [];
  walk(e, (n) => {
    if (n.kind === "Quantity") out.push(n);
  });
  return out;
}
