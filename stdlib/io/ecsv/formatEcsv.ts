import YAML from "yaml";
import { EcsvError } from "./EcsvError.js";
import type { EcsvColumn, EcsvColumnData, EcsvDtype, EcsvTable } from "./EcsvTable.js";
import { dtypeOfData } from "./EcsvTable.js";
import { YAML_PRINT, YAML_SCHEMA } from "./ecsvYaml.js";
import { quoteEcsvField } from "./splitEcsvLine.js";

/** Rows formatted per chunk yielded by {@link formatEcsvChunks}. */
const ROWS_PER_CHUNK = 4096;

/**
 * Formats a table as ECSV 1.0 the way astropy writes it: `# %ECSV 1.0`, a `# ---` YAML
 * header (datatype list with unit, format, description and meta; table `meta`; the
 * delimiter when it is a comma; `schema: astropy-2.0`), the column names, then one line
 * per row. Floats are written in the shortest form that reads back exactly (float32
 * columns as float32), NaN and infinities as `nan`, `inf`, `-inf`, booleans as
 * True/False. String values lose surrounding whitespace, as astropy writes them. Yields
 * text chunks so large tables need no single huge string.
 */
export function* formatEcsvChunks(table: EcsvTable, path?: string): Generator<string> {
  const delimiter = table.delimiter ?? " ";
  const columns = table.columns.map((c) => ({ column: c, dtype: checkColumn(c, path) }));
  const nrows = columns[0]?.column.data.length ?? 0;
  for (const { column } of columns) {
    if (column.data.length !== nrows) {
      throw new EcsvError(`column \`${column.name}\` has ${column.data.length} values but \`${columns[0]!.column.name}\` has ${nrows}`, at(path));
    }
  }
  yield headerText(table, columns, delimiter);
  yield columns.map(({ column }) => quoteEcsvField(column.name, delimiter)).join(delimiter) + "\n";
  const formatters = columns.map(({ column, dtype }) => cellFormatter(column, dtype, delimiter, path));
  for (let first = 0; first < nrows; first += ROWS_PER_CHUNK) {
    const lines: string[] = [];
    const last = Math.min(nrows, first + ROWS_PER_CHUNK);
    for (let r = first; r < last; r++) lines.push(formatters.map((f) => f(r)).join(delimiter));
    yield lines.join("\n") + "\n";
  }
}

/** Formats a table as one ECSV string (see {@link formatEcsvChunks}). */
export function formatEcsv(table: EcsvTable, path?: string): string {
  return [...formatEcsvChunks(table, path)].join("");
}

function at(path: string | undefined): { path?: string } {
  return path !== undefined ? { path } : {};
}

function checkColumn(column: EcsvColumn, path: string | undefined): EcsvDtype {
  const fromData = dtypeOfData(column.data);
  const dtype = fromData ?? column.dtype;
  if (dtype === undefined) throw new EcsvError(`column \`${column.name}\` is an empty plain array: give its dtype`, at(path));
  if (column.dtype !== undefined && column.dtype !== dtype) {
    throw new EcsvError(`column \`${column.name}\` is declared ${column.dtype} but its data is ${dtype}`, at(path));
  }
  if (Array.isArray(column.data)) {
    const want = dtype === "bool" ? "boolean" : "string";
    column.data.forEach((v: unknown, i: number) => {
      if (typeof v !== want) throw new EcsvError(`column \`${column.name}\` (${dtype}) holds ${typeof v} at row ${i}`, at(path));
      if (typeof v === "string" && /[\r\n]/.test(v))
        throw new EcsvError(`column \`${column.name}\` row ${i} contains a line break, which this writer does not support`, at(path));
    });
  }
  return dtype;
}

function headerText(table: EcsvTable, columns: readonly { column: EcsvColumn; dtype: EcsvDtype }[], delimiter: " " | ","): string {
  const doc = new YAML.Document({}, YAML_SCHEMA);
  const datatype = doc.createNode(
    columns.map(({ column, dtype }) => ({
      name: column.name,
      ...(column.unit !== undefined ? { unit: column.unit } : {}),
      datatype: dtype,
      ...(column.format !== undefined ? { format: column.format } : {}),
      ...(column.description !== undefined ? { description: column.description } : {}),
      ...(column.meta !== undefined ? { meta: column.meta } : {}),
    })),
  );
  // astropy writes each column's attributes as a one-line flow mapping.
  for (const item of datatype.items) if (YAML.isMap(item)) item.flow = true;
  doc.set("datatype", datatype);
  if (delimiter === ",") doc.set("delimiter", ",");
  if (table.meta !== undefined && Object.keys(table.meta).length > 0) doc.set("meta", doc.createNode(table.meta));
  doc.set("schema", "astropy-2.0");
  const yaml = doc.toString(YAML_PRINT).replace(/\n$/, "");
  return ["# %ECSV 1.0", "# ---", ...yaml.split("\n").map((l) => (l === "" ? "#" : `# ${l}`))].join("\n") + "\n";
}

function cellFormatter(column: EcsvColumn, dtype: EcsvDtype, delimiter: " " | ",", path: string | undefined): (row: number) => string {
  const data: EcsvColumnData = column.data;
  switch (dtype) {
    case "string": {
      // astropy strips the whitespace around string values when it writes and reads them;
      // stripping here too makes a file read back the same in astropy and in dflow.
      const values = data as readonly string[];
      return (r) => quoteEcsvField(values[r]!.trim(), delimiter);
    }
    case "bool": {
      const values = data as readonly boolean[];
      return (r) => (values[r] ? "True" : "False");
    }
    case "float64": {
      const values = data as Float64Array;
      return (r) => formatFloat64(values[r]!);
    }
    case "float32": {
      const values = data as Float32Array;
      return (r) => formatFloat32(values[r]!);
    }
    default: {
      if (!ArrayBuffer.isView(data)) throw new EcsvError(`column \`${column.name}\` must be a typed array`, at(path));
      const values = data as unknown as ArrayLike<number | bigint>;
      return (r) => String(values[r]);
    }
  }
}

/** The shortest decimal that reads back as the same float64; `nan`, `inf`, `-inf` as numpy writes them. */
export function formatFloat64(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Object.is(x, -0)) return "-0.0";
  return String(x);
}

/** The shortest decimal that reads back (through float64, as numpy parses) as the same float32. */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatFloat64(x);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return String(candidate);
  }
  return String(Number(x.toPrecision(9)));
}
