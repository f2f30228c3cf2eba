/**
 * Encode → decode gives back exactly the value a kernel returned, in the layout of
 * docs/datamodel.md (typed-array classes, numpy-order shapes, 64-bit IDs as bigint), and the
 * same value always encodes to the same bytes.
 */
import { describe, expect, test } from "vitest";
import type { ProductTypeInfo } from "../../../src/kernels/index.js";
import { decodeProduct, encodeProduct, encodeProductBytes, validateProduct } from "../../../src/runtime/codecs/index.js";
import { firstDifference, safeIntegers } from "./firstDifference.js";
import { productType } from "./productTypes.js";
import { sampleValue } from "./sampleValue.js";
import { SYNTHETIC_LOC, allDtypesEcsv, allDtypesFits, column, synthetic } from "./syntheticTypes.js";
import { desiFrame, desiRedrock, exampleExposures, exampleFrame, exampleSummary } from "./values.js";

/** What decoding gives back for `value`: the same, with header and meta integers as safe numbers. */
function expectedBack(t: ProductTypeInfo, value: Record<string, unknown>): Record<string, unknown> {
  const key = t.format === "fits" ? "header" : t.format === "ecsv" ? "meta" : undefined;
  if (key === undefined) return value;
  return { ...value, [key]: safeIntegers((value[key] ?? {}) as Record<string, unknown>) };
}

async function cases(): Promise<{ name: string; t: ProductTypeInfo; value: Record<string, unknown> }[]> {
  const frame = await desiFrame();
  const redrock = await desiRedrock();
  const exposures = await productType("ExampleExposures");
  return [
    { name: "ExampleFrame (from example.simulate)", t: await productType("ExampleFrame"), value: { ...(await exampleFrame()) } },
    { name: "ExampleExposures (from example.schedule)", t: await productType("ExampleExposures"), value: { ...exampleExposures() } },
    { name: "ExampleExposures (seeded sample: empty and full strings, integer extremes)", t: exposures, value: sampleValue(exposures, { rows: 9, seed: 4 }) },
    { name: "ExampleSummary", t: await productType("ExampleSummary"), value: { ...exampleSummary() } },
    { name: "DESI Frame", t: frame.t, value: frame.value },
    { name: "DESI Redrock", t: redrock.t, value: redrock.value },
  ];
}

describe("round trip", async () => {
  for (const { name, t, value } of await cases()) {
    test(`${name} decodes to exactly the value that was encoded.`, () => {
      expect(validateProduct(t, value)).toEqual([]);
      const back = decodeProduct(t, encodeProductBytes(t, value));
      expect(firstDifference(back, expectedBack(t, value))).toBeUndefined();
    });

    test(`${name} encodes to identical bytes twice, and again after a round trip.`, () => {
      const once = encodeProductBytes(t, value);
      const twice = encodeProductBytes(t, value);
      expect(Buffer.compare(once, twice)).toBe(0);
      const again = encodeProductBytes(t, decodeProduct(t, once));
      expect(Buffer.compare(once, again)).toBe(0);
    });
  }
});

