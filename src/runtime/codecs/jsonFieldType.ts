/** Typed-array classes a JSON field may declare, by name; JSON holds them as arrays. */
const TYPED_ARRAYS = {
  Uint8Array,
  Int16Array,
  Int32Array,
  Uint16Array,
  Uint32Array,
  BigInt64Array,
  BigUint64Array,
  Float32Array,
  Float64Array,
} as const;

/** The name of a typed-array class a JSON field may declare. */
export type TypedArrayName = keyof typeof TYPED_ARRAYS;

/**
 * What the codecs understand of a JSON field's TypeScript type: enough to check simple fields
 * and to restore what JSON cannot tell apart (bigints and typed arrays, written as decimal
 * strings and arrays). Anything else is `other`: checked only for being writable as JSON.
 */
export interface JsonFieldType {
  readonly kind: "number" | "string" | "boolean" | "bigint" | "array" | "typedArray" | "other";
  /** For `array`: the element kind (`bigint[]`, `readonly number[]`, `Array<string>`). */
  readonly element?: "number" | "string" | "boolean" | "bigint";
  /** For `typedArray`: the class. */
  readonly typedArray?: TypedArrayName;
  /** The type admits `null`. */
  readonly nullable: boolean;
  /** The type admits `undefined`, so the field may be absent. */
  readonly optional: boolean;
}

const SCALARS = new Set(["number", "string", "boolean", "bigint"]);

/** Reads a field's TypeScript type text (`bigint`, `readonly bigint[]`, `Float64Array | null`, …). */
export function jsonFieldType(tsType: string): JsonFieldType {
  const text = tsType.replace(/\s+/g, " ").trim();
  const parts = splitUnion(text);
  const nullable = parts.includes("null");
  const optional = parts.includes("undefined");
  const rest = parts.filter((p) => p !== "null" && p !== "undefined");
  const base = { nullable, optional };
  if (rest.length !== 1) return { kind: "other", ...base };
  const t = (rest[0] ?? "").replace(/^readonly /, "");
  if (SCALARS.has(t)) return { kind: t as "number" | "string" | "boolean" | "bigint", ...base };
  if (t in TYPED_ARRAYS) return { kind: "typedArray", typedArray: t as TypedArrayName, ...base };
  const element = /^(\w+)\[\]$/.exec(t)?.[1] ?? /^(?:Readonly)?Array<(\w+)>$/.exec(t)?.[1];
  if (element !== undefined && SCALARS.has(element)) return { kind: "array", element: element as "number" | "string" | "boolean" | "bigint", ...base };
  return { kind: "other", ...base };
}

/** The typed-array class named `name`. */
export function typedArrayClass(name: TypedArrayName): (typeof TYPED_ARRAYS)[TypedArrayName] {
  return TYPED_ARRAYS[name];
}

/** Splits a union at top-level `|` (not inside brackets, braces, parentheses or angle brackets). */
function splitUnion(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "<" || ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ">" || ch === ")" || ch === "]" || ch === "}") depth--;
    else if (ch === "|" && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== "");
}
