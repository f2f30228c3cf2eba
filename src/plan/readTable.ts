import { existsSync } from "node:fs";
import { EcsvError, readEcsv } from "../../stdlib/io/ecsv/index.js";
import { FitsError, openFits } from "../../stdlib/io/fits/index.js";
import type { Value } from "./values.js";

/** Columns of a table product read for a column grid or relation, as plan-time values. */
export interface PlanTable {
  readonly path: string;
  readonly rows: number;
  readonly columns: ReadonlyMap<string, readonly Value[]>;
}

/** Why a table could not be read: the file is missing, or it could not be parsed, or a column is absent. */
export type TableProblem =
  | { readonly kind: "missing" }
  | { readonly kind: "unreadable"; readonly message: string }
  | { readonly kind: "column"; readonly column: string; readonly available: readonly string[] };

function toValues(data: ArrayLike<unknown>): Value[] {
  const out: Value[] = new Array<Value>(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v === "bigint") out[i] = v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v.toString();
    else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") out[i] = typeof v === "string" ? v.trim() : v;
    else out[i] = String(v);
  }
  return out;
}

/**
 * Reads the named columns of a table product (ECSV, or the first table HDU of a FITS file),
 * reading only those columns. 64-bit integers become numbers when exact, else decimal strings.
 */
export function readPlanTable(path: string, columns: readonly string[]): { table?: PlanTable; problem?: TableProblem } {
  if (!existsSync(path)) return { problem: { kind: "missing" } };
  try {
    if (/\.fits(\.gz)?$/i.test(path)) {
      const f = openFits(path);
      const info = f.hdus.find((h) => h.kind === "table");
      if (info === undefined) return { problem: { kind: "unreadable", message: "the file has no table HDU" } };
      const names = info.kind === "table" ? info.columns.map((c) => c.name) : [];
      for (const c of columns) if (!names.includes(c)) return { problem: { kind: "column", column: c, available: names } };
      const t = f.readRows(info.index, 0, undefined, columns);
      const out = new Map<string, Value[]>();
      for (const c of t.columns) out.set(c.name, toValues(c.data));
      return { table: { path, rows: t.columns[0]?.data.length ?? 0, columns: out } };
    }
    const t = readEcsv(path);
    const names = t.columns.map((c) => c.name);
    const out = new Map<string, Value[]>();
    for (const c of columns) {
      const col = t.columns.find((x) => x.name === c);
      if (col === undefined) return { problem: { kind: "column", column: c, available: names } };
      out.set(c, toValues(col.data));
    }
    return { table: { path, rows: t.columns[0]?.data.length ?? 0, columns: out } };
  } catch (e) {
    if (e instanceof EcsvError || e instanceof FitsError) return { problem: { kind: "unreadable", message: e.message } };
    return { problem: { kind: "unreadable", message: (e as Error).message } };
  }
}
