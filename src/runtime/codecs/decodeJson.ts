import type { ProductTypeInfo } from "../../kernels/index.js";
import { isRecord } from "./isRecord.js";
import type { JsonFieldType } from "./jsonFieldType.js";
import { jsonFieldType, typedArrayClass } from "./jsonFieldType.js";

/**
 * A parsed JSON document as a product value: each declared field (others are left out), with
 * what JSON cannot tell apart restored from the field's TypeScript type: `bigint` (and
 * `bigint[]`) from decimal strings, typed arrays from arrays. Appends a sentence to `problems`
 * when the document is not an object or a value cannot be restored.
 */
export function decodeJson(t: ProductTypeInfo, doc: unknown, problems: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isRecord(doc)) {
    problems.push(`The file holds a JSON ${Array.isArray(doc) ? "array" : typeof doc}, but \`${t.name}\` is an object.`);
    return out;
  }
  for (const field of t.fields) {
    const v = doc[field.name];
    if (v === undefined) continue;
    const restored = restore(v, jsonFieldType(field.tsType));
    if (restored.ok) out[field.name] = restored.value;
    else problems.push(`Field \`${field.name}\` ${restored.problem}, but it is declared \`${field.tsType}\`.`);
  }
  return out;
}

type Restored = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

function restore(v: unknown, type: JsonFieldType): Restored {
  if (v === null) return { ok: true, value: null };
  if (type.kind === "bigint") return toBigInt(v);
  if (type.kind === "array" && type.element === "bigint") {
    if (!Array.isArray(v)) return { ok: false, problem: "is not an array" };
    const out: bigint[] = [];
    for (const x of v) {
      const b = toBigInt(x);
      if (!b.ok) return b;
      out.push(b.value as bigint);
    }
    return { ok: true, value: out };
  }
  if (type.kind === "typedArray" && type.typedArray !== undefined) {
    if (!Array.isArray(v)) return { ok: false, problem: "is not an array" };
    const cls = typedArrayClass(type.typedArray);
    if (cls === BigInt64Array || cls === BigUint64Array) {
      const values: bigint[] = [];
      for (const x of v) {
        const b = toBigInt(x);
        if (!b.ok) return b;
        values.push(b.value as bigint);
      }
      return { ok: true, value: cls.from(values) };
    }
    if (!v.every((x: unknown) => typeof x === "number")) return { ok: false, problem: "holds an element that is not a number" };
    return { ok: true, value: (cls as Float64ArrayConstructor).from(v) };
  }
  return { ok: true, value: v };
}

function toBigInt(x: unknown): Restored {
  if (typeof x === "string" && /^-?\d+$/.test(x)) return { ok: true, value: BigInt(x) };
  if (typeof x === "number" && Number.isSafeInteger(x)) return { ok: true, value: BigInt(x) };
  return { ok: false, problem: `holds ${JSON.stringify(x)}, which is not a decimal integer` };
}