describe("layout of decoded values", () => {
  test("Images come back as Image<T> of the declared class with numpy-order shapes.", async () => {
    const { t, value } = await desiFrame();
    const back = decodeProduct<Record<string, { data: unknown; shape: number[] }>>(t, encodeProductBytes(t, value));
    expect(back["FLUX"]?.data).toBeInstanceOf(Float32Array);
    expect(back["MASK"]?.data).toBeInstanceOf(Int32Array);
    expect(back["WAVELENGTH"]?.data).toBeInstanceOf(Float64Array);
    expect(back["FLUX"]?.shape).toEqual([5, 9]);
    expect(back["RESOLUTION"]?.shape).toEqual([5, 11, 9]);
  });

  test("TARGETIDs at and above 2^58 and bit masks with bit 62 survive exactly, as BigInt64Array.", async () => {
    const { t, value } = await desiRedrock();
    const ids = BigInt64Array.from([1n << 58n, (1n << 58n) + 1n, (1n << 62n) | (1n << 58n) | 123456789n, 2n ** 63n - 1n, -1n, -(2n ** 63n)]);
    const redshifts = { ...(value["REDSHIFTS"] as Record<string, unknown>), TARGETID: ids };
    const v = { ...value, REDSHIFTS: redshifts };
    const back = decodeProduct<{ REDSHIFTS: { TARGETID: BigInt64Array } }>(t, encodeProductBytes(t, v));
    expect(back.REDSHIFTS.TARGETID).toBeInstanceOf(BigInt64Array);
    expect([...back.REDSHIFTS.TARGETID]).toEqual([...ids]);
  });

  test("Header integers come back as numbers when they fit 2^53 and as bigints beyond; floats stay floats.", async () => {
    const { t, value } = await desiFrame();
    const header = {
      ...(value["header"] as Record<string, unknown>),
      NIGHT: 20201214n,
      BIGKEY: 2n ** 60n + 1n,
      RATIO: 2,
      HALF: 0.5,
      OK: true,
      NOTE: "it's fine",
    };
    const back = decodeProduct<{ header: Record<string, unknown> }>(t, encodeProductBytes(t, { ...value, header }));
    expect(back.header["NIGHT"]).toBe(20201214);
    expect(back.header["BIGKEY"]).toBe(2n ** 60n + 1n);
    expect(back.header["EXPTIME"]).toBe(900);
    expect(back.header["RATIO"]).toBe(2);
    expect(back.header["HALF"]).toBe(0.5);
    expect(back.header["OK"]).toBe(true);
    expect(back.header["NOTE"]).toBe("it's fine");
  });

  test("ECSV meta integers declared `int` are YAML integers even when the kernel gave JS numbers.", async () => {
    const t = await productType("ExampleExposures");
    const value = { ...exampleExposures(), meta: { SIMSEED: 42, NFIBER: 8, RADIUS: 1 } };
    const text = Buffer.from(encodeProductBytes(t, value)).toString("utf8");
    expect(text).toContain("#   SIMSEED: 42\n");
    expect(text).toContain("#   RADIUS: 1.0\n");
    const back = decodeProduct<{ meta: Record<string, unknown> }>(t, encodeProductBytes(t, value));
    expect(back.meta).toEqual({ SIMSEED: 42, NFIBER: 8, RADIUS: 1 });
  });

  test("Every dtype round-trips through FITS (images and columns) and ECSV; bool is a 0/1 Uint8Array in memory and a logical on disk.", () => {
    const fits = allDtypesFits();
    expect(firstDifference(decodeProduct(fits.t, encodeProductBytes(fits.t, fits.value)), fits.value)).toBeUndefined();
    const ecsv = allDtypesEcsv();
    expect(Buffer.from(encodeProductBytes(ecsv.t, ecsv.value)).toString()).toMatch(/\nFalse .*\nTrue .*\nFalse /);
    expect(firstDifference(decodeProduct(ecsv.t, encodeProductBytes(ecsv.t, ecsv.value)), ecsv.value)).toBeUndefined();
  });

  test("Empty tables and zero-row string columns are written and read back.", async () => {
    const { t, value } = await desiRedrock();
    const empty = (table: string) =>
      Object.fromEntries(
        Object.entries(value[table] as Record<string, ArrayLike<unknown> & { slice(a: number, b: number): unknown }>).map(([k, v]) => [k, v.slice(0, 0)]),
      );
    const v = { ...value, REDSHIFTS: empty("REDSHIFTS"), FIBERMAP: empty("FIBERMAP"), EXP_FIBERMAP: empty("EXP_FIBERMAP"), TSNR2: empty("TSNR2") };
    expect(firstDifference(decodeProduct(t, encodeProductBytes(t, v)), expectedBack(t, v))).toBeUndefined();
  });

  test("JSON keeps the declared field order, writes bigints as decimal strings and restores them from the field type.", () => {
    const t: ProductTypeInfo = {
      ...synthetic("json"),
      fields: [
        { name: "ntarget", tsType: "number" },
        { name: "first", tsType: "bigint" },
        { name: "ids", tsType: "readonly bigint[]" },
        { name: "flux", tsType: "Float32Array" },
        { name: "masks", tsType: "BigInt64Array" },
        { name: "extra", tsType: "{ readonly b: number; readonly a: string } | null" },
      ],
    };
    const value = {
      extra: { b: 1, a: "x" },
      masks: BigInt64Array.from([1n << 62n]),
      flux: Float32Array.from([0.5, -2]),
      ids: [1n << 58n, 7n],
      first: 2n ** 60n,
      ntarget: 3,
    };
    const text = Buffer.from(encodeProductBytes(t, value)).toString("utf8");
    expect(text).toBe(
      [
        "{",
        '  "ntarget": 3,',
        '  "first": "1152921504606846976",',
        '  "ids": ["288230376151711744", "7"],',
        '  "flux": [0.5, -2],',
        '  "masks": ["4611686018427387904"],',
        '  "extra": {',
        '    "a": "x",',
        '    "b": 1',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    expect(firstDifference(decodeProduct(t, encodeProductBytes(t, value)), value)).toBeUndefined();
  });

  test("Encoding streams: a FITS product comes as several chunks whose total is the file.", async () => {
    const { t, value } = await desiFrame();
    let total = 0;
    let count = 0;
    for (const chunk of encodeProduct(t, value)) {
      total += chunk.byteLength;
      count++;
    }
    expect(count).toBeGreaterThan(t.hdus.length);
    expect(total).toBe(encodeProductBytes(t, value).byteLength);
    expect(total % 2880).toBe(0);
  });
});

describe("array columns with named axes, written and read", () => {
  test("Cells sized by an image axis and by the rows are written with their shape and read back.", () => {
    const t: ProductTypeInfo = {
      ...synthetic("fits"),
      hdus: [
        { name: "FLUX", member: "FLUX", kind: "image", dtype: "f32", dims: [{ name: "spectrum" }, { name: "wave" }], doc: "", loc: SYNTHETIC_LOC },
        {
          name: "T",
          member: "T",
          kind: "table",
          tableType: "T",
          columns: [column("ID", "i32"), column("MODEL", "f64", [{ name: "wave" }, { name: "two", size: 2 }]), column("EXTRA", "i16", [{ name: "k" }])],
          doc: "",
          loc: SYNTHETIC_LOC,
        },
      ],
    };
    const value = {
      header: {},
      FLUX: { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3] },
      T: { ID: Int32Array.from([1, 2]), MODEL: Float64Array.from({ length: 12 }, (_, i) => i / 4), EXTRA: Int16Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
    };
    const back = decodeProduct(t, encodeProductBytes(t, value));
    expect(firstDifference(back, value)).toBeUndefined();
  });
});
