/** Small hand-made product types, for what the stdlib's types do not exercise (bool, u64, unsized cell axes, JSON bigints). */
import type { ColumnInfo, Dtype, ProductTypeInfo } from "../../../src/kernels/index.js";

const LOC = { file: "synthetic.ts", start: 0, end: 0, line: 1, column: 1 };

/** A product type named `Synthetic` with no members, to spread into a small synthetic type. */
export function synthetic(format: ProductTypeInfo["format"]): ProductTypeInfo {
  return { name: "Synthetic", module: "test", format, doc: "", header: [], hdus: [], columns: [], meta: [], fields: [], loc: LOC };
}

/** A column declaration. */
export function column(name: string, dtype: Dtype, dims: { name: string; size?: number }[] = [], unit?: string): ColumnInfo {
  return { name, dtype, dims, ...(unit !== undefined ? { unit } : {}), doc: "", loc: LOC };
}

/** The source location synthetic declarations carry. */
export const SYNTHETIC_LOC = LOC;
