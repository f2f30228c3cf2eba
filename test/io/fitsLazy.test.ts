/**
 * The lazy API reads a row range or a few columns of a table, and a row range of an image,
 * at their file offsets: values equal the slice of the whole, and bytes outside the range
 * are never decoded.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FitsHdu, TableHdu } from "../../stdlib/io/fits/index.js";
import { FitsError, encodeFits, openFits, readFits, writeFits } from "../../stdlib/io/fits/index.js";
import { fibermapColumns, makeRng, mockTargetId } from "./desiProducts.js";

const dir = mkdtempSync(join(tmpdir(), "dflow-fits-lazy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NROWS = 2000;
const NSPEC = 50;
const NWAVE = 301;

function hdus(): FitsHdu[] {
  const rng = makeRng(7);
  const flux = Float32Array.from({ length: NSPEC * NWAVE }, () => rng());
  return [
    { kind: "image", name: "FLUX", header: { cards: [] }, shape: [NSPEC, NWAVE], data: flux },
    {
      kind: "image",
      name: "RESOLUTION",
      header: { cards: [] },
      shape: [NSPEC, 11, NWAVE],
      data: Float32Array.from({ length: NSPEC * 11 * NWAVE }, (_, i) => i),
    },
    { kind: "table", name: "FIBERMAP", header: { cards: [] }, nrows: NROWS, columns: fibermapColumns(NROWS, 8) },
  ];
}

/** Rows `start`…`end` of a column as a reader returns them: FITS drops trailing spaces of strings. */
function sliceColumn(table: TableHdu, name: string, start: number, end: number): unknown {
  const c = table.columns.find((col) => col.name === name)!;
  const per = (c.shape ?? []).reduce((a, b) => a * b, 1);
  const part = c.data.slice(start * per, end * per);
  return Array.isArray(part) ? part.map((v: unknown) => (typeof v === "string" ? v.replace(/ +$/, "") : v)) : part;
}

