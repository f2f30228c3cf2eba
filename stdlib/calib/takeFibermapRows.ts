import type { FibermapTable } from "../datamodel/FibermapTable.js";

/** The fibermap rows `rows` (in the order given), each column keeping its array class. */
export function takeFibermapRows(fm: FibermapTable, rows: readonly number[]): FibermapTable {
  const out: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(fm) as [string, unknown][]) {
    if (Array.isArray(column)) out[name] = rows.map((r) => column[r] as unknown);
    else if (ArrayBuffer.isView(column)) {
      const src = column as unknown as { readonly [i: number]: number | bigint; readonly constructor: new (n: number) => { [i: number]: number | bigint } };
      const dst = new src.constructor(rows.length);
      rows.forEach((r, k) => (dst[k] = src[r]!));
      out[name] = dst;
    } else out[name] = column;
  }
  return out as unknown as FibermapTable;
}
