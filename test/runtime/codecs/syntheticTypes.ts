/** Small hand-made product types, for what the stdlib's types do not exercise (bool, u64, unsized cell axes, JSON bigints). */
import type { ColumnInfo, Dtype, ProductTypeInfo } from "../../../src/kernels/index.js";
import { makeRng, sampleArray } from "./sampleValue.js";

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

/** Every numeric dtype of the data model, and `bool`. */
export const DTYPES = ["bool", "u8", "i16", "i32", "i64", "u16", "u32", "u64", "f32", "f64"] as const;

/**
 * A FITS type with an image of every numeric dtype and a table with a column of every dtype
 * (plus `str`, a 2-D `str2` array column and a 2×3 `bool` array column), and a value of it.
 */
export function allDtypesFits(seed = 9): { t: ProductTypeInfo; value: Record<string, unknown> } {
  const rng = makeRng(seed);
  const images = DTYPES.filter((d) => d !== "bool");
  const t: ProductTypeInfo = {
    ...synthetic("fits"),
    hdus: [
      ...images.map((d) => ({
        name: `IMG_${d.toUpperCase()}`,
        member: `img_${d}`,
        kind: "image" as const,
        dtype: d,
        dims: [{ name: "n" }],
        doc: "",
        loc: LOC,
      })),
      {
        name: "T",
        member: "T",
        kind: "table",
        tableType: "T",
        columns: [
          ...DTYPES.map((d) => column(d.toUpperCase(), d)),
          column("S", "str"),
          column("S2", "str2", [{ name: "k", size: 2 }]),
          column("M", "bool", [
            { name: "a", size: 2 },
            { name: "b", size: 3 },
          ]),
        ],
        doc: "",
        loc: LOC,
      },
    ],
  };
  const table = {
    ...Object.fromEntries(DTYPES.map((d) => [d.toUpperCase(), sampleArray(d, 3, rng)])),
    S: ["", "a b", "x"],
    S2: ["ab", "", "c", "de", "f", "g"],
    M: sampleArray("bool", 18, rng),
  };
  const value = { header: {}, ...Object.fromEntries(images.map((d) => [`img_${d}`, { data: sampleArray(d, 5, rng), shape: [5] }])), T: table };
  return { t, value };
}

/** An ECSV type with a column of every dtype and a `str` column, and a value of it. */
export function allDtypesEcsv(seed = 10): { t: ProductTypeInfo; value: Record<string, unknown> } {
  const rng = makeRng(seed);
  const t: ProductTypeInfo = { ...synthetic("ecsv"), columns: [...DTYPES.map((d) => column(d.toUpperCase(), d)), column("S", "str")] };
  const value = { meta: {}, ...Object.fromEntries(DTYPES.map((d) => [d.toUpperCase(), sampleArray(d, 3, rng)])), S: ["", "a b", "x"] };
  return { t, value };
}
