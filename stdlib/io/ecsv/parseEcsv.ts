import YAML from "yaml";
import { EcsvError } from "./EcsvError.js";
import type { EcsvColumn, EcsvColumnData, EcsvDtype, EcsvMeta, EcsvTable } from "./EcsvTable.js";
import { ECSV_DTYPES } from "./EcsvTable.js";
import { YAML_PARSE, plainYaml } from "./ecsvYaml.js";
import { splitEcsvLine } from "./splitEcsvLine.js";

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOATS = new Map<string, number>([
  ["nan", NaN],
  ["+nan", NaN],
  ["-nan", NaN],
  ["inf", Infinity],
  ["+inf", Infinity],
  ["-inf", -Infinity],
  ["infinity", Infinity],
  ["+infinity", Infinity],
  ["-infinity", -Infinity],
]);
const INT_RANGES: Partial<Record<EcsvDtype, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

/** A column header entry from the YAML `datatype` list. */
interface ColumnSpec {
  readonly name: string;
  readonly dtype: EcsvDtype;
  readonly unit?: string;
  readonly description?: string;
  readonly format?: string;
  readonly meta?: EcsvMeta;
}

/**
 * Parses ECSV text (version 1.0, as astropy writes it) into a table. int64 and uint64
 * columns become BigInt64Array / BigUint64Array. An empty field in a string column reads
 * as `""`; in any other column it is a masked value, which this reader rejects with an
 * {@link EcsvError}, as it rejects multidimensional (`subtype`) columns. Whitespace around
 * values is dropped, quoted or not, as astropy reads them.
 */
export function parseEcsv(text: string, path?: string): EcsvTable {
  const at = (line: number) => ({ ...(path !== undefined ? { path } : {}), line });
  const lines = text.split(/\r?\n/);
  const first = lines[0] ?? "";
  if (!/^# %ECSV \d+\.\d+\s*$/.test(first)) throw new EcsvError("not an ECSV file: the first line is not `# %ECSV 1.0`", at(1));
  let i = 1;
  const yamlLines: string[] = [];
  let sawSeparator = false;
  for (; i < lines.length && lines[i]!.startsWith("#"); i++) {
    const body = lines[i]!.startsWith("# ") ? lines[i]!.slice(2) : lines[i]!.slice(1);
    if (!sawSeparator) {
      if (body.trim() === "---") sawSeparator = true;
      else if (body.trim() !== "") throw new EcsvError("the header must start with `# ---` after the version line", at(i + 1));
      continue;
    }
    yamlLines.push(body);
  }
  if (!sawSeparator) throw new EcsvError("the header has no `# ---` line", at(2));
  let header: unknown;
  try {
    header = plainYaml(YAML.parse(yamlLines.join("\n"), YAML_PARSE));
  } catch (error) {
    throw new EcsvError(`the YAML header does not parse: ${(error as Error).message}`, at(3));
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) throw new EcsvError("the YAML header is not a mapping", at(3));
  const h = header as Record<string, unknown>;
  const delimiter = h["delimiter"] ?? " ";
  if (delimiter !== " " && delimiter !== ",")
    throw new EcsvError(`the delimiter ${JSON.stringify(delimiter)} is not supported (use a space or a comma)`, at(3));
  const specs = columnSpecs(h["datatype"], at(3));
  let n = i;
  while (n < lines.length && lines[n]!.trim() === "") n++;
  if (n >= lines.length) throw new EcsvError("the column-name line after the header is missing", at(n + 1));
  const names = splitEcsvLine(lines[n]!, delimiter);
  const expected = specs.map((s) => s.name);
  if (names === undefined || names.length !== expected.length || names.some((name, k) => name !== expected[k])) {
    throw new EcsvError(`the column names ${JSON.stringify(names)} do not match the header's ${JSON.stringify(expected)}`, at(n + 1));
  }
  const cells: string[][] = specs.map(() => []);
  const rowLines: number[] = [];
  for (let k = n + 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.trim() === "" || line.startsWith("#")) continue;
    const fields = splitEcsvLine(line, delimiter);
    if (fields === undefined) throw new EcsvError("a quoted field is not closed", at(k + 1));
    if (fields.length !== specs.length) throw new EcsvError(`the row has ${fields.length} fields, the header ${specs.length} columns`, at(k + 1));
    fields.forEach((f, c) => cells[c]!.push(f));
    rowLines.push(k + 1);
  }
  const columns: EcsvColumn[] = specs.map((spec, c) => ({
    name: spec.name,
    dtype: spec.dtype,
    data: convert(cells[c]!, spec, (row) => at(rowLines[row] ?? n + 1)),
    ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.format !== undefined ? { format: spec.format } : {}),
    ...(spec.meta !== undefined ? { meta: spec.meta } : {}),
  }));
  const meta = h["meta"];
  if (meta !== undefined && (meta === null || typeof meta !== "object" || Array.isArray(meta) || meta instanceof Map)) {
    throw new EcsvError("the table `meta` must be a mapping with string keys", at(3));
  }
  return { columns, ...(meta !== undefined ? { meta: meta as EcsvMeta } : {}), delimiter };
}

