/**
 * Acceptance: ECSV round trips both ways with astropy — every datatype, units,
 * descriptions, formats, column and table meta — with 64-bit TARGETIDs and bit masks exact.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPython, runPython } from "../helpers/externalTools.js";
import type { EcsvColumn, EcsvColumnData, EcsvTable } from "../../stdlib/io/ecsv/index.js";
import { EcsvError, dtypeOfData, formatEcsv, parseEcsv, readEcsv, writeEcsv } from "../../stdlib/io/ecsv/index.js";

interface PyColumn {
  name: string;
  dtype: string;
  unit: string | null;
  description: string | null;
  format: string | null;
  meta: unknown;
  sha: string;
}
interface PySummary {
  columns: PyColumn[];
  meta: unknown;
  nrows: number;
  warnings: string[];
}

function runEcsvTool<T>(mode: "summary" | "write-fixtures", request: unknown): T {
  const script = readFileSync(fileURLToPath(new URL("./py/ecsv_tool.py", import.meta.url)), "utf8");
  return JSON.parse(runPython(findPython(["astropy", "numpy"], ["python3-astropy"]), script, [mode], JSON.stringify(request))) as T;
}

/** Python's `{ int }` / `{ float }` encoding back to bigint / number. */
function decodePy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodePy);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "int" && typeof o["int"] === "string") return BigInt(o["int"]);
    if (keys.length === 1 && keys[0] === "float" && typeof o["float"] === "string") return Number(o["float"]);
    return Object.fromEntries(keys.map((k) => [k, decodePy(o[k])]));
  }
  return v;
}

function hash(data: EcsvColumnData): string {
  const h = createHash("sha256");
  if (ArrayBuffer.isView(data)) h.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  else if (data.length > 0 && typeof data[0] === "boolean") h.update(Uint8Array.from(data as readonly boolean[], (b) => (b ? 1 : 0)));
  else h.update(JSON.stringify(data), "utf8");
  return h.digest("hex");
}

/** A column as astropy's side summarises it; `written` columns lose the whitespace around strings. */
function summarize(c: EcsvColumn, written = false): PyColumn {
  return {
    name: c.name,
    dtype: dtypeOfData(c.data) ?? c.dtype ?? "?",
    unit: c.unit ?? null,
    description: c.description ?? null,
    format: c.format ?? null,
    meta: c.meta ?? null,
    sha: hash(written && Array.isArray(c.data) && typeof c.data[0] === "string" ? (c.data as readonly string[]).map((v) => v.trim()) : c.data),
  };
}

function pyColumns(s: PySummary): PyColumn[] {
  return s.columns.map((c) => ({ ...c, meta: decodePy(c.meta) }));
}

const N = 9;

/** A table with every datatype, awkward strings and meta of every YAML type. */
function sampleTable(delimiter: " " | ","): EcsvTable {
  const ids = BigInt64Array.from({ length: N }, (_, i) => (1n << 58n) | (9010n << 42n) | (BigInt(27258 + i) << 22n) | BigInt(i));
  return {
    delimiter,
    meta: {
      EXPID: 12345n,
      EXPTIME: 1000,
      BIGID: (1n << 62n) + 5n,
      RATIO: 1 / 3,
      TINY: 1e-300,
      SURVEY: "main",
      ANSWER: "yes",
      HPXNEST: true,
      comments: ["first comment", "second: with colon"],
      nested: { list: [1n, 2.5, "three"], flag: false },
    },
    columns: [
      { name: "TARGETID", data: ids, description: "unique target id" },
      { name: "DESI_TARGET", data: BigInt64Array.from({ length: N }, (_, i) => (1n << BigInt(58 + (i % 5))) | (1n << 62n) | BigInt(i)) },
      { name: "EXTREME", data: BigInt64Array.from({ length: N }, (_, i) => [-(1n << 63n), (1n << 63n) - 1n][i] ?? 0n) },
      { name: "U64", data: BigUint64Array.from({ length: N }, (_, i) => [(1n << 64n) - 1n, 1n << 63n][i] ?? BigInt(i)) },
      { name: "I8", data: Int8Array.from({ length: N }, (_, i) => [-128, 127][i] ?? i) },
      { name: "I16", data: Int16Array.from({ length: N }, (_, i) => [-32768, 32767][i] ?? i) },
      { name: "I32", data: Int32Array.from({ length: N }, (_, i) => [-2147483648, 2147483647][i] ?? i) },
      { name: "U8", data: Uint8Array.from({ length: N }, (_, i) => [0, 255][i] ?? i) },
      { name: "U16", data: Uint16Array.from({ length: N }, (_, i) => [0, 65535][i] ?? i) },
      { name: "U32", data: Uint32Array.from({ length: N }, (_, i) => [0, 4294967295][i] ?? i) },
      {
        name: "FLUX_G",
        data: Float32Array.from({ length: N }, (_, i) => [NaN, Infinity, -0, 1e-45, 3.4028234663852886e38, 0.1][i] ?? i / 7),
        unit: "1e-17 erg / (Angstrom cm2 s)",
        format: "%.3f",
      },
      { name: "RA", data: Float64Array.from({ length: N }, (_, i) => [-Infinity, 5e-324, 1.7976931348623157e308, 0.1 + 0.2][i] ?? i / 3), unit: "deg" },
      { name: "OK", data: Array.from({ length: N }, (_, i) => i % 3 === 0) },
      {
        name: "NAME",
        data: ["plain", "with space", 'a "quoted" word', "comma,here", "#hash", "", "ünïcödé", "tab\there", "  lead and trail  "],
        meta: { origin: "dflow", version: 2n },
      },
      { name: "#FIRST? no, a column named with a space", data: Array.from({ length: N }, (_, i) => `r${i}`) },
    ],
  };
}

