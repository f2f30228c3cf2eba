/**
 * The product-type reader follows `extends`: members of the bases first, in the order of the
 * `extends` list, then the interface's own; a redeclared member keeps the base's position; bases
 * in other files and other modules; problems for what it cannot follow.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readKernelIndex, type KernelIndex, type ProductTypeInfo } from "../../src/kernels/index.js";
import { REPO, tempDir, writeTree } from "./helpers.js";

const col = (name: string, dtype: string, ts: string, doc = `${name} column.`): string =>
  `  /**\n   * ${doc}\n   * @column ${name} ${dtype}\n   */\n  readonly ${name}: ${ts};\n`;
const values = JSON.stringify(join(REPO, "stdlib/datamodel/values.js"));

const FILES: Record<string, string> = {
  // A module of shared column sets, imported by the other module.
  "shared/index.ts": `export type { Ids } from "./ids.js";\nexport type { Position } from "./position.js";\n`,
  "shared/ids.ts": `/** Identity columns. */\nexport interface Ids {\n${col("TARGETID", "i64", "BigInt64Array")}${col("FIBER", "i32", "Int32Array")}}\n`,
  "shared/position.ts": `/** Sky position. */\nexport interface Position {\n${col("RA", "f64 deg", "Float64Array")}${col("DEC", "f64 deg", "Float64Array")}}\n`,
  "m/index.ts": [
    `import type { Header } from ${values};`,
    `import type { Ids, Position } from "../shared/index.js";`,
    `import type { Flux } from "./flux.js";`,
    `/** Flux of the target, reworded. */`,
    `interface Reworded extends Ids, Position, Flux {`,
    col("FLUX", "f32 nanomaggy", "Float32Array", "Observed flux."),
    `}`,
    `/** A table of three bases and its own columns.\n * @table\n */`,
    `export interface Rows extends Reworded {`,
    col("Z", "f32", "Float32Array"),
    `}`,
    `/** A table that adds to another table.\n * @table\n */`,
    `export interface MoreRows extends Rows, Ids {`,
    col("ZWARN", "i32", "Int32Array"),
    `}`,
    `/** Columns of other tables in another order, and one of its own in the middle. */`,
    `interface Middle {\n${col("MID", "i16", "Int16Array")}}`,
    `/** Picked and omitted columns.\n * @table\n */`,
    `export interface Picked extends Pick<Rows, "Z" | "RA" | "TARGETID">, Middle, Omit<Rows, "Z" | "RA" | "TARGETID" | "FLUX_IVAR"> {`,
    col("LAST", "u8", "Uint8Array"),
    `}`,
    `/** Common HDUs. */`,
    `interface Base {\n  /** Primary header. */\n  readonly header: Header;\n  /**\n   * Rows.\n   * @hdu ROWS\n   */\n  readonly ROWS: Rows;\n}`,
    `/** A FITS product whose HDUs come partly from a base.\n * @format fits\n */`,
    `export interface Product extends Base {\n  /**\n   * More rows.\n   * @hdu MORE\n   */\n  readonly MORE: MoreRows;\n  /**\n   * Picked rows.\n   * @hdu PICKED\n   */\n  readonly PICKED: Picked;\n  /**\n   * The rows again, through a type alias.\n   * @hdu ALIASED\n   */\n  readonly ALIASED: RowsAlias;\n}`,
    `/** Another name for Rows. */\ntype RowsAlias = Rows;`,
    `/** An ECSV product with inherited columns.\n * @format ecsv\n */`,
    `export interface Listing extends Position, Ids {\n${col("NAME", "str8", "readonly string[]")}}`,
    `/** A JSON product with inherited fields. */\ninterface Counts {\n  readonly n: number;\n}`,
    `/** Counts and a label.\n * @format json\n */`,
    `export interface Summary extends Counts {\n  readonly label: string;\n}`,
    ``,
  ].join("\n"),
  "m/flux.ts": `/** Flux. */\nexport interface Flux {\n${col("FLUX", "f32 nanomaggy", "Float32Array")}${col("FLUX_IVAR", "f32 nanomaggy**-2", "Float32Array")}}\n`,
  "bad/index.ts": [
    `import type { Header } from ${values};`,
    `type Alias = { readonly A: Int32Array };`,
    `/** Two columns. */\ninterface Two {\n${col("A", "i32", "Int32Array")}${col("B", "i32", "Int32Array")}}`,
    `/** Another A. */\ninterface OtherA {\n${col("A", "i32", "Int32Array", "Another A.")}}`,
    `/** Rows.\n * @table\n */`,
    `export interface BadRows extends Two, Partial<Two>, Alias, OtherA, Pick<Two, "Q">, Pick<Alias, "A">, Omit<Two, string> {`,
    col("C", "i32", "Int32Array"),
    `}`,
    `/** Loop.\n * @table\n */`,
    `export interface Loop1 extends Loop2 {\n${col("L1", "i32", "Int32Array")}}`,
    `/** Loop.\n * @table\n */`,
    `export interface Loop2 extends Loop1 {\n${col("L2", "i32", "Int32Array")}}`,
    `/** A product.\n * @format fits\n */`,
    `export interface BadProduct {\n  /** Header. */\n  readonly header: Header;\n  /**\n   * Rows.\n   * @hdu ROWS\n   */\n  readonly ROWS: BadRows;\n  /**\n   * Loop.\n   * @hdu LOOP\n   */\n  readonly LOOP: Loop1;\n}`,
    ``,
  ].join("\n"),
};

let dir = "";
let remove = (): void => undefined;
let index: KernelIndex;

beforeAll(async () => {
  ({ dir, remove } = tempDir());
  writeTree(dir, FILES);
  index = await readKernelIndex([
    { alias: "m", spec: "./m", entry: join(dir, "m/index.ts") },
    { alias: "bad", spec: "./bad", entry: join(dir, "bad/index.ts") },
  ]);
});
afterAll(() => remove());

function type(name: string): ProductTypeInfo {
  const t = index.types.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no type ${name}`);
  return t;
}

