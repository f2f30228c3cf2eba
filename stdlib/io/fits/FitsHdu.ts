import type { Header } from "./Header.js";
import type { NumericArray } from "./Dtype.js";

/**
 * An n-dimensional array in C order (numpy order: the last axis varies fastest), which is
 * also FITS storage order; `shape` is the numpy shape, the reverse of NAXIS1…NAXISn.
 */
export interface ImageArray {
  readonly shape: readonly number[];
  readonly data: NumericArray;
}

/**
 * A primary or IMAGE extension HDU. `data` is `null` for an HDU without data (NAXIS = 0),
 * with `shape` `[]`. Unsigned arrays are written with BZERO as astropy does; scaled
 * integer images (any other BZERO/BSCALE) read as Float32Array (8/16-bit) or Float64Array.
 */
export interface ImageHdu {
  readonly kind: "image";
  /** EXTNAME; on writing it wins over an EXTNAME card in `header`. */
  readonly name?: string;
  readonly header: Header;
  readonly shape: readonly number[];
  readonly data: NumericArray | null;
}

/**
 * The values of a table column, flattened in row order then C order within a cell:
 * `nrows × product(shape)` elements. Strings are one per cell element (without padding).
 */
export type ColumnData = NumericArray | readonly string[] | readonly boolean[];

/** A binary-table column. */
export interface Column {
  /** TTYPEn. */
  readonly name: string;
  readonly data: ColumnData;
  /** Shape of one cell in numpy order (`[]` for a scalar, `[11, 2881]` for TDIM `(2881,11)`); default `[]`. */
  readonly shape?: readonly number[];
  /** TUNITn. */
  readonly unit?: string;
  /**
   * TFORMn as stored in the file (read only, for reference). On writing only the width of
   * an `A` column is taken from it (`8A` keeps 8 characters); the type comes from `data`.
   */
  readonly tform?: string;
}

/** A BINTABLE extension HDU. */
export interface TableHdu {
  readonly kind: "table";
  /** EXTNAME; on writing it wins over an EXTNAME card in `header`. */
  readonly name?: string;
  readonly header: Header;
  readonly nrows: number;
  readonly columns: readonly Column[];
}

/** One HDU held in memory, as read or to be written. */
export type FitsHdu = ImageHdu | TableHdu;
