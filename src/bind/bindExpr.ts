import type * as A from "../syntax/ast.js";
import type { BoundExpr } from "../bound/index.js";

/** Lowers an AST expression to a {@link BoundExpr}: spans kept, parentheses dropped. */
export function bindExpr(e: A.ExprNode): BoundExpr {
  switch (e.kind) {
    case "Number":
    case "String":
    case "Bool":
      return { kind: "value", value: e.value, span: e.loc };
    case "Quantity":
      return { kind: "quantity", value: e.number.value, unit: e.unit, span: e.loc };
    case "Ref":
      return { kind: "name", name: e.name.value, span: e.loc };
    case "Member":
      return { kind: "member", object: bindExpr(e.object), property: e.property.value, span: e.loc };
    case "Call":
      return { kind: "call", callee: bindExpr(e.callee), args: e.args.map(bindExpr), span: e.loc };
    case "Binary":
      return { kind: "binary", op: e.op, left: bindExpr(e.left), right: bindExpr(e.right), span: e.loc };
    case "Unary":
      return { kind: "unary", op: e.op, operand: bindExpr(e.operand), span: e.loc };
    case "Range":
      return { kind: "range", lo: bindExpr(e.lo), hi: bindExpr(e.hi), span: e.loc };
    case "Set":
      return { kind: "set", items: e.items.map(bindExpr), span: e.loc };
    case "Paren":
      return bindExpr(e.expr);
  }
}