const columns = (t: ProductTypeInfo, hdu: string): (string | undefined)[][] =>
  (t.hdus.find((h) => h.name === hdu)?.columns ?? []).map((c) => [c.name, c.dtype, c.unit, c.doc]);

describe("extends", () => {
  test("a table's columns are its bases' (in extends order, across files and modules), then its own; a redeclared column keeps its place.", () => {
    const p = type("Product");
    expect(columns(p, "ROWS")).toEqual([
      ["TARGETID", "i64", undefined, "TARGETID column."],
      ["FIBER", "i32", undefined, "FIBER column."],
      ["RA", "f64", "deg", "RA column."],
      ["DEC", "f64", "deg", "DEC column."],
      ["FLUX", "f32", "nanomaggy", "Observed flux."],
      ["FLUX_IVAR", "f32", "nanomaggy**-2", "FLUX_IVAR column."],
      ["Z", "f32", undefined, "Z column."],
    ]);
  });

  test("each column's location is where it is declared (the base's file).", () => {
    const rows = type("Product").hdus.find((h) => h.name === "ROWS")?.columns ?? [];
    expect(rows.map((c) => [c.name, c.loc.file.slice(dir.length + 1)])).toEqual([
      ["TARGETID", "shared/ids.ts"],
      ["FIBER", "shared/ids.ts"],
      ["RA", "shared/position.ts"],
      ["DEC", "shared/position.ts"],
      ["FLUX", "m/index.ts"],
      ["FLUX_IVAR", "m/flux.ts"],
      ["Z", "m/index.ts"],
    ]);
  });

  test("a table extending a table adds after it; a base reached twice (a diamond) counts once.", () => {
    const more = columns(type("Product"), "MORE").map((c) => c[0]);
    expect(more).toEqual(["TARGETID", "FIBER", "RA", "DEC", "FLUX", "FLUX_IVAR", "Z", "ZWARN"]);
    expect(type("Product").hdus.find((h) => h.name === "MORE")?.tableType).toBe("MoreRows");
  });

  test("Pick takes columns in the order its keys are written; Omit keeps the base's order; a redeclared column stays reworded.", () => {
    expect(columns(type("Product"), "PICKED").map((c) => [c[0], c[3]])).toEqual([
      ["Z", "Z column."],
      ["RA", "RA column."],
      ["TARGETID", "TARGETID column."],
      ["MID", "MID column."],
      ["FIBER", "FIBER column."],
      ["DEC", "DEC column."],
      ["FLUX", "Observed flux."],
      ["LAST", "LAST column."],
    ]);
  });

  test("a FITS product's HDUs, an ECSV product's columns and a JSON product's fields follow extends too; a table HDU may be typed with a type alias of a table.", () => {
    expect(type("Product").hdus.map((h) => [h.name, h.member])).toEqual([
      ["ROWS", "ROWS"],
      ["MORE", "MORE"],
      ["PICKED", "PICKED"],
      ["ALIASED", "ALIASED"],
    ]);
    expect(type("Product").hdus.find((h) => h.name === "ALIASED")?.tableType).toBe("Rows");
    expect(columns(type("Product"), "ALIASED")).toEqual(columns(type("Product"), "ROWS"));
    expect(type("Listing").columns.map((c) => c.name)).toEqual(["RA", "DEC", "TARGETID", "FIBER", "NAME"]);
    expect(type("Summary").fields).toEqual([
      { name: "n", tsType: "number" },
      { name: "label", tsType: "string" },
    ]);
  });

  test("what the reader cannot follow is a problem at the extends clause; what it can is kept.", () => {
    const bad = join(dir, "bad/index.ts");
    const problems = index.problems.filter((p) => p.loc.file === bad).map((p) => p.message);
    expect(problems).toEqual([
      "`BadRows` extends `Partial<Two>`, a generic type; the data-model reader follows only interfaces, and `Pick` or `Omit` of an interface (declare the shared members in an interface and extend it).",
      "`BadRows` extends `Alias`, a type alias; the data-model reader follows only interfaces, and `Pick` or `Omit` of an interface (declare the shared members in an interface and extend it).",
      "Member `A` of `BadRows` is declared both in `Two` and in `OtherA`; the first is used (declare it in one base, or redeclare it in `BadRows`).",
      "`BadRows` extends `Pick` of `Two` with `Q`, which `Two` does not have.",
      '`BadRows` extends `Pick<Alias, "A">`, but its first argument `Alias` is not an interface; the data-model reader follows `Pick<I, "A" | "B">` of an interface I.',
      '`BadRows` extends `Omit<Two, string>`, but its keys are not string literals; the data-model reader follows `Omit<I, "A" | "B">` of an interface I.',
      "`Loop2` extends `Loop1`, which extends `Loop2`: the `extends` chain is circular.",
    ]);
    expect(index.problems.filter((p) => p.loc.file !== bad)).toEqual([]);
    const t = type("BadProduct");
    expect(columns(t, "ROWS").map((c) => [c[0], c[3]])).toEqual([
      ["A", "A column."],
      ["B", "B column."],
      ["C", "C column."],
    ]);
    expect(columns(t, "LOOP").map((c) => c[0])).toEqual(["L2", "L1"]);
  });
});
