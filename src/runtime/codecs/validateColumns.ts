import type { ColumnInfo } from "../../kernels/index.js";
import type { DimSizes } from "./DimSizes.js";
import { dtypeInfo } from "./dtypeInfo.js";
import { article, cap, clip, describeKind, lower } from "./wording.js";

/** The table being checked, for messages and format rules. */
export interface TablePlace {
  /** `HDU \`FIBERMAP\`` for a FITS table; `undefined` for the columns of an ECSV product. */
  readonly hdu: string | undefined;
  /** The `@table` interface or ECSV product type declaring the columns. */
  readonly typeName: string;
  readonly format: "fits" | "ecsv";
}

const PRINTABLE = /^[ -~]*$/;

/**
 * Checks the columns of one table against their declarations: each present, a typed array of
 * the dtype's class (`string[]` for strings, Uint8Array of 0 and 1 for `bool`), strings no
 * longer than `strN` allows and storable in the format, array columns a whole number of rows
 * of their cell (`f32[coeff=10]`: rows × 10 values), every column with the same number of
 * rows, and no undeclared members. Named cell axes are checked against (and recorded in)
 * `dims`. Appends one sentence per problem and returns the table's row count when known.
 */
export function validateColumns(
  columns: readonly ColumnInfo[],
  table: Readonly<Record<string, unknown>>,
  place: TablePlace,
  dims: DimSizes,
  problems: string[],
): number | undefined {
  const declared = new Set(columns.map((c) => c.name));
  for (const key of Object.keys(table)) {
    if (key === "meta" && place.hdu === undefined) continue;
    if (key === "header" && place.hdu !== undefined) continue; // a FITS table's own header: checked by validateFits
    if (!declared.has(key)) {
      problems.push(
        `${place.hdu ?? "The table"} has a member \`${key}\` that \`${place.typeName}\` does not declare, so it would not be written; remove it or declare it with \`@column\`.`,
      );
    }
  }
  const present: { readonly column: ColumnInfo; readonly length: number }[] = [];
  for (const column of columns) {
    const length = checkColumnData(column, table[column.name], place, problems);
    if (length !== undefined) present.push({ column, length });
  }
  // Rows come from the first column whose cell size is known without the row count.
  let rows: { readonly count: number; readonly from: string } | undefined;
  const deferred: { readonly column: ColumnInfo; readonly length: number }[] = [];
  for (const p of present) {
    const cell = knownCell(p.column, dims);
    if (cell.unknown.length > 0) {
      deferred.push(p);
      continue;
    }
    const what = columnLabel(p.column.name, place);
    bindFixed(p.column, dims, what, problems);
    const count = rowsOf(p.length, cell.size, p.column, what, problems);
    if (count === undefined) continue;
    if (rows === undefined) rows = { count, from: p.column.name };
    else if (count !== rows.count) {
      problems.push(`${what} has ${count} rows, but column \`${rows.from}\` has ${rows.count}: every column of a table has one value per row.`);
    }
  }
  for (const p of deferred) {
    const what = columnLabel(p.column.name, place);
    const cell = knownCell(p.column, dims);
    const names = cell.unknown.map((d) => `\`${d}\``).join(", ");
    if (rows === undefined || cell.unknown.length > 1) {
      const noun = cell.unknown.length > 1 ? "axes" : "axis";
      problems.push(`The size of ${noun} ${names} of ${lower(what)} cannot be told: no image of the product and no other column gives it.`);
      continue;
    }
    const perRow = rows.count * cell.size;
    // An empty table (or a zero-sized cell) holds no values and says nothing about the axis.
    if (perRow === 0 && p.length === 0) continue;
    if (perRow === 0 || p.length % perRow !== 0) {
      problems.push(`${what} has ${p.length} values, which is not ${rows.count} rows (as column \`${rows.from}\` has) of whole cells.`);
      continue;
    }
    const size = p.length / perRow;
    const problem = dims.bind(cell.unknown[0] ?? "", size, lower(what));
    if (problem !== undefined) problems.push(cap(problem));
    bindFixed(p.column, dims, lower(what), problems);
  }
  return rows?.count;
}

/** `Column \`Z\` of HDU \`REDSHIFTS\``, or `Column \`EXPID\`` in an ECSV product. */
function columnLabel(name: string, place: TablePlace): string {
  return place.hdu === undefined ? `Column \`${name}\`` : `Column \`${name}\` of ${place.hdu}`;
}

