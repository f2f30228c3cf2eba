/**
 * The same summary of FITS HDUs that `py/fits_tool.py` computes with astropy, computed here
 * from dflow's in-memory HDUs, so the two can be compared with one `toEqual`.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findPython, runPython } from "../helpers/externalTools.js";
import type { Card, ColumnData, FitsHdu, Header, NumericArray } from "../../stdlib/io/fits/index.js";
import { dtypeOfArray } from "../../stdlib/io/fits/index.js";

/** A card as `[keyword, value, comment]`; integers as `{ int }`, reals as `{ float }`. */
export type CardSummary = [string, unknown, string];

/** An array's dtype, numpy shape and SHA-256 of its little-endian values. */
export interface ArraySummary {
  dtype: string;
  shape: number[];
  sha: string;
}

/** One column of a table HDU. */
export interface ColumnSummary extends ArraySummary {
  name: string;
  unit: string | null;
}

/** One HDU as both sides describe it. */
export interface HduSummary {
  name: string | null;
  kind: "image" | "table";
  cards: CardSummary[];
  image?: ArraySummary | null;
  nrows?: number;
  columns?: Omit<ColumnSummary, never>[];
}

/** astropy's answer for one file. */
export interface FileSummary {
  hdus: HduSummary[];
  warnings: string[];
}

/** The Python interpreter with astropy and numpy (a test failure names the Debian package when missing). */
export function astropyPython(): string {
  return findPython(["astropy", "numpy"], ["python3-astropy"]);
}

/** Runs `py/fits_tool.py MODE` with a JSON request and parses its JSON answer. */
export function runFitsTool<T>(mode: "summary" | "write-fixtures", request: unknown): T {
  const script = readFileSync(fileURLToPath(new URL("./py/fits_tool.py", import.meta.url)), "utf8");
  return JSON.parse(runPython(astropyPython(), script, [mode], JSON.stringify(request))) as T;
}

/** SHA-256 of values as astropy's side hashes them. */
export function hashValues(data: ColumnData | NumericArray): string {
  const h = createHash("sha256");
  if (ArrayBuffer.isView(data)) {
    h.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } else if (data.length > 0 && typeof data[0] === "boolean") {
    h.update(Uint8Array.from(data as readonly boolean[], (b) => (b ? 1 : 0)));
  } else if (data.length === 0) {
    h.update(new Uint8Array(0));
  } else {
    h.update(JSON.stringify((data as readonly string[]).map((s) => s.replace(/ +$/, ""))), "utf8");
  }
  return h.digest("hex");
}

function dtypeName(data: ColumnData): string {
  const numeric = dtypeOfArray(data);
  if (numeric !== undefined) return numeric;
  return data.length > 0 && typeof data[0] === "boolean" ? "bool" : "string";
}

/** A value as the Python side encodes it, normalised so JSON from both sides compares equal. */
export function encodeCardValue(v: unknown): unknown {
  if (typeof v === "bigint") return { int: v.toString() };
  if (typeof v === "number") return { float: v };
  if (v !== null && typeof v === "object" && "re" in v) {
    const c = v as { re: number; im: number };
    return { complex: [c.re, c.im] };
  }
  return v;
}

/** Cards of a dflow header in the summary form. */
export function summarizeCards(header: Header): CardSummary[] {
  return header.cards.map((c: Card): CardSummary => (c.kind === "value" ? [c.key, encodeCardValue(c.value), c.comment ?? ""] : [c.key, c.text, ""]));
}

/** Converts astropy's `{ float: "repr" }` values to numbers so they compare with {@link summarizeCards}. */
export function normalizePythonCards(cards: CardSummary[]): CardSummary[] {
  return cards.map(([k, v, c]) => {
    if (v !== null && typeof v === "object" && "float" in v) return [k, { float: Number((v as { float: string }).float) }, c];
    if (v !== null && typeof v === "object" && "complex" in v) {
      const [re, im] = (v as { complex: [string, string] }).complex;
      return [k, { complex: [Number(re), Number(im)] }, c];
    }
    return [k, v, c];
  });
}

/** The data part of a summary (everything but the cards) of a dflow HDU. */
export function summarizeData(hdu: FitsHdu): Omit<HduSummary, "cards" | "name"> {
  if (hdu.kind === "image") {
    return { kind: "image", image: hdu.data === null ? null : { dtype: dtypeName(hdu.data), shape: [...hdu.shape], sha: hashValues(hdu.data) } };
  }
  return {
    kind: "table",
    nrows: hdu.nrows,
    columns: hdu.columns.map((c) => ({
      name: c.name,
      dtype: dtypeName(c.data),
      shape: [...(c.shape ?? [])],
      unit: c.unit !== undefined && c.unit !== "" ? c.unit : null,
      sha: hashValues(c.data),
    })),
  };
}

/** The data part of astropy's summary, to compare with {@link summarizeData}. */
export function pythonData(h: HduSummary): Omit<HduSummary, "cards" | "name"> {
  return h.kind === "image" ? { kind: "image", image: h.image ?? null } : { kind: "table", nrows: h.nrows!, columns: h.columns! };
}
