import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { KERNEL_INDEX_VERSION, readKernelIndex, resolveModules, type KernelIndex, type KernelInfo, type ProductTypeInfo } from "../../src/kernels/index.js";
import { FIXTURES, REPO, tempDir, writeTree } from "./helpers.js";

const FX = join(FIXTURES, "fx/index.ts");
const SUMMARIZE = join(FIXTURES, "fx/summarize.ts");
const MODEL = join(FIXTURES, "model/index.ts");
const MORE = join(FIXTURES, "model/more.ts");
const BAD = join(FIXTURES, "bad/index.ts");

let index: KernelIndex;

beforeAll(async () => {
  const { modules, problems } = resolveModules(join(FIXTURES, "pipeline.dflow"), [
    { module: "./model" },
    { module: "./fx" },
    { module: "./bad", alias: "bad" },
  ]);
  expect(problems).toEqual([]);
  index = await readKernelIndex(modules, { hash: "fixture" });
});

function kernel(name: string): KernelInfo {
  const k = index.kernels.find((x) => x.name === name);
  if (k === undefined) throw new Error(`no kernel ${name}`);
  return k;
}

function type(name: string): ProductTypeInfo {
  const t = index.types.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no type ${name}`);
  return t;
}

/** Ports as [name, type, isProduct, collection, optional, file, line]. */
const ports = (k: KernelInfo, which: "inputs" | "outputs"): unknown[] =>
  k[which].map((p) => [p.name, p.type, p.isProduct, p.collection, p.optional, p.loc.file, p.loc.line]);

describe("kernels of the fixture modules", () => {
  test("the index records its version, hash and modules, and lists every exported function by name, data model excepted.", () => {
    expect(index.version).toBe(KERNEL_INDEX_VERSION);
    expect(index.hash).toBe("fixture");
    expect(index.modules.map((m) => [m.alias, m.entry])).toEqual([
      ["datamodel", join(REPO, "stdlib/datamodel/index.ts")],
      ["model", MODEL],
      ["fx", FX],
      ["bad", join(FIXTURES, "bad/index.ts")],
    ]);
    expect(index.kernels.map((k) => [k.name, k.module, k.exportName, k.kind, k.async])).toEqual([
      ["bad.handles", "bad", "handles", "stage", false],
      ["bad.tooMany", "bad", "tooMany", "stage", false],
      ["fx.broken", "fx", "broken", "stage", false],
      ["fx.catalog", "fx", "catalog", "stage", true],
      ["fx.coadd", "fx", "coadd", "stage", false],
      ["fx.observes", "fx", "observes", "relation", false],
      ["fx.pixels", "fx", "pixels", "grid", true],
      ["fx.scale", "fx", "scale", "stage", true],
      ["fx.summarize", "fx", "summarize", "stage", true],
    ]);
  });

  test("a stage kernel with a single input: params typed float and int, with defaults and a unit.", () => {
    const k = kernel("fx.scale");
    expect(k.problems).toEqual([]);
    expect(k.doc).toBe("Scales the flux of one image.");
    expect([k.loc.file, k.loc.line, k.loc.column]).toEqual([FX, 11, 1]);
    expect(ports(k, "inputs")).toEqual([["image", "Image2", true, "single", false, FX, 12]]);
    expect(ports(k, "outputs")).toEqual([["scaled", "Image2", true, "single", false, FX, 29]]);
    expect(k.params.map((p) => ({ ...p, loc: p.loc.line }))).toEqual([
      { name: "factor", type: "float", default: 1.5, optional: false, doc: "Multiplies the flux.", loc: 18 },
      { name: "offset", type: "float", default: 0, unit: "electron/Angstrom", optional: false, doc: "Added after scaling.", loc: 24 },
      { name: "passes", type: "int", optional: false, doc: "Passes to run.", loc: 26 },
    ]);
  });

  test("an array gather and an optional single input; a literal union with a JSON default and an optional int.", () => {
    const k = kernel("fx.coadd");
    expect(k.problems).toEqual([]);
    expect(ports(k, "inputs")).toEqual([
      ["frames", "Image2", true, "array", false, FX, 36],
      ["sky", "Image2", true, "single", true, FX, 36],
    ]);
    expect(ports(k, "outputs")).toEqual([["coadd", "Image2", true, "single", false, FX, 47]]);
    expect(k.params.map((p) => [p.name, p.type, p.default, p.optional, p.loc.line])).toEqual([
      ["method", '"mean" | "median"', "mean", false, 42],
      ["minCount", "int", undefined, true, 44],
    ]);
  });

  test("an async-iterable gather and a `Gather<T>`; string, date and bool params, a bare-word default; two outputs.", () => {
    const k = kernel("fx.catalog");
    expect(k.problems).toEqual([]);
    expect(ports(k, "inputs")).toEqual([
      ["frames", "Image2", true, "stream", false, FX, 54],
      ["previous", "Catalog", true, "gather", true, FX, 54],
    ]);
    expect(ports(k, "outputs")).toEqual([
      ["catalog", "Catalog", true, "single", false, FX, 70],
      ["summary", "Summary", true, "single", false, FX, 70],
    ]);
    expect(k.params.map((p) => [p.name, p.type, p.default])).toEqual([
      ["survey", "string", "main"],
      ["night", "date", undefined],
      ["keepBad", "bool", false],
    ]);
  });

  test("a grid kernel returns `GridKeys` and a relation kernel `RelationPairs`; neither has outputs, and the context may be left out.", () => {
    const grid = kernel("fx.pixels");
    expect([grid.kind, grid.problems, grid.outputs, grid.loc.line]).toEqual(["grid", [], [], 79]);
    expect(ports(grid, "inputs")).toEqual([["catalog", "Catalog", true, "single", false, FX, 79]]);
    expect(grid.params.map((p) => [p.name, p.type])).toEqual([["nside", "int"]]);
    const rel = kernel("fx.observes");
    expect([rel.kind, rel.problems, rel.outputs, rel.loc.line]).toEqual(["relation", [], [], 86]);
    expect(ports(rel, "inputs")).toEqual([["catalog", "Catalog", true, "single", false, FX, 86]]);
  });

  test("a re-exported const arrow function is a kernel, located in its own file.", () => {
    const k = kernel("fx.summarize");
    expect(k.problems).toEqual([]);
    expect([k.loc.file, k.loc.line]).toEqual([SUMMARIZE, 5]);
    expect(k.doc).toBe("Summarizes a catalog: a kernel written as a const arrow function, re-exported.");
    expect(ports(k, "inputs")).toEqual([["catalog", "Catalog", true, "single", false, SUMMARIZE, 6]]);
    expect(ports(k, "outputs")).toEqual([["summary", "Summary", true, "single", false, SUMMARIZE, 15]]);
    expect(k.params.map((p) => [p.name, p.type, p.default, p.loc.line])).toEqual([["limit", "int", 10, 12]]);
  });

  test("the import closure is the declaring file and everything it imports, transitively and sorted, without declaration files.", () => {
    const all = [join(REPO, "stdlib/datamodel/values.ts"), join(REPO, "stdlib/kernel.ts"), FX, SUMMARIZE, MODEL, MORE];
    expect(kernel("fx.scale").importClosure).toEqual(all);
    expect(kernel("fx.summarize").importClosure).toEqual([join(REPO, "stdlib/datamodel/values.ts"), join(REPO, "stdlib/kernel.ts"), SUMMARIZE, MODEL, MORE]);
  });

  test("functions that break the contract are listed with the reasons.", () => {
    expect(kernel("fx.broken").problems).toEqual([
      "its first parameter `count` is `number`, not an object of inputs",
      "its second parameter `label` is `string`, not an object of params",
      "it returns `number`; a kernel returns an object of outputs, `GridKeys` or `RelationPairs` (or a Promise of one)",
    ]);
    expect(kernel("fx.broken").loc.line).toBe(91);
    const tooMany = kernel("bad.tooMany");
    expect(tooMany.problems).toEqual([
      "it takes 4 parameters; a kernel takes (inputs, params, ctx)",
      "param `when` is `Date`; a param is int, float, date, string, bool, number or a union of literals",
      "its third parameter `ctx` is `string`, not `KernelContext`",
    ]);
    expect(tooMany.params.map((p) => [p.name, p.type])).toEqual([["when", "Date"]]);
    expect(ports(tooMany, "outputs")).toEqual([["out", "BadImage", true, "single", false, BAD, 45]]);
    const handles = kernel("bad.handles");
    expect(handles.problems).toEqual([
      "input `raw` is `BadImage`; an input is `Handle<T>`, `readonly Handle<T>[]`, `AsyncIterable<Handle<T>>` or `Gather<T>` of a product type `T`",
      "param `n` has `@default 2.5`, but the param is an int",
      'param `mode` has `@default yes`, but the param is one of "a" | "b"',
      "output `out` is `Handle<BadImage>`; an output is one product value `T`",
    ]);
    expect(ports(handles, "inputs")).toEqual([["raw", "BadImage", true, "single", false, BAD, 51]]);
  });
});

describe("product types of the fixture modules", () => {
  test("types from every module are listed by name, re-exports followed, data model included.", () => {
    const names = index.types.map((t) => t.name);
    expect(names.filter((n) => type(n).module !== "datamodel")).toEqual(["BadImage", "Catalog", "Image2", "Summary"]);
    expect(names).toEqual(expect.arrayContaining(["Frame", "Spectra", "Redrock"]));
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  test("a FITS type: header keys, an image HDU with dtype, dims and unit, a table HDU with its columns, each with a location.", () => {
    const t = type("Image2");
    expect([t.module, t.format, t.doc, t.loc.file, t.loc.line]).toEqual([
      "model",
      "fits",
      "Two HDUs of one exposure: flux per fiber and wavelength, and the fibers' targets.",
      MODEL,
      18,
    ]);
    expect(t.header).toEqual([
      { key: "NIGHT", type: "int", doc: "night of the exposure, YYYYMMDD" },
      { key: "EXPTIME", type: "float", unit: "s", doc: "shutter-open time" },
    ]);
    expect(t.hdus.map((h) => ({ ...h, loc: h.loc.line, columns: h.columns?.map((c) => ({ ...c, loc: c.loc.line })) }))).toEqual([
      {
        name: "FLUX",
        member: "FLUX",
        kind: "image",
        dtype: "f32",
        dims: [{ name: "fiber" }, { name: "wave" }],
        unit: "electron/Angstrom",
        doc: "Extracted flux of each fiber.",
        loc: 28,
        columns: undefined,
      },
      {
        name: "FIBERMAP",
        member: "FIBERMAP",
        kind: "table",
        tableType: "MiniFibermap",
        doc: "The target each fiber holds.",
        loc: 33,
        columns: [
          { name: "TARGETID", dtype: "i64", dims: [], doc: "Unique target ID.", loc: 45 },
          { name: "FIBER", dtype: "i32", dims: [], doc: "Fiber number.", loc: 50 },
        ],
      },
    ]);
    expect([t.columns, t.meta, t.fields]).toEqual([[], [], []]);
  });

  test("an ECSV type: columns with units and string widths, and its required meta keys.", () => {
    const t = type("Catalog");
    expect([t.module, t.format, t.doc, t.loc.file, t.loc.line]).toEqual(["model", "ecsv", "Redshifts of targets.", MORE, 9]);
    expect(t.columns.map((c) => [c.name, c.dtype, c.unit, c.loc.line])).toEqual([
      ["TARGETID", "i64", undefined, 16],
      ["RA", "f64", "deg", 21],
      ["Z", "f32", undefined, 26],
      ["SPECTYPE", "str6", undefined, 31],
    ]);
    expect(t.meta).toEqual([{ key: "SURVEY", type: "str", doc: "survey name" }]);
    expect([t.hdus, t.header]).toEqual([[], []]);
  });

  test("a JSON type: its fields with their TypeScript types.", () => {
    const t = type("Summary");
    expect([t.format, t.loc.line]).toEqual(["json", 39]);
    expect(t.fields).toEqual([
      { name: "ntarget", tsType: "number" },
      { name: "survey", tsType: "string" },
      { name: "targetids", tsType: "readonly string[]" },
    ]);
  });

  test("malformed tags are problems at the tag or member, and what is well formed is kept.", () => {
    expect(index.problems.map((p) => [p.loc.file, p.loc.line, p.message])).toEqual([
      [BAD, 9, "`@header` of `BadImage`: keyword `EXPTIME` has type `double` (expected int, float, str or bool)."],
      [BAD, 15, "The image HDU `FLUX` of `BadImage`: unknown dtype `f31` (expected one of bool u8 i16 i32 i64 u16 u32 u64 f32 f64 str strN)."],
      [BAD, 19, "The image HDU `IVAR` of `BadImage` has no `@dtype` (or its type is not a `@table` interface)."],
      [BAD, 25, "The image HDU `MASK` of `BadImage` has dtype i32 but TypeScript type `Image<Float32Array>`; in memory, dtype i32 is `Image<Int32Array>`."],
      [BAD, 28, "Member `EXTRA` of FITS product `BadImage` has no `@hdu` tag; every member but `header` is an HDU (`@hdu EXTNAME`)."],
      [BAD, 33, "Column tag `@column TARGET_ID` is on member `TARGETID` of `BadTable`; the member name must equal the column name."],
      [BAD, 36, "The column `FIBER` of `BadTable` has dtype i32 but TypeScript type `Float64Array`; in memory, dtype i32 is `Int32Array`."],
      [BAD, 39, "`@format parquet` on `BadFormat` is not a storage format (expected fits, ecsv, json or html)."],
    ]);
    const bad = type("BadImage");
    expect(bad.hdus.map((h) => [h.name, h.kind, h.dtype])).toEqual([
      ["MASK", "image", "i32"],
      ["TABLE", "table", undefined],
    ]);
    expect(index.types.some((t) => t.name === "BadFormat")).toBe(false);
  });
});

describe("modules that do not read cleanly", () => {
  test("a syntax error in a kernel module is a problem of the index, and the rest is still read.", async () => {
    const { dir, remove } = tempDir();
    try {
      writeTree(dir, {
        "k/index.ts": 'export { ok } from "./ok.js";\nexport function oops(inputs: { a: number }) {\n  return { a: inputs.a + };\n}\n',
        "k/ok.ts": "/** Fine. */\nexport function ok(): { n: number } {\n  return { n: 1 };\n}\n",
      });
      const idx = await readKernelIndex([{ alias: "k", spec: "./k", entry: join(dir, "k/index.ts") }]);
      expect(idx.problems.map((p) => [p.loc.file, p.loc.line, p.loc.column, p.message])).toEqual([
        [join(dir, "k/index.ts"), 3, 26, "TypeScript syntax error: Expression expected."],
      ]);
      expect(idx.kernels.map((k) => k.name)).toEqual(["k.ok", "k.oops"]);
    } finally {
      remove();
    }
  });

  test("an entry file that cannot be read is a problem at the entry, not an exception.", async () => {
    const idx = await readKernelIndex([{ alias: "gone", spec: "./gone", entry: "/nonexistent/gone/index.ts" }]);
    expect(idx.kernels).toEqual([]);
    expect(idx.problems.map((p) => [p.loc.file, p.loc.line, p.message.split(":")[0]])).toEqual([
      ["/nonexistent/gone/index.ts", 1, "Module `./gone` cannot be read"],
    ]);
  });
});

describe("other ways to write a kernel signature", () => {
  test("named interfaces and aliases for inputs and params, an inferred return type, and a written-out gather union all read as the contract says.", async () => {
    const { dir, remove } = tempDir();
    try {
      const kernelTs = JSON.stringify(join(REPO, "stdlib/kernel.js"));
      const modelTs = JSON.stringify(join(FIXTURES, "model/index.js"));
      writeTree(dir, {
        "k/index.ts": [
          `import type { Handle, KernelContext, int } from ${kernelTs};`,
          `import type * as m from ${modelTs};`,
          "interface In { readonly frames: readonly Handle<m.Image2>[] | AsyncIterable<Handle<m.Image2>>; readonly cat?: Handle<m.Catalog> }",
          "type Params = { readonly n: int; readonly flag?: boolean; readonly k: -1 | 2 };",
          "/** Inferred. */",
          "export async function inferred(inputs: In, params: Params, ctx: KernelContext) {",
          "  ctx.log(String(params.n));",
          "  return { image: await inputs.cat!.read() as unknown as m.Image2 };",
          "}",
          "",
        ].join("\n"),
      });
      const idx = await readKernelIndex([
        { alias: "model", spec: "./model", entry: join(FIXTURES, "model/index.ts") },
        { alias: "k", spec: "./k", entry: join(dir, "k/index.ts") },
      ]);
      const k = idx.kernels.find((x) => x.name === "k.inferred");
      expect(k?.problems).toEqual([]);
      expect(k?.async).toBe(true);
      expect(k?.inputs.map((p) => [p.name, p.type, p.isProduct, p.collection, p.optional, p.loc.line])).toEqual([
        ["frames", "Image2", true, "gather", false, 3],
        ["cat", "Catalog", true, "single", true, 3],
      ]);
      expect(k?.params.map((p) => [p.name, p.type, p.optional, p.loc.line])).toEqual([
        ["n", "int", false, 4],
        ["flag", "bool", true, 4],
        ["k", "-1 | 2", false, 4],
      ]);
      expect(k?.outputs.map((p) => [p.name, p.type, p.isProduct, p.loc.line])).toEqual([["image", "Image2", true, 8]]);
    } finally {
      remove();
    }
  });
});
