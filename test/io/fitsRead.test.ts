/**
 * Acceptance: files astropy writes (every dtype and TFORM dflow reads, TDIM cells, unsigned
 * through BZERO/TZERO, linear BSCALE/TSCAL scaling, CONTINUE long strings, HISTORY,
 * HIERARCH) read back in dflow with identical values and cards; a variable-length column
 * is refused with a clear error.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FitsError, findHdu, headerBigInt, openFits, readFits } from "../../stdlib/io/fits/index.js";
import type { FileSummary } from "./fitsSummary.js";
import { normalizePythonCards, pythonData, runFitsTool, summarizeCards, summarizeData } from "./fitsSummary.js";

describe("FITS files written by astropy", () => {
  const dir = mkdtempSync(join(tmpdir(), "dflow-fits-read-"));
  let astropy: Record<string, FileSummary>;

  beforeAll(() => {
    astropy = runFitsTool<Record<string, FileSummary>>("write-fixtures", { dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(["images.fits", "table.fits"])("%s reads in dflow with the values, dtypes, shapes and cards astropy sees", (name) => {
    const hdus = readFits(join(dir, name), { checksum: "require" });
    const theirs = astropy[name]!.hdus;
    expect(hdus.length).toBe(theirs.length);
    hdus.forEach((hdu, i) => {
      expect(hdu.name ?? null, `HDU ${i}`).toBe(theirs[i]!.name);
      expect(summarizeData(hdu), `HDU ${i} ${hdu.name}`).toEqual(pythonData(theirs[i]!));
      expect(summarizeCards(hdu.header), `HDU ${i} ${hdu.name}`).toEqual(normalizePythonCards(theirs[i]!.cards));
    });
  });

  it.each(["images.fits", "table.fits"])("%s reads the same from a Node Buffer of its bytes as from its path, leaving the bytes unchanged", (name) => {
    // readFileSync's Buffer: its slice() is a view, not a copy, which a reader must not rely on.
    const bytes = readFileSync(join(dir, name));
    const before = Buffer.from(bytes);
    expect(readFits(bytes).map(summarizeData)).toEqual(readFits(join(dir, name)).map(summarizeData));
    expect(bytes.equals(before)).toBe(true);
  });

  it("keeps TARGETIDs above 2^58 and masks with bits 58–62 exactly", () => {
    const ids = findHdu(readFits(join(dir, "images.fits")), "IDS");
    if (ids.kind !== "image") throw new Error("IDS is not an image");
    expect(ids.data).toEqual(BigInt64Array.from([(1n << 58n) + 1n, (1n << 58n) + (1n << 42n) * 9010n + 7n, 0x7c00_0000_0000_0000n, -(1n << 63n)]));
    const table = findHdu(readFits(join(dir, "table.fits")), "FIBERMAP");
    if (table.kind !== "table") throw new Error("FIBERMAP is not a table");
    const col = (name: string) => table.columns.find((c) => c.name === name)!.data;
    expect(col("TARGETID")).toEqual(BigInt64Array.from({ length: 7 }, (_, i) => (1n << 58n) + BigInt(i) * (1n << 22n) + 5n));
    expect(col("DESI_TARGET")).toEqual(BigInt64Array.from({ length: 7 }, (_, i) => (1n << BigInt(58 + (i % 5))) | 3n));
    expect(col("U64")).toBeInstanceOf(BigUint64Array);
    expect((col("U64") as BigUint64Array)[2]).toBe((1n << 64n) - 1n);
  });

  it("reads long strings, HISTORY, HIERARCH and typed keywords as astropy does", () => {
    const [primary] = readFits(join(dir, "images.fits"));
    const header = primary!.header;
    expect(headerBigInt(header, "BIGINT")).toBe((1n << 62n) + 3n);
    expect(header.cards.find((c) => c.kind === "value" && c.key === "LONGSTR")).toMatchObject({ value: "a very long string value ".repeat(8).trim() });
    expect(header.cards.filter((c) => c.kind === "commentary" && c.key === "HISTORY").map((c) => (c.kind === "commentary" ? c.text : ""))).toEqual([
      "written by astropy for dflow tests",
      "second history line",
    ]);
    expect(header.cards.find((c) => c.key === "ESO LONG KEYWORD")).toMatchObject({ value: 5n });
    expect(header.cards.find((c) => c.key === "NOVALUE")).toMatchObject({ value: null });
  });

  it("looks HDUs up by EXTNAME and EXTVER", () => {
    const file = openFits(join(dir, "table.fits"));
    try {
      expect(file.hdu("fibermap").index).toBe(1);
      expect(file.hdu({ name: "FIBERMAP", ver: 2 }).index).toBe(1);
      expect(file.hdu("PRIMARY").index).toBe(0);
      expect(() => file.hdu({ name: "FIBERMAP", ver: 1 })).toThrow(/no HDU named `FIBERMAP` with EXTVER 1/);
    } finally {
      file.close();
    }
  });

  it("refuses a variable-length array column, naming the file, HDU and column, but reads the other columns", () => {
    const path = join(dir, "varlen.fits");
    let error: unknown;
    try {
      readFits(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FitsError);
    const e = error as FitsError;
    expect(e.path).toBe(path);
    expect(e.hdu).toBe(1);
    expect(e.hduName).toBe("VL");
    expect(e.message).toContain(path);
    expect(e.message).toContain("HDU 1 (VL)");
    expect(e.message).toMatch(/`VLA` \(TFORM2 = 'PE\(5\)'\) is a variable-length array/);
    const file = openFits(path);
    try {
      expect(file.readRows("VL", 0, 2, ["ID"]).columns[0]!.data).toEqual(Int32Array.from([1, 2]));
    } finally {
      file.close();
    }
  });
});