function columnSpecs(list: unknown, where: { line: number }): ColumnSpec[] {
  if (!Array.isArray(list)) throw new EcsvError("the header has no `datatype` list", where);
  return list.map((entry, k) => {
    if (entry === null || typeof entry !== "object") throw new EcsvError(`datatype entry ${k + 1} is not a mapping`, where);
    const e = entry as Record<string, unknown>;
    const name = e["name"];
    const dtype = e["datatype"];
    if (typeof name !== "string") throw new EcsvError(`datatype entry ${k + 1} has no name`, where);
    if (typeof dtype !== "string" || !(ECSV_DTYPES as readonly string[]).includes(dtype)) {
      throw new EcsvError(`column \`${name}\` has datatype ${JSON.stringify(dtype)}; supported: ${ECSV_DTYPES.join(", ")}`, where);
    }
    if (e["subtype"] !== undefined) {
      throw new EcsvError(
        `column \`${name}\` has subtype ${JSON.stringify(e["subtype"])}: multidimensional and variable-length ECSV columns are not supported`,
        where,
      );
    }
    const optional = (key: string): string | undefined => {
      const v = e[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== "string") throw new EcsvError(`column \`${name}\` has a non-string ${key}`, where);
      return v;
    };
    const unit = optional("unit");
    const description = optional("description");
    const format = optional("format");
    const meta = e["meta"];
    return {
      name,
      dtype: dtype as EcsvDtype,
      ...(unit !== undefined ? { unit } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(format !== undefined ? { format } : {}),
      ...(meta !== undefined && meta !== null && typeof meta === "object" ? { meta: meta as EcsvMeta } : {}),
    };
  });
}

function convert(cells: readonly string[], spec: ColumnSpec, at: (row: number) => { line: number }): EcsvColumnData {
  const n = cells.length;
  const bad = (row: number, what: string) => new EcsvError(`column \`${spec.name}\` (${spec.dtype}): ${what}`, at(row));
  const requireValue = (row: number): string => {
    const s = cells[row]!.trim();
    if (s === "") throw bad(row, "an empty (masked) value; masked numeric and bool columns are not supported");
    return s;
  };
  switch (spec.dtype) {
    case "string":
      // astropy strips the whitespace around every value, quoted or not.
      return cells.map((c) => c.trim());
    case "bool":
      return cells.map((_, row) => {
        const s = requireValue(row);
        if (s === "True" || s === "true" || s === "TRUE" || s === "1") return true;
        if (s === "False" || s === "false" || s === "FALSE" || s === "0") return false;
        throw bad(row, `\`${s}\` is not True or False`);
      });
    case "int64":
    case "uint64": {
      const out = spec.dtype === "int64" ? new BigInt64Array(n) : new BigUint64Array(n);
      const [lo, hi] = spec.dtype === "int64" ? [-(1n << 63n), (1n << 63n) - 1n] : [0n, (1n << 64n) - 1n];
      for (let row = 0; row < n; row++) {
        const s = requireValue(row);
        if (!INTEGER.test(s)) throw bad(row, `\`${s}\` is not an integer`);
        const v = BigInt(s);
        if (v < lo || v > hi) throw bad(row, `${s} is out of range`);
        out[row] = v;
      }
      return out;
    }
    case "float32":
    case "float64": {
      const out = spec.dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
      for (let row = 0; row < n; row++) {
        const s = requireValue(row);
        const special = SPECIAL_FLOATS.get(s.toLowerCase());
        if (special === undefined && !FLOAT.test(s)) throw bad(row, `\`${s}\` is not a number`);
        out[row] = special ?? Number(s);
      }
      return out;
    }
    default: {
      const [lo, hi] = INT_RANGES[spec.dtype]!;
      const out = allocSmallInt(spec.dtype, n);
      for (let row = 0; row < n; row++) {
        const s = requireValue(row);
        if (!INTEGER.test(s)) throw bad(row, `\`${s}\` is not an integer`);
        const v = Number(s);
        if (v < lo || v > hi) throw bad(row, `${s} is out of range`);
        out[row] = v;
      }
      return out;
    }
  }
}

function allocSmallInt(dtype: EcsvDtype, n: number): Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array {
  switch (dtype) {
    case "int8":
      return new Int8Array(n);
    case "int16":
      return new Int16Array(n);
    case "uint8":
      return new Uint8Array(n);
    case "uint16":
      return new Uint16Array(n);
    case "uint32":
      return new Uint32Array(n);
    default:
      return new Int32Array(n);
  }
}
