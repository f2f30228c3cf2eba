import type { NumericDtype } from "./Dtype.js";
import { FitsError } from "./FitsError.js";

/** A TFORM code parsed: repeat count and type letter, plus what follows it (P/Q arguments). */
export interface ParsedTform {
  readonly repeat: number;
  readonly code: string;
  readonly rest: string;
}

/** Parses `rTa` (e.g. `10E`, `8A`, `1PE(30)`); throws a {@link FitsError} when it is not a TFORM. */
export function parseTform(tform: string, column: string): ParsedTform {
  const m = /^\s*(\d*)([A-Z])(.*?)\s*$/.exec(tform);
  if (m === null) throw new FitsError(`column \`${column}\` has the malformed TFORM '${tform}'`);
  return { repeat: m[1] === "" ? 1 : Number(m[1]), code: m[2]!, rest: m[3]! };
}

/** Parses a TDIM value `(d1,d2,…)` into FITS order (fastest axis first). */
export function parseTdim(tdim: string, column: string): number[] {
  const m = /^\s*\(\s*(\d+(?:\s*,\s*\d+)*)\s*\)\s*$/.exec(tdim);
  if (m === null) throw new FitsError(`column \`${column}\` has the malformed TDIM '${tdim}'`);
  return m[1]!.split(",").map((s) => Number(s.trim()));
}

/** Formats FITS-order dimensions as a TDIM value. */
export function formatTdim(dims: readonly number[]): string {
  return `(${dims.join(",")})`;
}

/** The TFORM letter of a numeric dtype and its TZERO offset (for unsigned and int8), if any. */
export function tformOfDtype(dtype: NumericDtype): { code: string; tzero?: bigint } {
  switch (dtype) {
    case "uint8":
      return { code: "B" };
    case "int8":
      return { code: "B", tzero: -128n };
    case "int16":
      return { code: "I" };
    case "uint16":
      return { code: "I", tzero: 32768n };
    case "int32":
      return { code: "J" };
    case "uint32":
      return { code: "J", tzero: 2147483648n };
    case "int64":
      return { code: "K" };
    case "uint64":
      return { code: "K", tzero: 9223372036854775808n };
    case "float32":
      return { code: "E" };
    case "float64":
      return { code: "D" };
  }
}

/** The stored (signed) dtype and byte size of a numeric TFORM letter, or `undefined`. */
export function storageOfCode(code: string): { dtype: NumericDtype; size: 1 | 2 | 4 | 8 } | undefined {
  switch (code) {
    case "B":
      return { dtype: "uint8", size: 1 };
    case "I":
      return { dtype: "int16", size: 2 };
    case "J":
      return { dtype: "int32", size: 4 };
    case "K":
      return { dtype: "int64", size: 8 };
    case "E":
      return { dtype: "float32", size: 4 };
    case "D":
      return { dtype: "float64", size: 8 };
    default:
      return undefined;
  }
}

/**
 * The unsigned (or int8) dtype that an integer storage type with offset `zero` stands for
 * when it is astropy's convention (B −128, I 2^15, J 2^31, K 2^63); `undefined` otherwise.
 */
export function offsetDtype(storage: NumericDtype, zero: bigint | number): NumericDtype | undefined {
  const z = typeof zero === "bigint" ? zero : Number.isInteger(zero) ? BigInt(zero) : undefined;
  if (z === undefined) return undefined;
  if (storage === "uint8" && z === -128n) return "int8";
  if (storage === "int16" && z === 32768n) return "uint16";
  if (storage === "int32" && z === 2147483648n) return "uint32";
  if (storage === "int64" && z === 9223372036854775808n) return "uint64";
  return undefined;
}
