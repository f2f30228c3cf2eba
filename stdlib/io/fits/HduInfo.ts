import type { Dtype, NumericDtype } from "./Dtype.js";
import type { Header } from "./Header.js";

/** What every HDU descriptor has: position in the file, header, and where the data lies. */
export interface HduInfoBase {
  /** Zero-based position in the file. */
  readonly index: number;
  /** EXTNAME, when the header has one. */
  readonly name?: string;
  /** EXTVER, 1 when absent. */
  readonly ver: number;
  /** Every card of the header, in file order. */
  readonly header: Header;
  /** Byte offset of the header. */
  readonly headerStart: number;
  /** Byte offset of the data. */
  readonly dataStart: number;
  /** Size of the data in bytes, heap included, without block padding. */
  readonly dataBytes: number;
  /** Byte offset where the next HDU starts. */
  readonly end: number;
}

/** How stored image pixels become the values handed out. */
export type PixelScaling =
  /** Stored values are the values (after undoing astropy's unsigned/int8 offset when `flipSign`). */
  | { readonly kind: "none"; readonly flipSign: boolean }
  /** `value = stored × bscale + bzero`, with BLANK pixels as NaN. */
  | { readonly kind: "linear"; readonly bscale: number; readonly bzero: number; readonly blank?: bigint };

/** A primary or IMAGE extension HDU, before its data is read. */
export interface ImageInfo extends HduInfoBase {
  readonly kind: "image";
  readonly bitpix: number;
  /** numpy-order shape (reverse of NAXIS1…NAXISn); `[]` when NAXIS = 0. */
  readonly shape: readonly number[];
  /** Type of the values handed out (Float32Array/Float64Array for scaled integers). */
  readonly dtype: NumericDtype;
  /** Type as stored (the BITPIX type). */
  readonly storage: NumericDtype;
  readonly scaling: PixelScaling;
}

/** How one table column is stored and decoded. */
export type ColumnLayout =
  | { readonly kind: "numeric"; readonly dtype: NumericDtype; readonly storage: NumericDtype; readonly size: 1 | 2 | 4 | 8; readonly flipSign: boolean }
  | {
      readonly kind: "scaled";
      readonly storage: NumericDtype;
      readonly size: 1 | 2 | 4 | 8;
      readonly tscal: number;
      readonly tzero: number;
      readonly tnull?: bigint;
    }
  | { readonly kind: "bool" }
  | { readonly kind: "string"; readonly charWidth: number }
  | { readonly kind: "unsupported"; readonly reason: string };

/** A binary-table column before its data is read. */
export interface ColumnInfo {
  readonly name: string;
  /** TFORMn as written. */
  readonly tform: string;
  readonly unit?: string;
  /** Type of the values handed out; `undefined` for a column this reader does not decode. */
  readonly dtype: Dtype | undefined;
  /** numpy-order cell shape; for strings the character axis is not included. */
  readonly shape: readonly number[];
  /** Elements per cell (strings per cell for `A` columns). */
  readonly count: number;
  /** Byte offset of the column within a row. */
  readonly offset: number;
  /** Bytes per cell. */
  readonly width: number;
  readonly layout: ColumnLayout;
}

/** A BINTABLE extension HDU, before its data is read. */
export interface TableInfo extends HduInfoBase {
  readonly kind: "table";
  readonly nrows: number;
  /** NAXIS1: bytes per row. */
  readonly rowBytes: number;
  readonly columns: readonly ColumnInfo[];
}

/** An HDU this reader lists but does not decode (ASCII tables, random groups, other XTENSIONs). */
export interface OtherInfo extends HduInfoBase {
  readonly kind: "other";
  readonly reason: string;
}

/** Descriptor of one HDU in a file opened with `openFits`. */
export type HduInfo = ImageInfo | TableInfo | OtherInfo;
