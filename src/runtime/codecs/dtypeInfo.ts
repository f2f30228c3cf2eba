import type { Dtype } from "../../kernels/index.js";
import type { EcsvDtype } from "../../../stdlib/io/ecsv/index.js";
import type { NumericDtype } from "../../../stdlib/io/fits/index.js";
import type { NumericArray } from "./ProductValue.js";

/** The constructor of a typed array the data model uses. */
type ArrayClass =
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

/** How a data-model element type travels in memory, in FITS and in ECSV. */
export type DtypeInfo =
  | {
      /** A number type (`u8` … `f64`): a typed array in memory, the same type in FITS and ECSV. */
      readonly kind: "numeric";
      readonly arrayClass: ArrayClass;
      readonly fits: NumericDtype;
      readonly ecsv: EcsvDtype;
    }
  | {
      /** `bool`: a Uint8Array of 0 and 1 in memory, a logical (`L`) column in FITS, `bool` in ECSV. */
      readonly kind: "bool";
      readonly arrayClass: Uint8ArrayConstructor;
      readonly ecsv: "bool";
    }
  | {
      /** `str` and `strN`: a `string[]` in memory, an `A` column in FITS, `string` in ECSV. */
      readonly kind: "string";
      /** N of `strN`: the most characters a value may have; `undefined` for `str`. */
      readonly maxLength: number | undefined;
      readonly ecsv: "string";
    };

const NUMERIC: Readonly<Record<string, { arrayClass: ArrayClass; fits: NumericDtype }>> = {
  u8: { arrayClass: Uint8Array, fits: "uint8" },
  i16: { arrayClass: Int16Array, fits: "int16" },
  i32: { arrayClass: Int32Array, fits: "int32" },
  i64: { arrayClass: BigInt64Array, fits: "int64" },
  u16: { arrayClass: Uint16Array, fits: "uint16" },
  u32: { arrayClass: Uint32Array, fits: "uint32" },
  u64: { arrayClass: BigUint64Array, fits: "uint64" },
  f32: { arrayClass: Float32Array, fits: "float32" },
  f64: { arrayClass: Float64Array, fits: "float64" },
};

/** What a data-model dtype (`f32`, `i64`, `bool`, `str8`, …) is in memory and on disk. */
export function dtypeInfo(dtype: Dtype): DtypeInfo {
  if (dtype === "bool") return { kind: "bool", arrayClass: Uint8Array, ecsv: "bool" };
  const numeric = NUMERIC[dtype];
  if (numeric !== undefined) return { kind: "numeric", ...numeric, ecsv: numeric.fits };
  const n = dtype === "str" ? undefined : Number(dtype.slice(3));
  return { kind: "string", maxLength: n, ecsv: "string" };
}

/** True when `value` is an instance of one of the data model's typed-array classes. */
export function isNumericArray(value: unknown): value is NumericArray {
  return (
    value instanceof Float32Array ||
    value instanceof Float64Array ||
    value instanceof Int32Array ||
    value instanceof Int16Array ||
    value instanceof BigInt64Array ||
    value instanceof Uint8Array ||
    value instanceof Uint16Array ||
    value instanceof Uint32Array ||
    value instanceof BigUint64Array
  );
}
