/**
 * The in-memory values of products, as docs/datamodel.md defines them: what kernels receive
 * and return. Nothing here reads or writes files.
 */

/**
 * A numeric typed array of one of the data model's element types (`u8 i16 i32 u16 u32 u64
 * i64 f32 f64`; `bool` travels as Uint8Array). 64-bit integers are BigInt64Array /
 * BigUint64Array, never JS numbers.
 */
export type NumericArray = Uint8Array | Int16Array | Int32Array | Uint16Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/**
 * An image HDU in memory: `data` in C order (the last axis varies fastest) and `shape` in
 * numpy order, the reverse of FITS NAXIS1…NAXISn. `data.length` is the product of `shape`.
 */
export interface Image<T extends NumericArray = NumericArray> {
  /** The pixels, flattened in C order. */
  readonly data: T;
  /** The size of each axis, slowest first, as the member's `@dims` names them. */
  readonly shape: readonly number[];
}

/**
 * The primary header of a product (or the `meta` of an ECSV table): keyword to value. 64-bit
 * integer keywords may be bigint; a keyword's type is the one its `@header` tag names.
 */
export type Header = Record<string, string | number | boolean | bigint>;

/**
 * Builds an {@link Image} and checks that `data` holds exactly the elements `shape` calls for.
 * Throws a RangeError otherwise: a kernel that builds a wrong-sized image has a bug.
 */
export function image<T extends NumericArray>(data: T, shape: readonly number[]): Image<T> {
  let size = 1;
  for (const n of shape) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`image shape [${shape.join(", ")}] has an axis that is not a size`);
    }
    size *= n;
  }
  if (size !== data.length) {
    throw new RangeError(`image shape [${shape.join(", ")}] holds ${size} elements but data has ${data.length}`);
  }
  return { data, shape: [...shape] };
}
