/**
 * Parsers for the text of the data model's JSDoc tags (docs/datamodel.md), independent of
 * ts-morph: each returns the parsed value or an `error` sentence.
 */
import type { DimInfo, Dtype, HeaderKeyInfo } from "./types.js";

/** A parsed value, or why the text is not one. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const DTYPES: ReadonlySet<string> = new Set(["bool", "u8", "i16", "i32", "i64", "u16", "u32", "u64", "f32", "f64", "str"]);

/** The element types of docs/datamodel.md, for messages. */
export const DTYPE_LIST = "bool u8 i16 i32 i64 u16 u32 u64 f32 f64 str strN";

/** `f32` → the dtype; `str8` is a string of at most 8 characters; anything else is `undefined`. */
export function parseDtype(text: string): Dtype | undefined {
  if (DTYPES.has(text)) return text as Dtype;
  if (/^str[1-9][0-9]*$/.test(text)) return text as Dtype;
  return undefined;
}

/** `[fiber, diag=11, wave]` → named axes in C order; sizes are positive integers. */
export function parseDims(text: string): Parsed<DimInfo[]> {
  const m = /^\[(.*)\]$/s.exec(text.trim());
  if (m === null) return { ok: false, error: `\`${text.trim()}\` is not a list of axes like \`[fiber, wave]\`` };
  const body = (m[1] ?? "").trim();
  if (body === "") return { ok: true, value: [] };
  const dims: DimInfo[] = [];
  const seen = new Set<string>();
  for (const raw of body.split(",")) {
    const part = raw.trim();
    const d = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*([0-9]+))?$/.exec(part);
    if (d === null) return { ok: false, error: `axis \`${part}\` is not a name or \`name=N\`` };
    const name = d[1] ?? "";
    if (seen.has(name)) return { ok: false, error: `axis \`${name}\` appears twice` };
    seen.add(name);
    if (d[2] === undefined) dims.push({ name });
    else {
      const size = Number(d[2]);
      if (size < 1) return { ok: false, error: `axis \`${name}\` has size ${size}; a fixed size is at least 1` };
      dims.push({ name, size });
    }
  }
  return { ok: true, value: dims };
}

/** A parsed `@column NAME D[dims] [unit]`. */
export interface ColumnTag {
  readonly name: string;
  readonly dtype: Dtype;
  readonly dims: readonly DimInfo[];
  readonly unit?: string;
}

/** Parses the text of `@column NAME D[dims] [unit]` (the unit is the rest of the line). */
export function parseColumnTag(text: string): Parsed<ColumnTag> {
  const t = squash(text);
  const m = /^(\S+)\s+([A-Za-z0-9]+)(\[[^\]]*\])?(?:\s+(.*))?$/.exec(t);
  if (m === null) return { ok: false, error: `\`@column ${t}\` is not \`@column NAME dtype[dims] [unit]\`` };
  const name = m[1] ?? "";
  const dtype = parseDtype(m[2] ?? "");
  if (dtype === undefined) return { ok: false, error: `unknown dtype \`${m[2] ?? ""}\` (expected one of ${DTYPE_LIST})` };
  let dims: readonly DimInfo[] = [];
  if (m[3] !== undefined) {
    const d = parseDims(m[3]);
    if (!d.ok) return d;
    dims = d.value;
  }
  const unit = (m[4] ?? "").trim();
  return { ok: true, value: unit === "" ? { name, dtype, dims } : { name, dtype, dims, unit } };
}

const KEY_TYPES: ReadonlySet<string> = new Set(["int", "float", "str", "bool"]);

/** Parses the text of `@header KEY type [unit] [- text]` (also `@meta`). */
export function parseHeaderTag(text: string): Parsed<HeaderKeyInfo> {
  const t = squash(text);
  const m = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(t);
  if (m === null) return { ok: false, error: `\`${t}\` is not \`KEY type [unit] [- text]\`` };
  const key = m[1] ?? "";
  const type = m[2] ?? "";
  if (!KEY_TYPES.has(type)) return { ok: false, error: `keyword \`${key}\` has type \`${type}\` (expected int, float, str or bool)` };
  let rest = (m[3] ?? "").trim();
  let doc = "";
  if (rest.startsWith("- ") || rest === "-") {
    doc = rest.slice(1).trim();
    rest = "";
  } else {
    const dash = rest.indexOf(" - ");
    if (dash >= 0) {
      doc = rest.slice(dash + 3).trim();
      rest = rest.slice(0, dash).trim();
    }
  }
  const base = { key, type: type as HeaderKeyInfo["type"] };
  return { ok: true, value: rest === "" ? { ...base, doc } : { ...base, unit: rest, doc } };
}

const ARRAY_OF: Readonly<Record<string, string>> = {
  bool: "Uint8Array",
  u8: "Uint8Array",
  i16: "Int16Array",
  i32: "Int32Array",
  u16: "Uint16Array",
  u32: "Uint32Array",
  i64: "BigInt64Array",
  u64: "BigUint64Array",
  f32: "Float32Array",
  f64: "Float64Array",
};

/**
 * The TypeScript types a member with this dtype may have (docs/datamodel.md, "In-memory
 * values"), whitespace removed; an empty list when the dtype cannot be an image (`str`).
 */
export function expectedTsTypes(dtype: Dtype, kind: "image" | "column"): readonly string[] {
  const arr = ARRAY_OF[dtype];
  if (kind === "image") return arr === undefined ? [] : [`Image<${arr}>`];
  if (arr !== undefined) return [arr];
  return ["string[]", "readonlystring[]", "Array<string>", "ReadonlyArray<string>"];
}

/** A type's text with all whitespace removed, for comparing with {@link expectedTsTypes}. */
export function compactType(text: string): string {
  return text.replace(/\s+/g, "");
}

/** The first paragraph of a JSDoc description, on one line. */
export function firstParagraph(description: string): string {
  for (const para of description.split(/\n\s*\n/)) {
    const s = squash(
      para.replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|?\s*([^}]*))?\}/g, (_, target: string, label: string | undefined) =>
        label !== undefined && label.trim() !== "" ? label.trim() : target,
      ),
    );
    if (s !== "") return s;
  }
  return "";
}

/** Collapses runs of whitespace (JSDoc continuation lines) into single spaces. */
export function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
