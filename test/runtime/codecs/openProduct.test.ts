/**
 * openProduct gives a kernel a lazy handle: the header without data, a few rows of a large
 * table without reading the rest, and the whole product; errors name the file and the HDU.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CodecError, decodeProduct, ioCount, openProduct, resetIoCount, writeProduct } from "../../../src/runtime/codecs/index.js";
import { openFits } from "../../../stdlib/io/fits/index.js";
import { firstDifference, safeIntegers } from "./firstDifference.js";
import { productType } from "./productTypes.js";
import { sampleValue } from "./sampleValue.js";
import { desiFrame, desiRedrock, exampleExposures, exampleSummary } from "./values.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dflow-codecs-open-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Columns = Record<string, { slice(a: number, b: number): unknown }>;

/** `columns` (of `nrows` rows; array columns hold rows × cell values) cut to rows `start`…`end`. */
function slice(columns: Columns, start: number, end: number, names = Object.keys(columns)): Record<string, unknown> {
  const nrows = (Object.values(columns)[0] as unknown as ArrayLike<unknown>).length;
  return Object.fromEntries(
    names.map((n) => {
      const cell = (columns[n] as unknown as ArrayLike<unknown>).length / nrows;
      return [n, columns[n]?.slice(start * cell, end * cell)];
    }),
  );
}

async function rejection(promise: Promise<unknown>): Promise<CodecError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CodecError) return error;
    throw error;
  }
  throw new Error("expected a CodecError");
}