/** Compares typed arrays by their bytes: vitest's deep equality is slow on millions of elements. */
function sameBytes(a: unknown, b: unknown): boolean {
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

describe("lazy FITS reads", () => {
  const path = join(dir, "frame.fits");
  const original = hdus();
  writeFits(path, original);
  const fibermap = original[2] as TableHdu;

  it("readRows returns the requested rows of the requested columns, in the requested order", () => {
    const f = openFits(path);
    try {
      const part = f.readRows("FIBERMAP", 1234, 1789, ["OBJTYPE", "TARGETID", "flux_g", "DESI_TARGET"]);
      expect(part.nrows).toBe(555);
      expect(part.columns.map((c) => c.name)).toEqual(["OBJTYPE", "TARGETID", "FLUX_G", "DESI_TARGET"]);
      for (const c of part.columns) expect(c.data, c.name).toEqual(sliceColumn(fibermap, c.name, 1234, 1789));
      expect((part.columns[1]!.data as BigInt64Array)[0]).toBe(mockTargetId(9010, 12345 + 1234, 1234 * 7 + 1));
      // A descriptor from `hdus` names its HDU as well as an index or EXTNAME does.
      const info = f.hdus.find((h) => h.kind === "table")!;
      expect(f.readRows(info, 0, 2, ["FIBER"]).columns[0]!.data).toEqual(Int32Array.from([0, 1]));
    } finally {
      f.close();
    }
  });

  it("readImageRows returns rows along numpy axis 0", () => {
    const f = openFits(path);
    try {
      const rows = f.readImageRows("RESOLUTION", 10, 13);
      expect(rows.shape).toEqual([3, 11, NWAVE]);
      expect(rows.data).toEqual((original[1]!.kind === "image" ? original[1]!.data! : new Float32Array()).slice(10 * 11 * NWAVE, 13 * 11 * NWAVE));
    } finally {
      f.close();
    }
  });

  it("never decodes bytes outside the requested range", () => {
    // Overwrite every table row but 100–199 and every image row but 20–29 with 0xFF.
    const bytes = readFileSync(path);
    const f = openFits(bytes);
    const table = f.hdu("FIBERMAP");
    const image = f.hdu("FLUX");
    f.close();
    if (table.kind !== "table" || image.kind !== "image") throw new Error("unexpected HDU kinds");
    bytes.fill(0xff, table.dataStart, table.dataStart + 100 * table.rowBytes);
    bytes.fill(0xff, table.dataStart + 200 * table.rowBytes, table.dataStart + table.dataBytes);
    const rowBytes = NWAVE * 4;
    bytes.fill(0xff, image.dataStart, image.dataStart + 20 * rowBytes);
    bytes.fill(0xff, image.dataStart + 30 * rowBytes, image.dataStart + image.dataBytes);
    const corrupted = join(dir, "corrupted.fits");
    writeFileSync(corrupted, bytes);
    expect(() => readFits(corrupted, { checksum: "verify" })).toThrow(FitsError);
    const g = openFits(corrupted);
    try {
      const part = g.readRows("FIBERMAP", 100, 200);
      for (const c of part.columns) expect(c.data, c.name).toEqual(sliceColumn(fibermap, c.name, 100, 200));
      const flux = original[0]!.kind === "image" ? original[0]!.data! : new Float32Array();
      expect(g.readImageRows("FLUX", 20, 30).data).toEqual(flux.slice(20 * NWAVE, 30 * NWAVE));
    } finally {
      g.close();
    }
  });

  it("reads a table larger than one read chunk, from a path and from bytes alike", () => {
    const n = 200_000;
    const rng = makeRng(3);
    const big: FitsHdu[] = [
      {
        kind: "table",
        name: "BIG",
        header: { cards: [] },
        nrows: n,
        columns: [
          { name: "TARGETID", data: BigInt64Array.from({ length: n }, (_, i) => mockTargetId(9010, i >> 10, i)) },
          { name: "COEFF", data: Float64Array.from({ length: n * 10 }, () => rng()), shape: [10] },
          { name: "Z", data: Float32Array.from({ length: n }, () => rng()) },
        ],
      },
    ];
    const bigPath = join(dir, "big.fits");
    writeFits(bigPath, big);
    const table = big[0] as TableHdu;
    const fromPath = openFits(bigPath);
    const fromBytes = openFits(encodeFits(big), { label: "big-in-memory" });
    try {
      for (const f of [fromPath, fromBytes]) {
        const all = f.readRows("BIG");
        all.columns.forEach((c, k) => expect(sameBytes(c.data, table.columns[k]!.data), c.name).toBe(true));
        expect(f.readRows("BIG", 150_000, 150_010, ["Z"]).columns[0]!.data).toEqual((table.columns[2]!.data as Float32Array).slice(150_000, 150_010));
      }
      expect(fromBytes.path).toBe("big-in-memory");
    } finally {
      fromPath.close();
      fromBytes.close();
    }
  });

  it("round-trips a table read with readRows into a new file", () => {
    const f = openFits(path);
    const part = f.readRows("FIBERMAP", 5, 25);
    f.close();
    const copy = join(dir, "copy.fits");
    writeFits(copy, [part]);
    const back = readFits(copy, { checksum: "require" });
    expect(back).toHaveLength(2);
    const table = back[1] as TableHdu;
    expect(table.name).toBe("FIBERMAP");
    for (const c of table.columns) expect(c.data, c.name).toEqual(sliceColumn(fibermap, c.name, 5, 25));
    expect(table.columns.map((c) => c.unit)).toEqual(fibermap.columns.map((c) => c.unit));
  });
});

describe("headers read by seeking", () => {
  const path = join(dir, "headers.fits");
  writeFits(path, hdus());
  const headerBytes = (h: { headerStart: number; dataStart: number }) => h.dataStart - h.headerStart;

  it("opening reads every header to its END block and no data byte", () => {
    const f = openFits(path);
    try {
      expect(f.hdus.map((h) => h.name)).toEqual(["FLUX", "RESOLUTION", "FIBERMAP"]);
      // The fibermap's header spans several blocks; the images' one each.
      expect(headerBytes(f.hdus[2]!)).toBeGreaterThan(2880);
      expect(f.bytesRead).toBe(f.hdus.reduce((sum, h) => sum + headerBytes(h), 0));
    } finally {
      f.close();
    }
  });

  it("with lazyHeaders, reads the headers up to the HDU asked for, each once, and skips the data between", () => {
    const eager = openFits(path);
    const layout = eager.hdus;
    eager.close();
    const f = openFits(path, { lazyHeaders: true });
    try {
      expect(f.bytesRead).toBe(headerBytes(layout[0]!));
      expect(f.hdu("RESOLUTION").index).toBe(1);
      const through1 = headerBytes(layout[0]!) + headerBytes(layout[1]!);
      expect(f.bytesRead).toBe(through1);
      expect(f.hdu(0).name).toBe("FLUX");
      expect(f.named("resolution ")?.index).toBe(1);
      expect(f.readImageRows("RESOLUTION", 2, 3).shape).toEqual([1, 11, NWAVE]);
      expect(f.bytesRead).toBe(through1 + 11 * NWAVE * 4);
      expect(f.named("SCORES")).toBeUndefined();
      expect(f.bytesRead).toBe(through1 + 11 * NWAVE * 4 + headerBytes(layout[2]!));
      expect(f.hdus).toEqual(layout);
      expect(() => f.hdu("SCORES")).toThrow(/there is no HDU named `SCORES`; the HDUs are 0 FLUX, 1 RESOLUTION, 2 FIBERMAP/);
    } finally {
      f.close();
    }
  });

  it("with lazyHeaders, a truncated last HDU is seen when it is reached, not before", () => {
    const bytes = readFileSync(path);
    const truncated = join(dir, "truncated-fibermap.fits");
    const eager = openFits(bytes);
    const fibermap = eager.hdu("FIBERMAP");
    eager.close();
    writeFileSync(truncated, bytes.subarray(0, fibermap.dataStart + 2880));
    expect(() => openFits(truncated)).toThrow(/HDU 2 \(FIBERMAP\): the file is truncated/);
    const f = openFits(truncated, { lazyHeaders: true });
    try {
      expect(f.readImageRows("FLUX", 0, 1).shape).toEqual([1, NWAVE]);
      expect(() => f.hdu("FIBERMAP")).toThrow(/HDU 2 \(FIBERMAP\): the file is truncated/);
    } finally {
      f.close();
    }
  });
});
