/**
 * Lints the JSDoc tags of every `stdlib/datamodel/*.ts` file against docs/datamodel.md with a
 * regex reader (not ts-morph): HDUs, columns, dtypes, dims and the TypeScript member types.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintDataModel } from "./lintDataModel.js";
import { composeMembers, readInterfaces, tagsNamed } from "./readJsdoc.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "../../stdlib/datamodel");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".ts"))
  .sort();
const sources = new Map(files.map((f) => [f, readFileSync(join(DIR, f), "utf8")] as const));
const declared = [...sources].flatMap(([file, text]) => readInterfaces(text, file));
const composed = composeMembers(declared).byName;
/** Every interface with its members composed (`extends` applied). */
const interfaces = declared.map((i) => ({ ...i, members: composed.get(i.name) ?? i.members }));
const exported = interfaces.filter((i) => i.exported);
const products = interfaces.filter((i) => tagsNamed(i.doc, "format").length > 0);
const tables = interfaces.filter((i) => tagsNamed(i.doc, "table").length > 0);

describe("the data model's tags", () => {
  it("find the products and tables the model promises", () => {
    expect(products.map((p) => p.name).sort()).toEqual(
      [
        "CFrame",
        "Coadd",
        "ExposureList",
        "FiberFlat",
        "Fibermap",
        "FluxCalib",
        "Frame",
        "Redrock",
        "SimSpec",
        "Sky",
        "Spectra",
        "StdStars",
        "Targets",
        "TileTable",
        "Truth",
        "ZCatalog",
      ].sort(),
    );
    expect(tables.length).toBeGreaterThan(5);
  });

  it("follow docs/datamodel.md in every file", () => {
    expect(lintDataModel(sources)).toEqual([]);
  });

  it("put one exported interface in each file, named after it", () => {
    const problems: string[] = [];
    for (const [file, text] of sources) {
      if (file === "index.ts" || file === "values.ts") continue;
      const names = readInterfaces(text, file)
        .filter((i) => i.exported)
        .map((i) => i.name);
      if (names.length !== 1 || `${names[0]}.ts` !== file) problems.push(`${file}: exports ${names.join(", ")}`);
      for (const line of text.split("\n")) {
        if (/^import /.test(line) && !/^import type /.test(line)) problems.push(`${file}: value import \`${line}\``);
      }
    }
    expect(problems).toEqual([]);
  });

  it("export every interface through index.ts", () => {
    const index = sources.get("index.ts") ?? "";
    const missing = exported.filter((i) => !new RegExp(`\\b${i.name}\\b`).test(index)).map((i) => i.name);
    expect(missing).toEqual([]);
  });

  it("use every table in some product", () => {
    const used = new Set(products.flatMap((p) => p.members.map((m) => m.type)));
    expect(tables.map((t) => t.name).filter((t) => !used.has(t))).toEqual([]);
  });

  it("give the spectra files the HDUs redrock reads", () => {
    const hdus = (name: string): string[] => (products.find((p) => p.name === name)?.members ?? []).flatMap((m) => tagsNamed(m.doc, "hdu").map((t) => t.text));
    const bands = ["B", "R", "Z"].flatMap((b) => ["WAVELENGTH", "FLUX", "IVAR", "MASK", "RESOLUTION"].map((h) => `${b}_${h}`));
    expect(hdus("Spectra")).toEqual(["FIBERMAP", ...bands, "SCORES"]);
    expect(hdus("Coadd")).toEqual(["FIBERMAP", "EXP_FIBERMAP", ...bands, "SCORES"]);
    expect(hdus("Redrock")).toEqual(["REDSHIFTS", "FIBERMAP", "EXP_FIBERMAP", "TSNR2"]);
    const columns = (table: string): string[] => (tables.find((t) => t.name === table)?.members ?? []).map((m) => tagsNamed(m.doc, "column")[0]?.text ?? "");
    // redrock py/redrock/external/desi.py + desispec coadd_fibermap: the minimum an uncoadded file's FIBERMAP must hold.
    const fm = columns("SpectraFibermapTable").map((c) => c.split(" ")[0]);
    expect(fm).toEqual(expect.arrayContaining(["TARGETID", "OBJTYPE", "FIBERSTATUS", "TILEID"]));
    expect(columns("CoaddFibermapTable").map((c) => c.split(" ")[0])).not.toContain("FIBERSTATUS");
    // What redrock ≥ 0.21 writes (docs/sources.md#datamodel).
    expect(columns("RedshiftsTable")).toEqual([
      "TARGETID i64",
      "Z f64",
      "ZERR f32",
      "ZWARN i32",
      "CHI2 f32",
      "COEFF f32[coeff=10]",
      "FITMETHOD str4",
      "NPIXELS i32",
      "SPECTYPE str6",
      "SUBTYPE str",
      "NCOEFF i16",
      "DELTACHI2 f32",
    ]);
  });
});

