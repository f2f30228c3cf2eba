/** A column or image buffer of the data model: a typed array or strings. */
export type ColumnData = ArrayLike<unknown> & { slice(start?: number, end?: number): ColumnData };

/** The pieces of one column joined end to end, in the class of the first (strings stay strings). */
export function concatColumn(parts: readonly ColumnData[], empty: ColumnData): ColumnData {
  const first = parts[0];
  if (first === undefined) return empty;
  if (Array.isArray(first)) return (parts as unknown as unknown[][]).flat();
  const n = parts.reduce((s, p) => s + p.length, 0);
  const Ctor = (first as unknown as { constructor: new (n: number) => ColumnData & { set(a: ArrayLike<unknown>, o: number): void } }).constructor;
  const out = new Ctor(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Tables (column name → column) joined row-wise, over the columns of the first. */
export function concatTables(parts: readonly Readonly<Record<string, unknown>>[]): Record<string, ColumnData> {
  const first = parts[0] ?? {};
  const out: Record<string, ColumnData> = {};
  for (const name of Object.keys(first)) {
    const cols = parts.map((p) => p[name] as ColumnData);
    out[name] = concatColumn(cols, cols[0]!);
  }
  return out;
}
