import type { ColumnInfo } from "../../kernels/index.js";
import type { Column } from "../../../stdlib/io/fits/index.js";
import { dtypeOfArray } from "../../../stdlib/io/fits/index.js";
import type { DimSizes } from "./DimSizes.js";
import type { ColumnValue, NumericArray } from "./ProductValue.js";
import { dtypeInfo } from "./dtypeInfo.js";

/**
 * A validated column as the FITS writer takes it: cell shape from `@column` dims (named axes
 * sized from `dims`), `bool` as logicals, `strN` as an N-character `A` column (`str` as wide as
 * its longest value), the unit as TUNITn.
 */
export function toFitsColumn(column: ColumnInfo, data: ColumnValue, nrows: number, dims: DimSizes): Column {
  const shape = column.dims.map((d) => d.size ?? dims.get(d.name) ?? (nrows === 0 ? 0 : data.length / nrows));
  const count = shape.reduce((a, b) => a * b, 1);
  const unit = column.unit !== undefined ? { unit: column.unit } : {};
  const info = dtypeInfo(column.dtype);
  switch (info.kind) {
    case "numeric":
      return { name: column.name, data, shape, ...unit };
    case "bool": {
      const bytes = data as Uint8Array;
      const values = Array.from(bytes, (b) => b !== 0);
      return { name: column.name, data: values, shape, tform: count === 1 && shape.length === 0 ? "L" : `${count}L`, ...unit };
    }
    case "string": {
      const strings = data as readonly string[];
      // An empty `str` column still needs a width; one character is the least FITS allows.
      const width = info.maxLength ?? (strings.length === 0 ? 1 : undefined);
      return { name: column.name, data: strings, shape, ...(width !== undefined ? { tform: `${width * Math.max(1, count)}A` } : {}), ...unit };
    }
  }
}

/**
 * A column read from FITS as the data model holds it, or a sentence saying why it is not the
 * declared column: numbers of another type, or a cell of another size.
 */
export function fromFitsColumn(column: ColumnInfo, read: Column, nrows: number): { value: ColumnValue } | { problem: string } {
  const info = dtypeInfo(column.dtype);
  const cell = (read.shape ?? []).reduce((a, b) => a * b, 1);
  const fixed = column.dims.every((d) => d.size !== undefined);
  const declaredCell = column.dims.reduce((a, d) => a * (d.size ?? 1), 1);
  if (fixed && cell !== declaredCell) {
    return { problem: `has ${cell} values per row (TFORM '${read.tform ?? "?"}'), but ${column.dtype}${formatCell(column)} needs ${declaredCell}` };
  }
  if (!fixed && read.data.length !== nrows * cell) return { problem: "has a cell shape that does not match its values" };
  switch (info.kind) {
    case "numeric": {
      const found = dtypeOfArray(read.data);
      if (found !== info.fits)
        return { problem: `holds ${found ?? describeStored(read)} values (TFORM '${read.tform ?? "?"}'), but \`${column.dtype}\` needs ${info.fits}` };
      return { value: read.data as NumericArray };
    }
    case "bool": {
      const values = read.data;
      if (!Array.isArray(values) || (values.length > 0 && typeof values[0] !== "boolean") || (values.length === 0 && !/L$/.test(read.tform ?? ""))) {
        return { problem: `is not a logical column (TFORM '${read.tform ?? "?"}'), but \`bool\` needs one` };
      }
      return { value: Uint8Array.from(values as readonly boolean[], (b) => (b ? 1 : 0)) };
    }
    case "string": {
      const values = read.data;
      if (!Array.isArray(values) || !/A$/.test(read.tform ?? ""))
        return { problem: `is not a character column (TFORM '${read.tform ?? "?"}'), but \`${column.dtype}\` needs one` };
      return { value: [...(values as readonly string[])] };
    }
  }
}

function describeStored(read: Column): string {
  return Array.isArray(read.data) ? (read.data.length > 0 ? typeof read.data[0] : "non-numeric") : "non-numeric";
}

function formatCell(column: ColumnInfo): string {
  return column.dims.length === 0 ? "" : `[${column.dims.map((d) => (d.size === undefined ? d.name : `${d.name}=${d.size}`)).join(", ")}]`;
}
