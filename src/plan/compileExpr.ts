import { walkExpr, type BoundExpr } from "../bound/index.js";
import { keyIndex, type ResolvedGrid } from "./ResolvedGrid.js";
import { binary, type Value } from "./values.js";

/** Where a variable lives in a task's frame, and its grid. */
export interface Slot {
  readonly slot: number;
  readonly grid: ResolvedGrid;
}

/** Names visible to an expression: variables (frame slots) and params. */
export interface Scope {
  readonly vars: ReadonlyMap<string, Slot>;
  readonly params: ReadonlyMap<string, Value>;
}

/** A compiled expression over a frame of key indices. */
export type ValueFn = (f: Int32Array) => Value;
/** A compiled index expression: the key index in one grid, or -1 when the value is not a key. */
export type IndexFn = (f: Int32Array) => number;

/** Compiles an expression to a closure computing its value from the frame. Unknown bare names are words (`{b, r}`). */
export function compileValue(e: BoundExpr, scope: Scope): ValueFn {
  switch (e.kind) {
    case "value":
    case "quantity": {
      const v = e.value;
      return () => v;
    }
    case "name": {
      const s = scope.vars.get(e.name);
      if (s !== undefined) {
        const keys = s.grid.keys;
        const slot = s.slot;
        return (f) => keys[f[slot]!]!;
      }
      const p = scope.params.get(e.name);
      const v: Value = p ?? e.name;
      return () => v;
    }
    case "member": {
      if (e.object.kind === "name") {
        const s = scope.vars.get(e.object.name);
        const attr = s?.grid.attributes.get(e.property);
        if (s !== undefined && attr !== undefined) {
          const vals = attr.values;
          const slot = s.slot;
          return (f) => vals[f[slot]!]!;
        }
      }
      return () => "";
    }
    case "unary": {
      const inner = compileValue(e.operand, scope);
      return e.op === "not" ? (f) => !inner(f) : (f) => -(inner(f) as number);
    }
    case "binary": {
      const l = compileValue(e.left, scope);
      const r = compileValue(e.right, scope);
      const op = e.op;
      if (op === "and") return (f) => Boolean(l(f)) && Boolean(r(f));
      if (op === "or") return (f) => Boolean(l(f)) || Boolean(r(f));
      return (f) => binary(op, l(f), r(f)) ?? false;
    }
    default:
      return () => false;
  }
}

/**
 * Compiles an index expression of a product reference into the key index in the axis grid:
 * a variable on that grid is its slot, an attribute holding that grid's keys reads its
 * index array; anything else is evaluated and looked up.
 */
export function compileIndex(e: BoundExpr, axis: ResolvedGrid, scope: Scope): IndexFn {
  if (e.kind === "name") {
    const s = scope.vars.get(e.name);
    if (s !== undefined && s.grid === axis) {
      const slot = s.slot;
      return (f) => f[slot]!;
    }
  }
  if (e.kind === "member" && e.object.kind === "name") {
    const s = scope.vars.get(e.object.name);
    const attr = s?.grid.attributes.get(e.property);
    if (s !== undefined && attr?.gridIndex !== undefined && e.property === axis.name) {
      const idx = attr.gridIndex;
      const slot = s.slot;
      return (f) => idx[f[slot]!]!;
    }
  }
  const v = compileValue(e, scope);
  return (f) => keyIndex(axis, v(f));
}

/** The variables (of `vars`) an expression mentions. */
export function varsIn(e: BoundExpr, vars: ReadonlyMap<string, Slot>): Set<string> {
  const out = new Set<string>();
  walkExpr(e, (n) => {
    if (n.kind === "name" && vars.has(n.name)) out.add(n.name);
  });
  return out;
}
