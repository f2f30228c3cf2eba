import { convert, parseUnit } from "../units/index.js";
import type { BoundExpr, Value } from "./BoundExpr.js";
import { binary } from "./evalConst.js";

/** A constant's value and the unit it is in: `undefined` for a plain number, a string or a bool. */
export interface Measured {
  readonly value: Value;
  readonly unit: string | undefined;
}

/** What {@link evalMeasured} returns: a value, a reason it cannot be computed with its units, or undefined when it is not constant. */
export type MeasuredResult = { readonly ok: true; readonly value: Measured } | { readonly ok: false; readonly message: string } | undefined;

/**
 * The plan's param values, with the unit of each param whose value is a quantity
 * (`param t: duration = 2h` holds 2 and `h`). Every other reader sees a map of plain values;
 * {@link evalMeasured} reads the units, so a quantity keeps its unit through a param.
 */
export class ParamValues extends Map<string, Value> {
  readonly units = new Map<string, string>();

  /** Sets `name` to a value and its unit (none for a plain value). */
  setMeasured(name: string, m: Measured): this {
    this.set(name, m.value);
    if (m.unit !== undefined) this.units.set(name, m.unit);
    else this.units.delete(name);
    return this;
  }
}

/** The unit of param `name` when `params` records units and its value is a quantity. */
function paramUnit(params: ReadonlyMap<string, Value>, name: string): string | undefined {
  return params instanceof ParamValues ? params.units.get(name) : undefined;
}

const plain = (value: Value, unit?: string): MeasuredResult => ({ ok: true, value: { value, unit } });

/**
 * Evaluates a constant expression keeping its unit: `-15 electron/nm`, `(15 electron/nm)`,
 * `2 * 15 s`, `15 s / 2`, `10min + 30s` (in the left side's unit), a param whose value is a
 * quantity. Mixing a quantity with a plain number in a sum, multiplying two quantities, or
 * any other operator on a quantity is a failure with its reason, never a number with its unit
 * dropped. Undefined when the expression is not constant.
 */
export function evalMeasured(e: BoundExpr, params: ReadonlyMap<string, Value>): MeasuredResult {
  switch (e.kind) {
    case "value":
      return plain(e.value);
    case "quantity":
      return plain(e.value, e.unit);
    case "name": {
      const v = params.get(e.name);
      return v === undefined ? undefined : plain(v, paramUnit(params, e.name));
    }
    case "unary": {
      const r = evalMeasured(e.operand, params);
      if (r?.ok !== true) return r;
      const { value, unit } = r.value;
      if (e.op === "-") return typeof value === "number" ? plain(-value, unit) : undefined;
      return unit === undefined ? plain(!value) : { ok: false, message: `\`not\` does not apply to a quantity (\`${unit}\`).` };
    }
    case "binary": {
      const l = evalMeasured(e.left, params);
      if (l?.ok !== true) return l;
      const r = evalMeasured(e.right, params);
      if (r?.ok !== true) return r;
      return measuredBinary(e.op, l.value, r.value);
    }
    default:
      return undefined;
  }
}

function measuredBinary(op: Parameters<typeof binary>[0], l: Measured, r: Measured): MeasuredResult {
  if (l.unit === undefined && r.unit === undefined) {
    const v = binary(op, l.value, r.value);
    return v === undefined ? undefined : plain(v);
  }
  const lv = l.value;
  const rv = r.value;
  if (typeof lv !== "number" || typeof rv !== "number") return undefined;
  const fail = (why: string): MeasuredResult => ({ ok: false, message: why });
  const shown = (m: Measured): string => (m.unit === undefined ? String(m.value) : `${String(m.value)} ${m.unit}`);
  switch (op) {
    case "*":
      if (l.unit !== undefined && r.unit !== undefined) return fail(`dflow does not multiply two quantities (\`${shown(l)}\` and \`${shown(r)}\`).`);
      return plain(lv * rv, l.unit ?? r.unit);
    case "/":
      if (r.unit !== undefined) return fail(`dflow divides a quantity only by a plain number, not by \`${shown(r)}\`.`);
      return plain(lv / rv, l.unit);
    case "+":
    case "-":
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "==":
    case "!=": {
      if (l.unit === undefined || r.unit === undefined)
        return fail(`\`${shown(l)}\` and \`${shown(r)}\` cannot be combined with \`${op}\`: one has a unit, the other none.`);
      const from = parseUnit(r.unit);
      const to = parseUnit(l.unit);
      if (!from.ok) return fail(from.message);
      if (!to.ok) return fail(to.message);
      const c = convert(rv, from.unit, to.unit);
      if (!c.ok) return fail(c.message);
      const v = binary(op, lv, c.value);
      if (v === undefined) return undefined;
      return op === "+" || op === "-" ? plain(v, l.unit) : plain(v);
    }
    default:
      return fail(`\`${op}\` does not apply to a quantity (\`${shown(l.unit !== undefined ? l : r)}\`).`);
  }
}

/**
 * A value in the unit `want` a kernel param declares (`@unit`): a quantity is converted, a
 * plain value passes as it is (it is taken to be in the kernel's unit). A quantity given to a
 * param without a unit, or whose unit does not convert, fails with the reason.
 */
export function toKernelUnit(m: Measured, want: string | undefined): { ok: true; value: Value } | { ok: false; message: string } {
  if (m.unit === undefined) return { ok: true, value: m.value };
  if (want === undefined) return { ok: false, message: "it declares no unit" };
  if (typeof m.value !== "number") return { ok: false, message: "the value is not a number" };
  const from = parseUnit(m.unit);
  if (!from.ok) return { ok: false, message: from.message };
  const to = parseUnit(want);
  if (!to.ok) return { ok: false, message: `\`${want}\` is not a unit dflow reads: ${to.message}` };
  const c = convert(m.value, from.unit, to.unit);
  return c.ok ? { ok: true, value: c.value } : { ok: false, message: c.message };
}
