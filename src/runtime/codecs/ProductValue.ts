/**
 * The in-memory values the codecs read and write, as docs/datamodel.md defines them. They are
 * declared here, structurally equal to `stdlib/datamodel/values.ts`, because the runtime does
 * not import the stdlib's data model: a value of `Image<Float32Array>` is an {@link ImageValue}.
 */

/** A typed array of one of the data model's numeric element types (`bool` travels as Uint8Array). */
export type NumericArray = Uint8Array | Int16Array | Int32Array | Uint16Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/** One column of a table in memory: a typed array, or strings for `str` and `strN` columns. */
export type ColumnValue = NumericArray | readonly string[];

/** An image HDU in memory: `data` in C order, `shape` in numpy order (slowest axis first). */
export interface ImageValue {
  readonly data: NumericArray;
  readonly shape: readonly number[];
}

/** One keyword's value in a primary header or an ECSV `meta`. */
export type HeaderValue = string | number | boolean | bigint;

/** A primary header or ECSV `meta`: keyword to value. */
export type HeaderValues = Record<string, HeaderValue>;

/**
 * A product value: the members of its product type (`header`, one member per HDU, columns
 * and `meta` of an ECSV table, or the fields of a JSON product). The codecs check its shape
 * at run time against the product type, so it is typed loosely here.
 */
export type ProductValue = Readonly<Record<string, unknown>>;