describe("the data-model lint", () => {
  const lint = (text: string): string[] => lintDataModel(new Map([["Bad.ts", text]]));

  it("accepts a small valid product", () => {
    expect(
      lint(`/**
 * A table.
 * @table
 */
export interface T {
  /**
   * An ID.
   * @column ID i64
   */
  readonly ID: BigInt64Array;
  /**
   * A name.
   * @column NAME str8
   */
  readonly NAME: readonly string[];
}
/**
 * A product.
 * @format fits
 * @header NIGHT int - night
 */
export interface P {
  /** The header. */
  readonly header: Header;
  /**
   * Flux.
   * @hdu FLUX
   * @dtype f32
   * @dims [fiber, diag=11, wave]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly FLUX: Image<Float32Array>;
  /**
   * Rows.
   * @hdu ROWS
   */
  readonly ROWS: T;
}
`),
    ).toEqual([]);
  });

  it("follows extends, Pick and Omit, checks the columns of a base once, and reports bases it cannot follow", () => {
    const problems = lint(`/**
 * Shared columns.
 */
interface Ids {
  /**
   * An ID.
   * @column ID i32
   */
  readonly ID: Float64Array;
  /**
   * A name.
   * @column NAME str8
   */
  readonly NAME: readonly string[];
}
/**
 * A table.
 * @table
 */
export interface T extends Pick<Ids, "NAME" | "GONE">, Omit<Ids, "NAME">, Missing, Partial<Ids> {
  /**
   * Z.
   * @column Z f32
   */
  readonly Z: Float32Array;
}
`);
    expect(problems).toEqual([
      'T: Pick<Ids, "NAME" | "GONE"> names GONE, which Ids does not have',
      "T: extends `Missing`, not an interface of the data model or Pick/Omit of one",
      "T: extends `Partial<Ids>`, not an interface of the data model or Pick/Omit of one",
      "Ids.ID: a `i32` column must be Int32Array, found `Float64Array`",
    ]);
    const composed = composeMembers(
      readInterfaces(
        `/** Base. */\ninterface B {\n  /** A. */\n  readonly A: X;\n  /** B. */\n  readonly B: X;\n}\n/** T. */\nexport interface T extends Pick<B, "B" | "A"> {\n  /** A again. */\n  readonly A: X;\n  /** C. */\n  readonly C: X;\n}\n`,
        "x.ts",
      ),
    );
    expect(composed.byName.get("T")?.map((m) => [m.name, m.doc?.summary])).toEqual([
      ["B", "B."],
      ["A", "A again."],
      ["C", "C."],
    ]);
  });

  it("reports what violates the vocabulary", () => {
    const problems = lint(`/**
 * A table.
 * @table
 */
export interface T {
  /**
   * An ID.
   * @column TARGET_ID i64
   */
  readonly TARGETID: Float64Array;
  /**
   * A coefficient.
   * @column COEFF f32[coeff]
   */
  readonly COEFF: Float32Array;
  /**
   * A bad type.
   * @column Q f16
   */
  readonly Q: Float32Array;
  readonly UNDOC: Int32Array;
}
/**
 * A product.
 * @format fits
 * @header night integer
 */
export interface P {
  readonly header: Header;
  /**
   * Flux.
   * @dtype f32
   * @dims [fiber, wave]
   */
  readonly FLUX: Image<Float32Array>;
  /**
   * Ivar.
   * @hdu IVAR
   * @dtype f64
   */
  readonly IVAR: Image<Float32Array>;
}
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "T.TARGETID: @column names `TARGET_ID` but the member is `TARGETID`",
        "T.TARGETID: a `i64` column must be BigInt64Array, found `Float64Array`",
        "T.COEFF: array column dim `coeff` needs a fixed size (`coeff=N`)",
        "T.Q: element type `f16` is not in the vocabulary",
        "T.UNDOC: no JSDoc summary",
        "T.UNDOC: has 0 @column tags, expected 1",
        "P: @header key `night` is not a FITS keyword",
        "P: @header night has type `integer`, expected int, float, str or bool",
        "P.header: no JSDoc summary",
        "P.FLUX: has 0 @hdu tags, expected 1",
        "P.IVAR: an image HDU needs one @dims",
        "P.IVAR: a `f64` image must be `Image<Float64Array>`, found `Image<Float32Array>`",
      ]),
    );
  });
});
