import type { HduInfo as DeclaredHdu, ProductTypeInfo } from "../../kernels/index.js";
import type { FitsFile } from "../../../stdlib/io/fits/index.js";
import { FitsError } from "../../../stdlib/io/fits/index.js";
import type { ColumnValue, ImageValue, NumericArray } from "./ProductValue.js";
import { dtypeInfo } from "./dtypeInfo.js";
import { fromFitsColumn } from "./fitsColumns.js";
import { hduLabel } from "./hduLabel.js";
import { headerValues } from "./headerValues.js";
import { locateHdu } from "./locateHdu.js";

/**
 * Reads a FITS product from an open file into the data model's layout: `header` from the
 * primary header, each image as `{ data, shape }` (numpy-order shape, the declared typed-array
 * class), each table as an object of its declared columns (other columns are not read), with
 * its own `header` when the HDU declares `@header` keywords.
 * Appends a sentence to `problems` for each HDU or column the file lacks or holds with another
 * type, and leaves that member out.
 */
export function decodeFits(t: ProductTypeInfo, file: FitsFile, problems: string[]): Record<string, unknown> {
  const primary = file.hdu(0);
  const out: Record<string, unknown> = { header: primary === undefined ? {} : headerValues(primary.header) };
  t.hdus.forEach((hdu, i) => {
    const where = locateHdu(file, hdu, i === 0);
    if ("problem" in where) {
      problems.push(where.problem);
      return;
    }
    const value = hdu.kind === "image" ? readImage(file, hdu, where.index, problems) : readTable(file, hdu, where.index, undefined, 0, undefined, problems);
    if (value === undefined) return;
    const read = file.hdu(where.index);
    // A table HDU that declares keywords is read with its own header (the others keep only their columns).
    out[hdu.member] = hdu.kind === "table" && (hdu.header ?? []).length > 0 && read !== undefined ? { header: headerValues(read.header), ...value } : value;
  });
  return out;
}

function readImage(file: FitsFile, hdu: DeclaredHdu, index: number, problems: string[]): ImageValue | undefined {
  const info = file.hdu(index);
  const label = hduLabel(hdu);
  if (info?.kind !== "image" || info.shape.length === 0) {
    problems.push(`${label} is ${info?.kind === "table" ? "a table" : "not an image with data"} in the file, but it is declared as an image.`);
    return undefined;
  }
  const expected = hdu.dtype === undefined ? undefined : dtypeInfo(hdu.dtype);
  if (expected !== undefined && (expected.kind !== "numeric" || info.dtype !== expected.fits)) {
    const want = expected.kind === "numeric" ? expected.fits : hdu.dtype;
    problems.push(`${label} holds ${info.dtype} pixels (BITPIX ${info.bitpix}), but it is declared ${hdu.dtype ?? ""} (${want ?? ""}).`);
    return undefined;
  }
  const read = file.read(index);
  if (read.kind !== "image" || read.data === null) return undefined;
  return { data: read.data as NumericArray, shape: [...read.shape] };
}

/**
 * Reads rows `start`…`end` (all when `end` is undefined) of a declared table HDU, the columns
 * named in `only` or all declared ones, in the data model's classes. Appends a sentence for
 * each column that is missing or of another type.
 */
export function readTable(
  file: FitsFile,
  hdu: DeclaredHdu,
  index: number,
  only: readonly string[] | undefined,
  start: number,
  end: number | undefined,
  problems: string[],
): Record<string, ColumnValue> | undefined {
  const info = file.hdu(index);
  const label = hduLabel(hdu);
  if (info?.kind !== "table") {
    problems.push(`${label} is ${info?.kind === "image" ? "an image" : "not a binary table"} in the file, but it is declared as a table.`);
    return undefined;
  }
  const wanted = (hdu.columns ?? []).filter((c) => only === undefined || only.includes(c.name));
  const declared: typeof wanted = [];
  const fileNames: string[] = [];
  let missing = false;
  for (const c of wanted) {
    const found = info.columns.find((x) => x.name === c.name) ?? info.columns.find((x) => x.name.toUpperCase() === c.name.toUpperCase());
    if (found !== undefined) {
      declared.push(c);
      fileNames.push(found.name);
    } else if (c.optional !== true) {
      // An optional column the file does not hold is simply absent from the value.
      problems.push(`Column \`${c.name}\` of ${label} is not in the file.`);
      missing = true;
    }
  }
  if (missing) return undefined;
  const last = end ?? info.nrows;
  let read;
  try {
    read = file.readRows(index, start, last, fileNames);
  } catch (error) {
    if (error instanceof FitsError) {
      problems.push(`${label}: ${error.detail}`);
      return undefined;
    }
    throw error;
  }
  const out: Record<string, ColumnValue> = {};
  declared.forEach((c, k) => {
    const column = read.columns.find((x) => x.name === fileNames[k]);
    if (column === undefined) return;
    const converted = fromFitsColumn(c, column, read.nrows);
    if ("problem" in converted) problems.push(`Column \`${c.name}\` of ${label} ${converted.problem}.`);
    else out[c.name] = converted.value;
  });
  return out;
}
