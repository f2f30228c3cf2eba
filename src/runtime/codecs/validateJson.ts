import type { ProductTypeInfo } from "../../kernels/index.js";
import { isNumericArray } from "./dtypeInfo.js";
import type { JsonFieldType } from "./jsonFieldType.js";
import { jsonFieldType, typedArrayClass } from "./jsonFieldType.js";
import { isRecord } from "./isRecord.js";
import { article, describeKind } from "./wording.js";

/** Nesting deeper than this is taken for a cycle. */
const MAX_DEPTH = 64;

/**
 * Checks a JSON product value: every declared field present (unless its type admits
 * `undefined`) with a value of its type where the type is simple (`number`, `string`,
 * `boolean`, `bigint`, arrays of these, typed arrays), no undeclared fields, and everything
 * writable as JSON (no NaN or infinities, no Map, Set, function or cycle). Appends one
 * sentence per problem.
 */
export function validateJson(t: ProductTypeInfo, value: Readonly<Record<string, unknown>>, problems: string[]): void {
  const declared = new Set(t.fields.map((f) => f.name));
  for (const key of Object.keys(value)) {
    if (!declared.has(key) && value[key] !== undefined) {
      problems.push(`The value has a field \`${key}\` that \`${t.name}\` does not declare, so it would not be written; remove it or declare it.`);
    }
  }
  for (const field of t.fields) {
    const v = value[field.name];
    const type = jsonFieldType(field.tsType);
    if (v === undefined) {
      if (!type.optional) problems.push(`Field \`${field.name}\` (${field.tsType}) is missing.`);
      continue;
    }
    const mismatch = typeMismatch(v, type);
    if (mismatch !== undefined) {
      problems.push(
        `Field \`${field.name}\` is ${mismatch}, but \`${t.name}\` declares it \`${field.tsType}\`${type.kind === "bigint" || type.element === "bigint" ? ": 64-bit integers are bigint, never a JS number" : ""}.`,
      );
      continue;
    }
    const bad = unwritable(v, field.name, 0);
    if (bad !== undefined) problems.push(`Field \`${field.name}\` holds ${bad}.`);
  }
}

/** How `v` differs from a simple declared type, or `undefined` when it fits (or the type is not simple). */
function typeMismatch(v: unknown, type: JsonFieldType): string | undefined {
  if (v === null) return type.nullable || type.kind === "other" ? undefined : "null";
  const kind = article(describeKind(v));
  switch (type.kind) {
    case "number":
    case "string":
    case "boolean":
    case "bigint":
      return typeof v === type.kind ? undefined : kind;
    case "typedArray":
      return type.typedArray !== undefined && v instanceof typedArrayClass(type.typedArray) ? undefined : kind;
    case "array": {
      if (!Array.isArray(v)) return kind;
      const i = v.findIndex((x: unknown) => typeof x !== type.element);
      return i < 0 ? undefined : `an array whose element ${i} is ${article(describeKind(v[i]))}`;
    }
    case "other":
      return undefined;
  }
}

/** Where `v` holds something JSON cannot (`NaN at \`pixels[3].snr\``), or `undefined`. */
function unwritable(v: unknown, path: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `objects nested more than ${MAX_DEPTH} deep at \`${path}\` (a cycle?), which JSON cannot hold`;
  switch (typeof v) {
    case "string":
    case "boolean":
    case "bigint":
      return undefined;
    case "number":
      return Number.isFinite(v) ? undefined : `${v} at \`${path}\`, which JSON cannot hold: use null`;
    case "undefined":
      return `undefined at \`${path}\`, which JSON cannot hold in an array: use null`;
    case "function":
    case "symbol":
      return `a ${typeof v} at \`${path}\`, which JSON cannot hold`;
    case "object":
      break; // null, arrays and records: below
  }
  if (v === null) return undefined;
  if (isNumericArray(v)) {
    if (v instanceof Float32Array || v instanceof Float64Array) {
      const i = v.findIndex((x) => !Number.isFinite(x));
      if (i >= 0) return `${v[i]} at \`${path}[${i}]\`, which JSON cannot hold`;
    }
    return undefined;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = unwritable(v[i], `${path}[${i}]`, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (isRecord(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      const bad = unwritable(x, `${path}.${k}`, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  const name: unknown = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return `${article(typeof name === "string" && name !== "" ? name : "object")} at \`${path}\`, which JSON cannot hold`;
}
