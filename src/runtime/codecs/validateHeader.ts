import type { HeaderKeyInfo } from "../../kernels/index.js";
import { isRecord } from "./isRecord.js";
import { cap } from "./wording.js";

/** Where the keywords live: a FITS primary header or an ECSV table's `meta`. */
export type HeaderKind = "header" | "meta";

const STANDARD_KEY = /^[A-Z0-9_-]{1,8}$/;
const HIERARCH_KEY = /^[!-<>-~](?:[ -<>-~]*[!-<>-~])?$/; // printable ASCII without `=`, no outer spaces
const PRINTABLE = /^[ -~]*$/;

/**
 * Keywords the FITS codec writes itself (structure, EXTNAME, BUNIT, checksums): a product's
 * header may not set them, since they would be dropped or would clash.
 */
const RESERVED = new Set([
  "SIMPLE",
  "XTENSION",
  "BITPIX",
  "NAXIS",
  "EXTEND",
  "PCOUNT",
  "GCOUNT",
  "GROUPS",
  "BSCALE",
  "BZERO",
  "BLANK",
  "BUNIT",
  "TFIELDS",
  "THEAP",
  "CHECKSUM",
  "DATASUM",
  "EXTNAME",
  "EXTVER",
  "LONGSTRN",
  "END",
  "COMMENT",
  "HISTORY",
  "CONTINUE",
]);
const RESERVED_INDEXED = /^(?:NAXIS|TTYPE|TFORM|TUNIT|TDIM|TZERO|TSCAL|TNULL|TDISP|TBCOL)\d+$/;

/** True for a keyword the FITS codec generates (SIMPLE, NAXISn, TFORMn, EXTNAME, BUNIT, CHECKSUM, …). */
export function isReservedKeyword(key: string): boolean {
  return RESERVED.has(key) || RESERVED_INDEXED.test(key);
}

/**
 * Checks a product's `header` (FITS) or `meta` (ECSV) against the keywords its type
 * requires: each present with a value of its declared type (`int`: an integer number or a
 * bigint; `float`: a number; `str`: a string; `bool`: a boolean). Every value must be a
 * string, number, boolean or bigint; in a FITS header keys must also be valid upper-case FITS
 * keywords the codec does not write itself, strings printable ASCII without trailing spaces
 * and numbers finite.
 * Appends one sentence per problem to `problems`.
 */
export function validateHeader(declared: readonly HeaderKeyInfo[], header: unknown, kind: HeaderKind, typeName: string, problems: string[]): void {
  const noun = kind === "header" ? "header keyword" : "meta key";
  if (header === undefined) {
    if (declared.length > 0) {
      const keys = declared.map((k) => `\`${k.key}\``).join(", ");
      problems.push(`The value has no \`${kind}\`, but \`${typeName}\` requires the ${kind === "header" ? "keywords" : "meta keys"} ${keys}.`);
    }
    return;
  }
  if (!isRecord(header)) {
    problems.push(`\`${kind}\` must be an object mapping ${kind === "header" ? "keywords" : "keys"} to values, not ${describeHeaderValue(header)}.`);
    return;
  }
  for (const k of declared) {
    const v = header[k.key];
    const about = k.doc === "" ? k.type : `${k.type}: ${k.doc}`;
    if (v === undefined) {
      problems.push(`${cap(noun)} \`${k.key}\` (${about}) is missing from \`${kind}\`.`);
      continue;
    }
    if (!hasType(v, k.type)) {
      problems.push(`${cap(noun)} \`${k.key}\` is ${describeHeaderValue(v)}, but \`${typeName}\` declares it ${k.type}: give ${expected(k.type)}.`);
    }
  }
  for (const [key, v] of Object.entries(header)) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean" && typeof v !== "bigint") {
      problems.push(`${cap(noun)} \`${key}\` is ${describeHeaderValue(v)}; a value must be a string, number, boolean or bigint.`);
      continue;
    }
    if (kind !== "header") continue;
    if (key !== key.toUpperCase()) {
      problems.push(`Header keyword \`${key}\` is not upper case: FITS keywords are, so write \`${key.toUpperCase()}\`.`);
    } else if (!STANDARD_KEY.test(key) && !HIERARCH_KEY.test(key)) {
      problems.push(
        `Header keyword \`${key}\` cannot be written to FITS: use 1 to 8 of A–Z, 0–9, \`_\` and \`-\` (longer keys may use printable characters except \`=\`).`,
      );
    } else if (isReservedKeyword(key)) {
      problems.push(`Header keyword \`${key}\` is written by the FITS codec itself: rename it.`);
    }
    if (typeof v === "string" && !PRINTABLE.test(v)) {
      problems.push(`Header keyword \`${key}\` holds characters outside printable ASCII, which a FITS header cannot hold.`);
    } else if (typeof v === "string" && v.endsWith(" ")) {
      problems.push(`Header keyword \`${key}\` ends with a space, which FITS drops: trim it.`);
    }
    if (typeof v === "number" && !Number.isFinite(v)) {
      problems.push(`Header keyword \`${key}\` is ${v}, which a FITS header cannot hold.`);
    }
  }
}

function hasType(v: unknown, type: HeaderKeyInfo["type"]): boolean {
  switch (type) {
    case "int":
      return typeof v === "bigint" || (typeof v === "number" && Number.isSafeInteger(v));
    case "float":
      return typeof v === "number";
    case "str":
      return typeof v === "string";
    case "bool":
      return typeof v === "boolean";
  }
}

function expected(type: HeaderKeyInfo["type"]): string {
  switch (type) {
    case "int":
      return "an integer (a number, or a bigint beyond 2^53)";
    case "float":
      return "a number";
    case "str":
      return "a string";
    case "bool":
      return "a boolean";
  }
}

/** A header value described for a message: `the string 'b3'`, `the number 1.5`, `the bigint 7`. */
export function describeHeaderValue(v: unknown): string {
  if (typeof v === "string") return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "bigint") return `the bigint ${v}`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : typeof v;
}