describe("FITS", async () => {
  const { t, value } = await desiRedrock();
  const path = () => join(dir, "redrock.fits");
  beforeAll(() => writeProduct(t, value, path()));

  test("readRows returns the rows asked for of a table HDU, every declared column in its class.", async () => {
    const reader = openProduct(t, path());
    const rows = await reader.readRows("REDSHIFTS", 2, 5);
    const expected = slice(value["REDSHIFTS"] as Columns, 2, 5);
    expect(firstDifference(rows, expected)).toBeUndefined();
    expect(rows["TARGETID"]).toBeInstanceOf(BigInt64Array);
    expect((rows["COEFF"] as Float32Array).length).toBe(3 * 10);
  });

  test("readRows reads only the columns named, and finds an HDU by member name or any case.", async () => {
    const reader = openProduct(t, path());
    const rows = await reader.readRows("exp_fibermap", 7, 9, ["TARGETID", "NIGHT"]);
    expect(firstDifference(rows, slice(value["EXP_FIBERMAP"] as Columns, 7, 9, ["TARGETID", "NIGHT"]))).toBeUndefined();
  });

  test("A row range past the end is clamped to the table, as a slice is.", async () => {
    const reader = openProduct(t, path());
    const rows = await reader.readRows("TSNR2", 4, 100, ["TARGETID"]);
    expect(firstDifference(rows, slice(value["TSNR2"] as Columns, 4, 6, ["TARGETID"]))).toBeUndefined();
    expect((await reader.readRows("TSNR2", 50, 60, ["TARGETID"]))["TARGETID"]).toEqual(new BigInt64Array(0));
  });

  test("header() reads the primary header without data; read() gives the whole product.", async () => {
    const reader = openProduct(t, path());
    expect(await reader.header()).toEqual(safeIntegers(value["header"] as Record<string, unknown>));
    expect(firstDifference(await reader.read(), { ...value, header: safeIntegers(value["header"] as Record<string, unknown>) })).toBeUndefined();
    expect(reader.path).toBe(path());
  });

  test("Unknown HDUs, columns and row ranges are CodecErrors that name the file and list what there is.", async () => {
    const reader = openProduct(t, path());
    expect((await rejection(reader.readRows("ZBEST", 0, 1))).message).toBe(
      `${path()}: \`Redrock\` has no table HDU \`ZBEST\`; its tables are \`REDSHIFTS\`, \`FIBERMAP\`, \`EXP_FIBERMAP\`, \`TSNR2\`.`,
    );
    expect((await rejection(reader.readRows("REDSHIFTS", 0, 1, ["Z", "ZZ"]))).problems).toEqual([
      "HDU `REDSHIFTS` declares no column `ZZ`; its columns are `TARGETID`, `Z`, `ZERR`, `ZWARN`, `CHI2`, `COEFF`, `FITMETHOD`, `NPIXELS`, `SPECTYPE`, `SUBTYPE`, `NCOEFF`, `DELTACHI2`.",
    ]);
    expect((await rejection(reader.readRows("REDSHIFTS", 3, 1))).problems).toEqual([
      "The row range 3…1 is not a range of row numbers (0 ≤ start ≤ end, integers).",
    ]);
    expect((await rejection(openProduct(t, join(dir, "missing.fits")).header())).message).toMatch(/missing\.fits: cannot open the file/);
  });

  test("Rows of a frame's FIBERMAP come from a file with images before it.", async () => {
    const frame = await desiFrame();
    const framePath = join(dir, "frame.fits");
    writeProduct(frame.t, frame.value, framePath);
    const rows = await openProduct(frame.t, framePath).readRows("FIBERMAP", 1, 3, ["TARGETID", "OBJTYPE"]);
    expect(firstDifference(rows, slice(frame.value["FIBERMAP"] as Columns, 1, 3, ["TARGETID", "OBJTYPE"]))).toBeUndefined();
  });

  test("readImageRows reads rows of an image HDU (all other axes whole), only their bytes; a session opens the file once.", async () => {
    const frame = await desiFrame();
    const framePath = join(dir, "frame-images.fits");
    writeProduct(frame.t, frame.value, framePath);
    const reader = openProduct(frame.t, framePath);
    resetIoCount();
    const res = await reader.readImageRows("RESOLUTION", 1, 3);
    const whole = frame.value["RESOLUTION"] as { data: Float32Array; shape: number[] };
    const per = whole.shape[1]! * whole.shape[2]!;
    expect(res.shape).toEqual([2, ...whole.shape.slice(1)]);
    expect(Array.from(res.data as Float32Array)).toEqual(Array.from(whole.data.slice(per, 3 * per)));
    const one = ioCount();
    expect(one.opens).toBe(1);
    // The headers up to the HDU read (each to its END block, the data between skipped), and of
    // its data only the two rows: no header after it, no byte of another HDU's data.
    const layout = openFits(framePath);
    const hdus = layout.hdus;
    layout.close();
    const headersThrough = (name: string) => {
      const last = hdus.findIndex((h) => h.name === name);
      return hdus.slice(0, last + 1).reduce((sum, h) => sum + h.dataStart - h.headerStart, 0);
    };
    expect(hdus.findIndex((h) => h.name === "RESOLUTION")).toBeLessThan(hdus.length - 1);
    expect(one.bytes).toBe(headersThrough("RESOLUTION") + 2 * per * 4);
    resetIoCount();
    const [flux, mask] = await reader.session(async (f) => [await f.readImageRows("FLUX", 4, 99), await f.readImageRows("MASK", 0, 1)]);
    expect(flux?.shape).toEqual([1, 9]);
    expect(mask?.data).toBeInstanceOf(Int32Array);
    const two = ioCount();
    expect(two.opens).toBe(1);
    // Each header is read once per opening: MASK's lookup does not read FLUX's header again.
    expect(two.bytes).toBe(headersThrough("MASK") + 9 * 4 + 9 * 4);
    expect(two.files.get(framePath)).toEqual({ opens: 1, bytes: two.bytes });
    await expect(reader.readImageRows("FIBERMAP", 0, 1)).rejects.toThrow(/no image HDU `FIBERMAP`/);
  });

  test("A large table's rows are read without reading the whole file.", async () => {
    const nrows = 200_000;
    const big = sampleValue(t, { rows: { REDSHIFTS: nrows, FIBERMAP: 1, EXP_FIBERMAP: 1, TSNR2: 1 } });
    // REDSHIFTS is row-matched to the other tables in DESI, but the codec does not require it.
    const bigPath = join(dir, "big.fits");
    const written = writeProduct(t, big, bigPath);
    expect(written.bytes).toBeGreaterThan(nrows * 100);
    const reader = openProduct(t, bigPath);
    const time = async (action: () => unknown): Promise<number> => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await action();
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const rows = await reader.readRows("REDSHIFTS", nrows - 2, nrows, ["TARGETID"]);
    expect(firstDifference(rows, slice(big["REDSHIFTS"] as Columns, nrows - 2, nrows, ["TARGETID"]))).toBeUndefined();
    const lazy = await time(() => reader.readRows("REDSHIFTS", nrows - 2, nrows, ["TARGETID"]));
    const whole = await time(() => reader.read());
    // Two rows cost a few header blocks and 16 bytes; the whole product is 20 MB to read and convert.
    expect(lazy).toBeLessThan(whole / 10);
  });
});