/** Checks a column's class and elements; returns its length when it is the right class. */
function checkColumnData(column: ColumnInfo, data: unknown, place: TablePlace, problems: string[]): number | undefined {
  const what = columnLabel(column.name, place);
  const info = dtypeInfo(column.dtype);
  if (data === undefined) {
    // An optional column (`?`) may be left out; the file then does not hold it.
    if (column.optional === true) return undefined;
    const table = place.hdu === undefined ? "The value" : place.hdu;
    problems.push(`${table} has no column \`${column.name}\`: \`${place.typeName}\` declares it as ${column.dtype}${formatDims(column)}.`);
    return undefined;
  }
  if (info.kind === "string") {
    if (!Array.isArray(data)) {
      problems.push(`${what} is ${article(describeKind(data))}, but its dtype ${column.dtype} needs a string[].`);
      return undefined;
    }
    checkStrings(data, column, info.maxLength, what, place.format, problems);
    return data.length;
  }
  if (!(data instanceof info.arrayClass)) {
    problems.push(`${what} is ${article(describeKind(data))}, but its dtype ${column.dtype} needs ${article(info.arrayClass.name)}.`);
    return undefined;
  }
  if (info.kind === "bool" && data instanceof Uint8Array) {
    const bad = data.findIndex((v) => v > 1);
    if (bad >= 0) problems.push(`${what} holds ${data[bad]} at index ${bad}, but a bool column holds only 0 and 1.`);
  }
  return data.length;
}

function checkStrings(
  data: readonly unknown[],
  column: ColumnInfo,
  maxLength: number | undefined,
  what: string,
  format: "fits" | "ecsv",
  problems: string[],
): void {
  const firsts = new Map<string, { index: number; count: number; detail: string }>();
  const note = (rule: string, index: number, detail: string) => {
    const seen = firsts.get(rule);
    if (seen === undefined) firsts.set(rule, { index, count: 1, detail });
    else seen.count++;
  };
  for (let i = 0; i < data.length; i++) {
    const s = data[i];
    if (typeof s !== "string") {
      note("type", i, `is ${article(describeKind(s))}, not a string`);
      continue;
    }
    if (maxLength !== undefined && s.length > maxLength) note("long", i, `has ${s.length} characters ('${clip(s)}'), more than ${column.dtype} allows`);
    if (format === "fits") {
      if (!PRINTABLE.test(s)) note("ascii", i, "holds characters outside printable ASCII, which FITS strings cannot hold");
      else if (s.endsWith(" ")) note("trailing", i, `ends with a space ('${clip(s)}'), which FITS drops: trim it`);
    } else {
      if (/[\r\n]/.test(s)) note("newline", i, "holds a line break, which ECSV cannot hold");
      else if (s.trim() !== s) note("spaces", i, `has spaces around it ('${clip(s)}'), which ECSV drops: trim it`);
    }
  }
  for (const { index, count, detail } of firsts.values()) {
    const more = count > 1 ? ` (and ${count - 1} other value${count > 2 ? "s" : ""})` : "";
    problems.push(`${what}: value ${index} ${detail}${more}.`);
  }
}

/** The product of the cell axes whose size is fixed or already known, and the names of the others. */
function knownCell(column: ColumnInfo, dims: DimSizes): { size: number; unknown: string[] } {
  let size = 1;
  const unknown: string[] = [];
  for (const d of column.dims) {
    const n = d.size ?? dims.get(d.name);
    if (n === undefined) unknown.push(d.name);
    else size *= n;
  }
  return { size, unknown };
}

/** Records fixed cell axes (`coeff=10`) so other HDUs naming them are checked against them. */
function bindFixed(column: ColumnInfo, dims: DimSizes, what: string, problems: string[]): void {
  for (const d of column.dims) {
    if (d.size === undefined) continue;
    const problem = dims.bind(d.name, d.size, lower(what));
    if (problem !== undefined) problems.push(cap(problem));
  }
}

function rowsOf(length: number, cell: number, column: ColumnInfo, what: string, problems: string[]): number | undefined {
  if (cell === 0) {
    // A zero-sized cell says nothing about the row count.
    if (length !== 0) problems.push(`${what} has ${length} values, but its cells${formatDims(column)} hold none.`);
    return undefined;
  }
  if (length % cell !== 0) {
    problems.push(
      `${what} has ${length} values, which is not a whole number of rows of ${cell}${formatDims(column)}: an array column holds rows × ${cell} values.`,
    );
    return undefined;
  }
  return length / cell;
}

function formatDims(column: ColumnInfo): string {
  if (column.dims.length === 0) return "";
  return `[${column.dims.map((d) => (d.size === undefined ? d.name : `${d.name}=${d.size}`)).join(", ")}]`;
}
