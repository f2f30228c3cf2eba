/** ECSV column datatypes this module reads and writes (ECSV 1.0 names). */
export type EcsvDtype = "bool" | "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" | "float32" | "float64" | "string";

/** Column values: a typed array (int64/uint64 as BigInt64Array/BigUint64Array), strings or booleans. */
export type EcsvColumnData =
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Float32Array
  | Float64Array
  | readonly string[]
  | readonly boolean[];

/**
 * Metadata values from the YAML header. YAML integers are `bigint` and YAML floats are
 * `number` (written with a decimal point even when whole), as FITS header values are.
 */
export type EcsvMeta = Readonly<Record<string, unknown>>;

/** One ECSV column and its header attributes. */
export interface EcsvColumn {
  readonly name: string;
  readonly data: EcsvColumnData;
  /** Always set on read; on write it is taken from `data` and only needed for an empty plain array. */
  readonly dtype?: EcsvDtype;
  readonly unit?: string;
  readonly description?: string;
  /** A display format such as `%.3f`; kept, never applied (values are written in full precision). */
  readonly format?: string;
  readonly meta?: EcsvMeta;
}

/** An ECSV table: columns of equal length, table metadata, and the delimiter used. */
export interface EcsvTable {
  readonly columns: readonly EcsvColumn[];
  readonly meta?: EcsvMeta;
  /** Space (the default) or comma. */
  readonly delimiter?: " " | ",";
}

/** The ECSV datatype a column's `data` holds, or `undefined` for an empty plain array. */
export function dtypeOfData(data: EcsvColumnData): EcsvDtype | undefined {
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Float32Array) return "float32";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Int16Array) return "int16";
  if (data instanceof Int8Array) return "int8";
  if (data instanceof Uint8Array) return "uint8";
  if (data instanceof Uint16Array) return "uint16";
  if (data instanceof Uint32Array) return "uint32";
  if (data instanceof BigUint64Array) return "uint64";
  if (data.length === 0) return undefined;
  return typeof data[0] === "boolean" ? "bool" : "string";
}

/** Every datatype name this module accepts, in the order error messages list them. */
export const ECSV_DTYPES: readonly EcsvDtype[] = [
  "bool",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "float32",
  "float64",
  "string",
];