describe("ECSV and astropy", () => {
  const dir = mkdtempSync(join(tmpdir(), "dflow-ecsv-"));
  let fromAstropy: Record<string, PySummary>;
  let ofOurs: Record<string, PySummary>;
  const ours: Record<string, EcsvTable> = { "space.ecsv": sampleTable(" "), "comma.ecsv": sampleTable(",") };

  beforeAll(() => {
    fromAstropy = runEcsvTool<Record<string, PySummary>>("write-fixtures", { dir: join(dir) });
    for (const [name, table] of Object.entries(ours)) writeEcsv(join(dir, `ours-${name}`), table);
    ofOurs = runEcsvTool<Record<string, PySummary>>("summary", { files: Object.keys(ours).map((n) => join(dir, `ours-${n}`)) });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(["space.ecsv", "comma.ecsv"])("astropy reads dflow's %s with identical values, dtypes, units and meta", (name) => {
    const table = ours[name]!;
    const theirs = ofOurs[join(dir, `ours-${name}`)]!;
    expect(theirs.warnings).toEqual([]);
    expect(theirs.nrows).toBe(N);
    expect(pyColumns(theirs)).toEqual(table.columns.map((c) => summarize(c, true)));
    expect(decodePy(theirs.meta)).toEqual(table.meta);
  });

  it.each(["space.ecsv", "comma.ecsv"])("dflow reads astropy's %s with identical values, dtypes, units and meta", (name) => {
    const table = readEcsv(join(dir, name));
    const theirs = fromAstropy[name]!;
    expect(table.delimiter).toBe(name === "comma.ecsv" ? "," : " ");
    expect(table.columns.map((c) => summarize(c))).toEqual(pyColumns(theirs));
    expect(table.meta).toEqual(decodePy(theirs.meta));
    const ids = table.columns.find((c) => c.name === "TARGETID")!.data as BigInt64Array;
    expect(ids).toBeInstanceOf(BigInt64Array);
    expect(ids[8]).toBe((1n << 58n) + (9010n << 42n) + (8n << 22n) + 8n);
    const masks = table.columns.find((c) => c.name === "DESI_TARGET")!.data as BigInt64Array;
    expect(masks[4]).toBe((1n << 62n) | 4n);
  });

  it("dflow reads its own files back exactly", () => {
    for (const [name, table] of Object.entries(ours)) {
      const back = readEcsv(join(dir, `ours-${name}`));
      expect(back.columns.map((c) => summarize(c))).toEqual(table.columns.map((c) => summarize(c, true)));
      expect(back.meta).toEqual(table.meta);
      expect(formatEcsv(back)).toBe(formatEcsv(table));
    }
  });

  it("refuses astropy's masked numeric values with an error naming the file and line", () => {
    const path = join(dir, "masked.ecsv");
    let error: unknown;
    try {
      readEcsv(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EcsvError);
    expect((error as EcsvError).message).toBe(
      `${path}, line 9: column \`Z\` (float64): an empty (masked) value; masked numeric and bool columns are not supported`,
    );
  });
});

describe("ECSV input dflow refuses", () => {
  const header = (columns: string) => `# %ECSV 1.0\n# ---\n# datatype:\n${columns}\n# schema: astropy-2.0\n`;

  it("names the line and the problem", () => {
    expect(() => parseEcsv("a b\n1 2\n", "t.ecsv")).toThrow("t.ecsv, line 1: not an ECSV file: the first line is not `# %ECSV 1.0`");
    const ints = header("# - {name: a, datatype: int16}");
    expect(() => parseEcsv(`${ints}a\n1\n40000\n`)).toThrow("line 8: column `a` (int16): 40000 is out of range");
    expect(() => parseEcsv(`${ints}a\n1.5\n`)).toThrow("line 7: column `a` (int16): `1.5` is not an integer");
    expect(() => parseEcsv(`${ints}b\n1\n`)).toThrow(/line 6: the column names \["b"\] do not match the header's \["a"\]/);
    expect(() => parseEcsv(`${ints}a\n1 2\n`)).toThrow("line 7: the row has 2 fields, the header 1 columns");
    expect(() => parseEcsv(`${header("# - {name: a, datatype: string, subtype: 'int64[2]'}")}a\n"[1,2]"\n`)).toThrow(/subtype "int64\[2\]": multidimensional/);
    expect(() => parseEcsv(`${header("# - {name: a, datatype: float16}")}a\n1\n`)).toThrow(/datatype "float16"; supported: bool, int8/);
  });

  it("refuses columns of different lengths and strings with line breaks when writing", () => {
    expect(() =>
      formatEcsv({
        columns: [
          { name: "a", data: new Int32Array(2) },
          { name: "b", data: new Int32Array(3) },
        ],
      }),
    ).toThrow("column `b` has 3 values but `a` has 2");
    expect(() => formatEcsv({ columns: [{ name: "s", data: ["a\nb"] }] })).toThrow(/line break/);
  });
});
