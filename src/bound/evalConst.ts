import type { BinaryOp, BoundExpr, Value } from "./BoundExpr.js";

/** Evaluates a constant expression (literals, params, arithmetic); `undefined` when it is not constant. A quantity is its number. */
export function evalConst(e: BoundExpr, params: ReadonlyMap<string, Value>): Value | undefined {
  switch (e.kind) {
    case "value":
      return e.value;
    case "quantity":
      return e.value;
    case "name":
      return params.get(e.name);
    case "unary": {
      const v = evalConst(e.operand, params);
      if (v === undefined) return undefined;
      return e.op === "not" ? !v : typeof v === "number" ? -v : undefined;
    }
    case "binary": {
      const l = evalConst(e.left, params);
      const r = evalConst(e.right, params);
      if (l === undefined || r === undefined) return undefined;
      return binary(e.op, l, r);
    }
    default:
      return undefined;
  }
}

/** Applies a binary operator; comparisons of a number with a numeric string compare numerically. */
export function binary(op: BinaryOp, l: Value, r: Value): Value | undefined {
  switch (op) {
    case "and":
      return Boolean(l) && Boolean(r);
    case "or":
      return Boolean(l) || Boolean(r);
    case "==":
      return looseEq(l, r);
    case "!=":
      return !looseEq(l, r);
    default:
      break;
  }
  if (typeof l !== "number" || typeof r !== "number") {
    if (typeof l === "string" && typeof r === "string") {
      if (op === "+") return l + r;
      if (op === "<") return l < r;
      if (op === "<=") return l <= r;
      if (op === ">") return l > r;
      if (op === ">=") return l >= r;
    }
    return undefined;
  }
  switch (op) {
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    case ">=":
      return l >= r;
    case "+":
      return l + r;
    case "-":
      return l - r;
    case "*":
      return l * r;
    case "/":
      return Number.isInteger(l) && Number.isInteger(r) ? Math.trunc(l / r) : l / r;
    case "%":
      return l % r;
    case "**":
      return l ** r;
  }
}

/** Equality that treats `20201214` and `"20201214"` as equal keys. */
export function looseEq(l: Value, r: Value): boolean {
  if (typeof l === typeof r) return l === r;
  if (typeof l === "number" && typeof r === "string") return String(l) === r;
  if (typeof l === "string" && typeof r === "number") return l === String(r);
  return false;
}
