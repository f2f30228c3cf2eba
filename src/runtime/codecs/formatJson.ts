import { isNumericArray } from "./dtypeInfo.js";

const INDENT = "  ";

/**
 * A value as JSON text that depends only on the value: the top-level keys in `order` (the
 * type's declaration order), nested object keys sorted, bigints as decimal strings, typed
 * arrays as arrays (64-bit ones as decimal strings), arrays of scalars on one line, two-space
 * indentation and a final newline. `undefined` members are left out, as JSON.stringify does.
 * The value must have passed validation (no NaN, cycles or exotic objects).
 */
export function formatJson(value: Readonly<Record<string, unknown>>, order: readonly string[]): string {
  const keys = [
    ...order,
    ...Object.keys(value)
      .filter((k) => !order.includes(k))
      .sort(),
  ];
  return `${formatObject(value, keys, "")}\n`;
}

function formatValue(v: unknown, indent: string): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "bigint":
      return `"${v}"`;
    case "number":
      return Number.isFinite(v) ? JSON.stringify(v) : "null";
    case "string":
    case "boolean":
      return JSON.stringify(v);
    default:
      break; // arrays and records: below
  }
  if (isNumericArray(v)) return `[${Array.from(v as ArrayLike<number | bigint>, (x) => formatValue(x, indent)).join(", ")}]`;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    if (v.every((x: unknown) => x === null || typeof x !== "object")) return `[${v.map((x: unknown) => formatValue(x, indent)).join(", ")}]`;
    const inner = indent + INDENT;
    return `[\n${v.map((x: unknown) => inner + formatValue(x, inner)).join(",\n")}\n${indent}]`;
  }
  const record = v as Readonly<Record<string, unknown>>;
  return formatObject(record, Object.keys(record).sort(), indent);
}

function formatObject(record: Readonly<Record<string, unknown>>, keys: readonly string[], indent: string): string {
  const present = keys.filter((k) => record[k] !== undefined);
  if (present.length === 0) return "{}";
  const inner = indent + INDENT;
  return `{\n${present.map((k) => `${inner}${JSON.stringify(k)}: ${formatValue(record[k], inner)}`).join(",\n")}\n${indent}}`;
}
