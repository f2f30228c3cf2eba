/**
 * validateProduct finds each kind of problem a kernel's output can have and says where it is,
 * one sentence per problem, without throwing; encodeProduct refuses such a value.
 */
import { describe, expect, test } from "vitest";
import type { ProductTypeInfo } from "../../../src/kernels/index.js";
import { CodecError, encodeProduct, validateProduct } from "../../../src/runtime/codecs/index.js";
import { productType } from "./productTypes.js";
import { SYNTHETIC_LOC, column, synthetic } from "./syntheticTypes.js";
import { desiFrame, desiRedrock, exampleExposures, exampleSummary } from "./values.js";

type Value = Record<string, unknown>;
type Table = Record<string, unknown>;

/** The problems of `t`'s valid `value` after `change` edits a deep copy of its members' containers. */
function problemsAfter(t: ProductTypeInfo, value: Value, change: (v: Value) => void): string[] {
  const copy: Value = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, v !== null && typeof v === "object" && !ArrayBuffer.isView(v) && !Array.isArray(v) ? { ...v } : v]),
  );
  change(copy);
  return validateProduct(t, copy);
}

const table = (v: Value, name: string): Table => v[name] as Table;

describe("FITS products", async () => {
  const { t, value } = await desiFrame();
  const redrock = await desiRedrock();

  test("A valid value has no problems.", () => {
    expect(validateProduct(t, value)).toEqual([]);
    expect(validateProduct(redrock.t, redrock.value)).toEqual([]);
  });

  test("A missing image HDU is named with its member.", () => {
    expect(problemsAfter(t, value, (v) => delete v["IVAR"])).toEqual(["HDU `IVAR` is missing: `Frame` declares member `IVAR` as an f32 image [fiber, wave]."]);
  });

  test("A missing table HDU is named with its table type.", () => {
    expect(problemsAfter(t, value, (v) => delete v["FIBERMAP"])).toEqual([
      "HDU `FIBERMAP` is missing: `Frame` declares member `FIBERMAP` as a `FibermapTable` table.",
    ]);
  });

  test("A missing column is named with its HDU and declared dtype.", () => {
    expect(problemsAfter(t, value, (v) => delete table(v, "FIBERMAP")["TARGET_RA"])).toEqual([
      "HDU `FIBERMAP` has no column `TARGET_RA`: `FibermapTable` declares it as f64.",
    ]);
  });

  test("Image data of the wrong class names the class the dtype needs.", () => {
    const problems = problemsAfter(t, value, (v) => (v["FLUX"] = { data: new Float64Array(45), shape: [5, 9] }));
    expect(problems).toEqual(["HDU `FLUX` has data of class Float64Array, but its dtype f32 needs a Float32Array."]);
  });

  test("Columns of the wrong class: i64 needs BigInt64Array, f32 Float32Array, strN string[].", () => {
    const problems = problemsAfter(t, value, (v) => {
      const fm = { ...table(v, "FIBERMAP") };
      fm["TARGETID"] = Float64Array.from([1, 2, 3, 4, 5]);
      fm["EBV"] = new Float64Array(5);
      fm["OBJTYPE"] = Int32Array.from([1, 2, 3, 4, 5]);
      v["FIBERMAP"] = fm;
    });
    expect(problems).toEqual([
      "Column `TARGETID` of HDU `FIBERMAP` is a Float64Array, but its dtype i64 needs a BigInt64Array.",
      "Column `OBJTYPE` of HDU `FIBERMAP` is an Int32Array, but its dtype str3 needs a string[].",
      "Column `EBV` of HDU `FIBERMAP` is a Float64Array, but its dtype f32 needs a Float32Array.",
    ]);
  });

  test("A string longer than strN allows is reported once per column with how many more there are.", () => {
    const problems = problemsAfter(t, value, (v) => (v["FIBERMAP"] = { ...table(v, "FIBERMAP"), OBJTYPE: ["TGT", "TARGET", "SKY", "NONE", "BAD"] }));
    expect(problems).toEqual(["Column `OBJTYPE` of HDU `FIBERMAP`: value 1 has 6 characters ('TARGET'), more than str3 allows (and 1 other value)."]);
  });

  test("Strings FITS cannot keep (non-ASCII, trailing spaces) are reported.", () => {
    const problems = problemsAfter(
      t,
      value,
      (v) => (v["FIBERMAP"] = { ...table(v, "FIBERMAP"), OBJTYPE: ["TGT", "SKY", "Å", "TG ", "BAD"], BRICKNAME: ["a", "b", "c", "d", 5] }),
    );
    expect(problems).toEqual([
      "Column `OBJTYPE` of HDU `FIBERMAP`: value 2 holds characters outside printable ASCII, which FITS strings cannot hold.",
      "Column `OBJTYPE` of HDU `FIBERMAP`: value 3 ends with a space ('TG '), which FITS drops: trim it.",
      "Column `BRICKNAME` of HDU `FIBERMAP`: value 4 is a number, not a string.",
    ]);
  });

  test("An image whose shape has another number of axes than its @dims is reported.", () => {
    const problems = problemsAfter(t, value, (v) => (v["RESOLUTION"] = { data: new Float32Array(45), shape: [5, 9] }));
    expect(problems).toEqual(["HDU `RESOLUTION` has 2 axes (shape [5, 9]), but its @dims [fiber, diag=11, wave] names 3."]);
  });

  test("An image whose fixed axis (diag=11) has another size is reported.", () => {
    const problems = problemsAfter(t, value, (v) => (v["RESOLUTION"] = { data: new Float32Array(5 * 9 * 9), shape: [5, 9, 9] }));
    expect(problems).toEqual(["Axis `diag` (axis 1) of HDU `RESOLUTION` has size 9 (shape [5, 9, 9]), but @dims fixes it at 11."]);
  });

  test("An image whose data length is not the product of its shape is reported.", () => {
    const problems = problemsAfter(t, value, (v) => (v["FLUX"] = { data: new Float32Array(44), shape: [5, 9] }));
    expect(problems).toEqual(["HDU `FLUX` has the shape [5, 9], which holds 45 values, but its data has 44."]);
  });

  test("A named axis with another size in another HDU is reported with both HDUs (fiber in FLUX and IVAR).", () => {
    const problems = problemsAfter(t, value, (v) => (v["IVAR"] = { data: new Float32Array(36), shape: [4, 9] }));
    expect(problems).toEqual(["HDU `IVAR` gives axis `fiber` the size 4, but HDU `FLUX` gives it 5: every HDU of a product must agree on a named axis."]);
  });

  test("Columns of one table with different row counts are reported.", () => {
    const problems = problemsAfter(t, value, (v) => (v["FIBERMAP"] = { ...table(v, "FIBERMAP"), FIBER: Int32Array.from([0, 1, 2]) }));
    expect(problems).toEqual(["Column `FIBER` of HDU `FIBERMAP` has 3 rows, but column `TARGETID` has 5: every column of a table has one value per row."]);
  });

  test("An array column must hold rows × its cell size values (COEFF f32[coeff=10]).", () => {
    const coeff = (n: number) => problemsAfter(redrock.t, redrock.value, (v) => (v["REDSHIFTS"] = { ...table(v, "REDSHIFTS"), COEFF: new Float32Array(n) }));
    expect(coeff(59)).toEqual([
      "Column `COEFF` of HDU `REDSHIFTS` has 59 values, which is not a whole number of rows of 10[coeff=10]: an array column holds rows × 10 values.",
    ]);
    expect(coeff(50)).toEqual(["Column `COEFF` of HDU `REDSHIFTS` has 5 rows, but column `TARGETID` has 6: every column of a table has one value per row."]);
  });

  test("A missing required header keyword is named with its type and doc.", () => {
    const problems = problemsAfter(t, value, (v) => delete (v["header"] as Value)["NIGHT"]);
    expect(problems).toEqual(["Header keyword `NIGHT` (int: night of the exposure, YYYYMMDD) is missing from `header`."]);
  });

  test("Header keywords of the wrong type say what to give instead.", () => {
    const problems = problemsAfter(t, value, (v) => Object.assign(v["header"] as Value, { NIGHT: "20210101", EXPID: 1.5, EXPTIME: 900n, CAMERA: 3 }));
    expect(problems).toEqual([
      "Header keyword `NIGHT` is the string '20210101', but `Frame` declares it int: give an integer (a number, or a bigint beyond 2^53).",
      "Header keyword `EXPID` is the number 1.5, but `Frame` declares it int: give an integer (a number, or a bigint beyond 2^53).",
      "Header keyword `CAMERA` is the number 3, but `Frame` declares it str: give a string.",
      "Header keyword `EXPTIME` is the bigint 900, but `Frame` declares it float: give a number.",
    ]);
    const bool = problemsAfter(redrock.t, redrock.value, (v) => Object.assign(v["header"] as Value, { HPXNEST: 1 }));
    expect(bool).toEqual(["Header keyword `HPXNEST` is the number 1, but `Redrock` declares it bool: give a boolean."]);
  });

  test("Header keywords FITS cannot write or that the codec writes itself are reported.", () => {
    const problems = problemsAfter(t, value, (v) =>
      Object.assign(v["header"] as Value, { night2: 1, "A=B": 2, NAXIS1: 3, BUNIT: "adu", NOTE: "café", PAD: "x ", BAD: Number.NaN, OBJ: {} }),
    );
    expect(problems).toEqual([
      "Header keyword `night2` is not upper case: FITS keywords are, so write `NIGHT2`.",
      "Header keyword `A=B` cannot be written to FITS: use 1 to 8 of A–Z, 0–9, `_` and `-` (longer keys may use printable characters except `=`).",
      "Header keyword `NAXIS1` is written by the FITS codec itself: rename it.",
      "Header keyword `BUNIT` is written by the FITS codec itself: rename it.",
      "Header keyword `NOTE` holds characters outside printable ASCII, which a FITS header cannot hold.",
      "Header keyword `PAD` ends with a space, which FITS drops: trim it.",
      "Header keyword `BAD` is NaN, which a FITS header cannot hold.",
      "Header keyword `OBJ` is an object; a value must be a string, number, boolean or bigint.",
    ]);
  });

  test("A value without a header lists the required keywords.", () => {
    expect(problemsAfter(t, value, (v) => delete v["header"])).toEqual([
      "The value has no `header`, but `Frame` requires the keywords `NIGHT`, `EXPID`, `TILEID`, `CAMERA`, `SPECGRPH`, `EXPTIME`, `AIRMASS`, `SEEING`, `PROGRAM`, `FLAVOR`, `OBSTYPE`, `MJD-OBS`, `DATE-OBS`, `SURVEY`, `FAPRGRM`, `TILERA`, `TILEDEC`.",
    ]);
  });

  test("Undeclared members and columns are reported, since they would not be written.", () => {
    const problems = problemsAfter(t, value, (v) => {
      v["SKY"] = { data: new Float32Array(1), shape: [1] };
      v["FIBERMAP"] = { ...table(v, "FIBERMAP"), EXTRA: new Float32Array(5) };
    });
    expect(problems).toEqual([
      "The value has a member `SKY` that `Frame` does not declare as an HDU, so it would not be written; remove it or declare it with `@hdu`.",
      "HDU `FIBERMAP` has a member `EXTRA` that `FibermapTable` does not declare, so it would not be written; remove it or declare it with `@column`.",
    ]);
  });

  test("Every problem is reported at once, and nothing throws for values of the wrong shape.", () => {
    const problems = problemsAfter(t, value, (v) => {
      v["header"] = 5;
      v["FLUX"] = "pixels";
      v["IVAR"] = { data: [1, 2], shape: "5x9" };
      v["FIBERMAP"] = [];
      delete v["MASK"];
    });
    expect(problems).toEqual([
      "`header` must be an object mapping keywords to values, not the number 5.",
      "HDU `FLUX` must be an image `{ data, shape }`, not a string.",
      "HDU `IVAR` has data of class number[], but its dtype f32 needs a Float32Array.",
      "HDU `IVAR` has the shape '5x9', which is not a list of sizes (non-negative integers).",
      "HDU `MASK` is missing: `Frame` declares member `MASK` as an i32 image [fiber, wave].",
      "HDU `FIBERMAP` must be a table (an object of columns), not an empty array.",
    ]);
    expect(validateProduct(t, null)).toEqual(["A `Frame` value must be an object of its members, not null."]);
    expect(validateProduct(t, [1])).toEqual(["A `Frame` value must be an object of its members, not a number[]."]);
  });

  test("encodeProduct refuses an invalid value with a CodecError listing every problem, before any byte.", () => {
    const bad = { ...value, IVAR: undefined, header: { ...(value["header"] as Value), NIGHT: "x" } };
    let error: unknown;
    try {
      encodeProduct(t, bad, { path: "out/frame.fits" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodecError);
    expect((error as CodecError).problems).toHaveLength(2);
    expect((error as CodecError).message).toMatch(/^out\/frame\.fits: 2 problems:\n {2}- Header keyword `NIGHT`/);
  });
});

describe("array columns with named axes", () => {
  const LOC = SYNTHETIC_LOC;
  const t: ProductTypeInfo = {
    ...synthetic("fits"),
    hdus: [
      { name: "FLUX", member: "FLUX", kind: "image", dtype: "f32", dims: [{ name: "spectrum" }, { name: "wave" }], doc: "", loc: LOC },
      {
        name: "T",
        member: "T",
        kind: "table",
        tableType: "T",
        columns: [column("ID", "i32"), column("MODEL", "f32", [{ name: "wave" }]), column("EXTRA", "f32", [{ name: "k" }])],
        doc: "",
        loc: LOC,
      },
    ],
  };

  test("An unsized cell axis takes its size from an image, and another is learnt from the rows.", () => {
    const value = {
      header: {},
      FLUX: { data: new Float32Array(6), shape: [2, 3] },
      T: { ID: Int32Array.from([1, 2]), MODEL: new Float32Array(6), EXTRA: new Float32Array(8) },
    };
    expect(validateProduct(t, value)).toEqual([]);
    const empty = { ID: new Int32Array(0), MODEL: new Float32Array(0), EXTRA: new Float32Array(0) };
    expect(validateProduct(t, { ...value, T: empty })).toEqual([]);
    expect(validateProduct(t, { ...value, T: { ...value.T, EXTRA: new Float32Array(7) } })).toEqual([
      "Column `EXTRA` of HDU `T` has 7 values, which is not 2 rows (as column `ID` has) of whole cells.",
    ]);
    expect(validateProduct(t, { ...value, T: { ...value.T, MODEL: new Float32Array(8) } })).toEqual([
      "Column `MODEL` of HDU `T` has 8 values, which is not a whole number of rows of 3[wave]: an array column holds rows × 3 values.",
    ]);
  });
});

describe("ECSV products", async () => {
  const t = await productType("ExampleExposures");
  const value: Value = { ...exampleExposures() };

  test("A valid table has no problems.", () => {
    expect(validateProduct(t, value)).toEqual([]);
  });

  test("A missing @meta key is named with its type and doc.", () => {
    const problems = problemsAfter(t, value, (v) => delete (v["meta"] as Value)["SIMSEED"]);
    expect(problems).toEqual(["Meta key `SIMSEED` (int: seed of the simulated truth: target positions and fiber throughputs) is missing from `meta`."]);
    expect(problemsAfter(t, value, (v) => delete v["meta"])).toEqual([
      "The value has no `meta`, but `ExampleExposures` requires the meta keys `SIMSEED`, `NFIBER`, `RADIUS`.",
    ]);
  });

  test("A meta key of the wrong type is reported.", () => {
    expect(problemsAfter(t, value, (v) => Object.assign(v["meta"] as Value, { RADIUS: "wide" }))).toEqual([
      "Meta key `RADIUS` is the string 'wide', but `ExampleExposures` declares it float: give a number.",
    ]);
  });

  test("Columns: missing, of another class, of another length, with strings ECSV would change.", () => {
    const problems = problemsAfter(t, value, (v) => {
      const n = (v["EXPID"] as Int32Array).length;
      delete v["RA"];
      v["NIGHT"] = new Float64Array(n);
      v["TILEID"] = new Int32Array(n + 1);
      v["FLAVOR"] = Array.from({ length: n }, (_, i) => (i === 0 ? " flat" : i === 1 ? "two\nlines" : "science"));
    });
    expect(problems).toEqual([
      "Column `NIGHT` is a Float64Array, but its dtype i32 needs an Int32Array.",
      "Column `FLAVOR`: value 0 has spaces around it (' flat'), which ECSV drops: trim it.",
      "Column `FLAVOR`: value 1 holds a line break, which ECSV cannot hold.",
      "The value has no column `RA`: `ExampleExposures` declares it as f64.",
      "Column `TILEID` has 7 rows, but column `EXPID` has 6: every column of a table has one value per row.",
    ]);
  });
});

describe("JSON products", async () => {
  const t = await productType("ExampleSummary");
  const value: Value = { ...exampleSummary() };

  test("A valid summary has no problems.", () => {
    expect(validateProduct(t, value)).toEqual([]);
  });

  test("Missing, mistyped, undeclared and unwritable fields are reported.", () => {
    const problems = problemsAfter(t, value, (v) => {
      delete v["pixels"];
      v["nside"] = "64";
      v["npixel"] = Number.NaN;
      v["comment"] = "hello";
    });
    expect(problems).toEqual([
      "The value has a field `comment` that `ExampleSummary` does not declare, so it would not be written; remove it or declare it.",
      "Field `nside` is a string, but `ExampleSummary` declares it `number`.",
      "Field `npixel` holds NaN at `npixel`, which JSON cannot hold: use null.",
      "Field `pixels` (readonly ExamplePixelSummary[]) is missing.",
    ]);
    const nested = problemsAfter(t, value, (v) => (v["pixels"] = [{ pixel: 1, medianSnr: { b: Number.POSITIVE_INFINITY } }]));
    expect(nested).toEqual(["Field `pixels` holds Infinity at `pixels[0].medianSnr.b`, which JSON cannot hold: use null."]);
    const map = problemsAfter(t, value, (v) => (v["pixels"] = [new Map()]));
    expect(map).toEqual(["Field `pixels` holds a Map at `pixels[0]`, which JSON cannot hold."]);
  });

  test("A 64-bit field declared bigint must not be a JS number.", () => {
    const ids: ProductTypeInfo = {
      ...synthetic("json"),
      fields: [
        { name: "targetid", tsType: "bigint" },
        { name: "ids", tsType: "readonly bigint[]" },
      ],
    };
    expect(validateProduct(ids, { targetid: 2 ** 58, ids: [1n, 2] })).toEqual([
      "Field `targetid` is a number, but `Synthetic` declares it `bigint`: 64-bit integers are bigint, never a JS number.",
      "Field `ids` is an array whose element 1 is a number, but `Synthetic` declares it `readonly bigint[]`: 64-bit integers are bigint, never a JS number.",
    ]);
  });
});
