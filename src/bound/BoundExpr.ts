import type { Span } from "../util/Span.js";

/** A value computed at plan time: a param, a grid key, an attribute, a literal. */
export type Value = number | string | boolean;

/** Operators of binary expressions. */
export type BinaryOp = "or" | "and" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%" | "**";

/**
 * An expression as later phases read it: plain data with a source span, no AST node. Grouping
 * parentheses are gone (they only mattered for printing); a quantity keeps its unit as written.
 */
export type BoundExpr =
  | { readonly kind: "value"; readonly value: Value; readonly span: Span }
  | { readonly kind: "quantity"; readonly value: number; readonly unit: string; readonly span: Span }
  | { readonly kind: "name"; readonly name: string; readonly span: Span }
  | { readonly kind: "member"; readonly object: BoundExpr; readonly property: string; readonly span: Span }
  | { readonly kind: "call"; readonly callee: BoundExpr; readonly args: readonly BoundExpr[]; readonly span: Span }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: BoundExpr; readonly right: BoundExpr; readonly span: Span }
  | { readonly kind: "unary"; readonly op: "not" | "-"; readonly operand: BoundExpr; readonly span: Span }
  | { readonly kind: "range"; readonly lo: BoundExpr; readonly hi: BoundExpr; readonly span: Span }
  | { readonly kind: "set"; readonly items: readonly BoundExpr[]; readonly span: Span };

/** Calls `fn` on `e` and every expression below it, depth first. */
export function walkExpr(e: BoundExpr, fn: (x: BoundExpr) => void): void {
  fn(e);
  switch (e.kind) {
    case "member":
      walkExpr(e.object, fn);
      break;
    case "call":
      walkExpr(e.callee, fn);
      for (const a of e.args) walkExpr(a, fn);
      break;
    case "binary":
      walkExpr(e.left, fn);
      walkExpr(e.right, fn);
      break;
    case "unary":
      walkExpr(e.operand, fn);
      break;
    case "range":
      walkExpr(e.lo, fn);
      walkExpr(e.hi, fn);
      break;
    case "set":
      for (const i of e.items) walkExpr(i, fn);
      break;
    default:
      break;
  }
}

/** Whether an expression names nothing (no param, variable or word): its value is known at bind time. */
export function isConstant(e: BoundExpr): boolean {
  let named = false;
  walkExpr(e, (x) => {
    if (x.kind === "name") named = true;
  });
  return !named;
}

/** The conjuncts of an `and` chain. */
export function conjuncts(e: BoundExpr | undefined): BoundExpr[] {
  if (e === undefined) return [];
  if (e.kind === "binary" && e.op === "and") return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}
