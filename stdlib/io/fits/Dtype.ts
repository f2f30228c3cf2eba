/**
 * Element types of images and table columns, named as numpy names them. Unsigned and
 * `int8` types are stored with an offset (BZERO/TZERO) as FITS and astropy do.
 */
export type NumericDtype = "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" | "int64" | "uint64" | "float32" | "float64";

/** Element type of a table column: a numeric type, a logical or a fixed-width string. */
export type Dtype = NumericDtype | "bool" | "string";

/** A typed array holding numeric FITS data; 64-bit integers are BigInt64Array / BigUint64Array. */
export type NumericArray =
  Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/** The numeric dtype of a typed array, or `undefined` for anything else. */
export function dtypeOfArray(data: unknown): NumericDtype | undefined {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Int16Array) return "int16";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Uint8Array) return "uint8";
  if (data instanceof Int8Array) return "int8";
  if (data instanceof Uint16Array) return "uint16";
  if (data instanceof Uint32Array) return "uint32";
  if (data instanceof BigUint64Array) return "uint64";
  return undefined;
}

/** Bytes per element of a numeric dtype. */
export function dtypeSize(dtype: NumericDtype): 1 | 2 | 4 | 8 {
  switch (dtype) {
    case "int8":
    case "uint8":
      return 1;
    case "int16":
    case "uint16":
      return 2;
    case "int32":
    case "uint32":
    case "float32":
      return 4;
    case "int64":
    case "uint64":
    case "float64":
      return 8;
  }
}

/** A typed array of `dtype` viewing `length` elements of `buffer` from `byteOffset`. */
export function viewArray(dtype: NumericDtype, buffer: ArrayBufferLike, byteOffset: number, length: number): NumericArray {
  switch (dtype) {
    case "int8":
      return new Int8Array(buffer, byteOffset, length);
    case "uint8":
      return new Uint8Array(buffer, byteOffset, length);
    case "int16":
      return new Int16Array(buffer, byteOffset, length);
    case "uint16":
      return new Uint16Array(buffer, byteOffset, length);
    case "int32":
      return new Int32Array(buffer, byteOffset, length);
    case "uint32":
      return new Uint32Array(buffer, byteOffset, length);
    case "int64":
      return new BigInt64Array(buffer, byteOffset, length);
    case "uint64":
      return new BigUint64Array(buffer, byteOffset, length);
    case "float32":
      return new Float32Array(buffer, byteOffset, length);
    case "float64":
      return new Float64Array(buffer, byteOffset, length);
  }
}

/** A zero-filled typed array of `dtype` and `length` elements. */
export function allocArray(dtype: NumericDtype, length: number): NumericArray {
  return viewArray(dtype, new ArrayBuffer(length * dtypeSize(dtype)), 0, length);
}