describe("ECSV and JSON", () => {
  test("An ECSV product is one table: readRows slices it, header() is its meta.", async () => {
    const t = await productType("ExampleExposures");
    const value = { ...exampleExposures() };
    const path = join(dir, "exposures.ecsv");
    writeProduct(t, value, path);
    const reader = openProduct(t, path);
    const rows = await reader.readRows("exposures", 1, 3, ["EXPID", "FLAVOR"]);
    const { meta: _meta, ...columns } = value;
    expect(firstDifference(rows, slice(columns as unknown as Columns, 1, 3, ["EXPID", "FLAVOR"]))).toBeUndefined();
    expect(await reader.header()).toEqual(safeIntegers(value.meta));
  });

  test("A JSON product has no header and no rows; read() gives it back.", async () => {
    const t = await productType("ExampleSummary");
    const path = join(dir, "summary.json");
    writeProduct(t, exampleSummary(), path);
    const reader = openProduct(t, path);
    expect(await reader.header()).toEqual({});
    expect(await reader.read()).toEqual(exampleSummary());
    expect((await rejection(reader.readRows("x", 0, 1))).problems).toEqual([
      "`ExampleSummary` is a JSON product, which has no tables to read rows from: use read().",
    ]);
  });
});

describe("decoding files that are not products of the type", () => {
  test("A file with more HDUs and columns than the type declares reads as the type: a Frame is an ExampleFrame.", async () => {
    const example = await productType("ExampleFrame");
    const frame = await desiFrame();
    const path = join(dir, "frame-as-example.fits");
    writeProduct(frame.t, frame.value, path);
    const back = decodeProduct<Record<string, unknown>>(example, path);
    expect(Object.keys(back)).toEqual(["header", "FLUX", "IVAR", "WAVELENGTH", "FIBERMAP"]);
    expect(Object.keys(back["FIBERMAP"] as object)).toEqual(example.hdus[3]?.columns?.map((c) => c.name));
  });

  test("A file without a declared HDU or column lists each problem.", async () => {
    const example = await productType("ExampleFrame");
    const frame = await productType("Frame");
    const path = join(dir, "example.fits");
    writeProduct(example, sampleValue(example, { dims: { fiber: 3, wave: 4 }, rows: 3 }), path);
    let error: CodecError | undefined;
    try {
      decodeProduct(frame, path);
    } catch (e) {
      error = e as CodecError;
    }
    expect(error).toBeInstanceOf(CodecError);
    expect(error?.problems.slice(0, 3)).toEqual([
      "The file has no HDU `MASK`; its HDUs are 0 FLUX, 1 IVAR, 2 WAVELENGTH, 3 FIBERMAP.",
      "The file has no HDU `RESOLUTION`; its HDUs are 0 FLUX, 1 IVAR, 2 WAVELENGTH, 3 FIBERMAP.",
      "Column `PETAL_LOC` of HDU `FIBERMAP` is not in the file.",
    ]);
  });

  test("An image with another pixel type than declared is reported with its BITPIX.", async () => {
    const example = await productType("ExampleFrame");
    const value = sampleValue(example, { dims: { fiber: 3, wave: 4 }, rows: 3 });
    const wrong = { ...example, hdus: example.hdus.map((h) => (h.name === "IVAR" ? { ...h, dtype: "f64" as const } : h)) };
    const path = join(dir, "ivar-f32.fits");
    writeProduct(example, value, path);
    expect(() => decodeProduct(wrong, path)).toThrow("HDU `IVAR` holds float32 pixels (BITPIX -32), but it is declared f64 (float64).");
  });

  test("A corrupted file fails its checksum, naming the HDU.", async () => {
    const { t, value } = await desiFrame();
    const path = join(dir, "corrupt.fits");
    writeProduct(t, value, path);
    const bytes = readFileSync(path);
    bytes[2880 + 10] = (bytes[2880 + 10] ?? 0) ^ 0xff; // a FLUX pixel: the primary header is one block
    writeFileSync(path, bytes);
    expect(() => decodeProduct(t, path)).toThrow(
      /corrupt\.fits: DATASUM = '\d+' does not match the data, whose sum is \d+: the data is corrupted \(HDU 0 `FLUX`\)/,
    );
  });

  test("An ECSV file with a column of another datatype, and text that is not JSON, are CodecErrors.", async () => {
    const t = await productType("ExampleExposures");
    const path = join(dir, "bad.ecsv");
    writeFileSync(path, "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: EXPID, datatype: int64}\n# schema: astropy-2.0\nEXPID\n1\n");
    expect(() => decodeProduct(t, path)).toThrow(CodecError);
    try {
      decodeProduct(t, path);
    } catch (e) {
      expect((e as CodecError).problems[0]).toBe("Column `EXPID` has the datatype int64 in the file, but it is declared i32 (int32).");
    }
    const json = await productType("ExampleSummary");
    expect(() => decodeProduct(json, new TextEncoder().encode("{ nside: 1 }"))).toThrow(/The file is not valid JSON/);
  });
});
