/**
 * The rows `rows` (indices, in the order given) of a table held as one array per column: typed
 * arrays stay typed arrays of the same class, string columns stay arrays.
 */
export function takeRows<T extends object>(table: T, rows: readonly number[]): T {
  const out: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(table)) {
    if (ArrayBuffer.isView(column)) {
      const src = column as unknown as { readonly length: number; readonly [i: number]: number | bigint; constructor: new (n: number) => unknown };
      const dst = new src.constructor(rows.length) as { [i: number]: number | bigint };
      for (let k = 0; k < rows.length; k++) dst[k] = src[rows[k]!]!;
      out[name] = dst;
    } else if (Array.isArray(column)) {
      out[name] = rows.map((r) => column[r] as unknown);
    } else {
      out[name] = column;
    }
  }
  return out as T;
}
