/**
 * Bad FITS input gives a FitsError naming the file and the HDU (index and EXTNAME), never
 * a TypeError or a silently wrong value; so does HDU data the writer cannot encode.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FitsHdu, TableHdu } from "../../stdlib/io/fits/index.js";
import { FitsError, card, encodeFits, openFits, readFits } from "../../stdlib/io/fits/index.js";

const dir = mkdtempSync(join(tmpdir(), "dflow-fits-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample(): FitsHdu[] {
  return [
    { kind: "image", name: "FLUX", header: { cards: [card("EXPID", 1n)] }, shape: [4, 1000], data: new Float32Array(4000).fill(1.5) },
    { kind: "image", name: "IVAR", header: { cards: [] }, shape: [4, 1000], data: new Float32Array(4000).fill(2) },
    {
      kind: "table",
      name: "FIBERMAP",
      header: { cards: [] },
      nrows: 3,
      columns: [
        { name: "TARGETID", data: BigInt64Array.from([1n, 2n, 3n]) },
        { name: "FLUX_G", data: Float32Array.from([1, 2, 3]) },
      ],
    },
  ];
}

/** Writes `bytes` to a fresh file and returns its path. */
function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Replaces the card starting with `prefix` in HDU `hdu`'s header with `replacement`. */
function patchCard(bytes: Uint8Array, hdu: number, prefix: string, replacement: string): Uint8Array {
  const out = bytes.slice();
  const text = Buffer.from(out).toString("latin1");
  let seen = -1;
  for (let offset = 0; offset < text.length; offset += 80) {
    const c = text.slice(offset, offset + 80);
    if (c.startsWith("SIMPLE  =") || c.startsWith("XTENSION=")) seen++;
    if (seen === hdu && c.startsWith(prefix)) {
      out.set(Buffer.from(replacement.padEnd(80), "latin1"), offset);
      return out;
    }
  }
  throw new Error(`no card ${prefix} in HDU ${hdu}`);
}

/** Runs `action` and returns the FitsError it throws (failing when it throws anything else). */
function fitsError(action: () => unknown): FitsError {
  try {
    action();
  } catch (error) {
    if (error instanceof FitsError) return error;
    throw new Error(`expected a FitsError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected a FitsError, nothing was thrown");
}

/** Asserts the error names `path` and HDU `hdu` (with `name` when given) in fields and message. */
function expectLocated(error: FitsError, path: string, hdu: number, name?: string): void {
  expect(error.path).toBe(path);
  expect(error.hdu).toBe(hdu);
  expect(error.message).toContain(path);
  expect(error.message).toContain(name !== undefined ? `HDU ${hdu} (${name})` : `HDU ${hdu}`);
  if (name !== undefined) expect(error.hduName).toBe(name);
}

describe("reading bad FITS input", () => {
  const good = encodeFits(sample());

  it("a file that is not FITS is refused at HDU 0", () => {
    const path = file("notes.fits", "SIMPLE is not how this text starts\n".repeat(100));
    const e = fitsError(() => openFits(path));
    expectLocated(e, path, 0);
    expect(e.message).toMatch(/not a FITS file/);
  });

  it("an empty file is refused", () => {
    const path = file("empty.fits", "");
    expect(fitsError(() => readFits(path)).message).toMatch(/empty/);
  });

  it("a file cut inside an HDU's data names that HDU", () => {
    const path = file("cut-data.fits", good.subarray(0, 2880 * 2 + 2880 * 7));
    const e = fitsError(() => openFits(path));
    expectLocated(e, path, 1, "IVAR");
    expect(e.message).toMatch(/truncated/);
  });

  it("a file cut inside a header says the header has no END", () => {
    // The FIBERMAP header is the second-last block; keep only part of it.
    const path = file("cut-header.fits", good.subarray(0, good.byteLength - 2880 - 1000));
    const e = fitsError(() => openFits(path));
    expectLocated(e, path, 2);
    expect(e.message).toMatch(/no END card/);
  });

  it("a header without END is refused", () => {
    const cards = ["SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0"];
    const text = cards
      .map((c) => c.padEnd(80))
      .join("")
      .padEnd(2880 * 2, " ");
    const path = file("no-end.fits", text);
    expect(fitsError(() => openFits(path)).message).toMatch(/HDU 0: the header has no END card/);
  });

  it("a wrong NAXIS is refused naming the HDU", () => {
    const three = file("naxis3.fits", patchCard(good, 1, "NAXIS   =", "NAXIS   =                    3"));
    const e = fitsError(() => openFits(three));
    expectLocated(e, three, 1, undefined);
    expect(e.message).toMatch(/NAXIS3 is missing/);
    const negative = file("naxis-neg.fits", patchCard(good, 0, "NAXIS1  =", "NAXIS1  =                   -5"));
    expect(fitsError(() => openFits(negative)).message).toMatch(/HDU 0: NAXIS1 = -5 is negative/);
    const text = file("naxis-text.fits", patchCard(good, 0, "NAXIS   =", "NAXIS   = 'two'"));
    expect(fitsError(() => openFits(text)).message).toMatch(/NAXIS must be an integer, found 'two'/);
  });

  it("table keywords that do not add up are refused", () => {
    const path = file("naxis1.fits", patchCard(good, 2, "NAXIS1  =", "NAXIS1  =                   13"));
    const e = fitsError(() => openFits(path));
    expectLocated(e, path, 2);
    expect(e.message).toMatch(/NAXIS1 = 13 but the TFORMs of the 2 columns add up to 12 bytes/);
  });

  it("a TFORM that is not a FITS type is refused, naming the column", () => {
    const path = file("tform-z.fits", patchCard(good, 2, "TFORM2  =", "TFORM2  = 'Z       '"));
    const e = fitsError(() => openFits(path));
    expectLocated(e, path, 2);
    expect(e.message).toMatch(/column `FLUX_G` has TFORM2 = 'Z': the type code `Z` is not a FITS binary-table type/);
  });

  it("a TFORM this reader does not decode is refused when its column is read", () => {
    // 1C is complex float32: 8 bytes, like the two 4-byte… columns it replaces here.
    const bytes = patchCard(patchCard(good, 2, "TFORM1  =", "TFORM1  = 'C       '"), 2, "NAXIS1  =", "NAXIS1  =                   12");
    const path = file("tform-c.fits", bytes);
    const f = openFits(path);
    try {
      const e = fitsError(() => f.read("FIBERMAP"));
      expectLocated(e, path, 2, "FIBERMAP");
      expect(e.message).toMatch(/`TARGETID` \(TFORM1 = 'C'\) is complex, which this reader does not support/);
      expect(f.readRows("FIBERMAP", 0, 3, ["FLUX_G"]).columns[0]!.data).toEqual(Float32Array.from([1, 2, 3]));
    } finally {
      f.close();
    }
  });

  it("bytes after the last HDU that do not start an extension are refused", () => {
    const junk = new Uint8Array(good.byteLength + 2880);
    junk.set(good);
    junk.fill(0x41, good.byteLength);
    const path = file("junk.fits", junk);
    const e = fitsError(() => openFits(path));
    expectLocated(e, path, 3);
    expect(e.message).toMatch(/do not start an extension/);
  });

  it("a corrupted data unit fails DATASUM, and a corrupted header fails CHECKSUM, when asked to verify", () => {
    const data = good.slice();
    const ivar = openFits(good).hdu("IVAR");
    data[ivar.dataStart + 2880 + 10]! ^= 0xff;
    const path = file("bad-datasum.fits", data);
    expect(readFits(path)).toHaveLength(3);
    const e = fitsError(() => readFits(path, { checksum: "verify" }));
    expectLocated(e, path, 1, "IVAR");
    expect(e.message).toMatch(/DATASUM = '\d+' does not match the data/);
    const header = patchCard(good, 1, "EXTNAME =", "EXTNAME = 'IVAX'");
    const path2 = file("bad-checksum.fits", header);
    const e2 = fitsError(() => openFits(path2).verifyChecksums());
    expectLocated(e2, path2, 1, "IVAX");
    expect(e2.message).toMatch(/CHECKSUM = '.{16}' does not match/);
  });

  it("asking for an HDU or column that is not there lists what is", () => {
    const path = file("good.fits", good);
    const f = openFits(path);
    try {
      expect(fitsError(() => f.hdu("SCORES")).message).toBe(`${path}: there is no HDU named \`SCORES\`; the HDUs are 0 FLUX, 1 IVAR, 2 FIBERMAP`);
      expect(fitsError(() => f.hdu(7)).message).toMatch(/there is no HDU 7; the file has 3/);
      expect(fitsError(() => f.readRows("FIBERMAP", 0, 3, ["FLUX_Q"])).message).toMatch(
        /HDU 2 \(FIBERMAP\): there is no column `FLUX_Q`; the columns are `TARGETID`, `FLUX_G`/,
      );
      expect(fitsError(() => f.readRows("FLUX")).message).toMatch(/HDU 0 \(FLUX\): the HDU is an image, not a table/);
      expect(fitsError(() => f.readRows("FIBERMAP", 2, 9)).message).toMatch(/the row range 2–9 is outside the table's 3 rows/);
      expect(fitsError(() => f.readImageRows("IVAR", 3, 5)).message).toMatch(/HDU 1 \(IVAR\): the row range 3–5 is outside the image's 4 rows/);
    } finally {
      f.close();
    }
  });
});

describe("writing HDUs that cannot be encoded", () => {
  const table = (columns: TableHdu["columns"], nrows = 2): FitsHdu => ({
    kind: "table",
    name: "T",
    header: { cards: [] },
    nrows,
    columns,
  });
  const image: FitsHdu = { kind: "image", name: "FLUX", header: { cards: [] }, shape: [2, 2], data: new Float32Array(4) };

  it("names the HDU whose data does not fit its shape", () => {
    const e = fitsError(() =>
      encodeFits([image, { kind: "image", name: "IVAR", header: { cards: [] }, shape: [2, 3], data: new Float32Array(5) }], { path: "out.fits" }),
    );
    expect(e.message).toBe("out.fits, HDU 1 (IVAR): the image shape [2, 3] holds 6 elements but its data has 5");
    expect(fitsError(() => encodeFits([image, table([{ name: "X", data: new Float32Array(3) }])])).message).toMatch(
      /HDU 1 \(T\): column `X` has 3 values, but 2 rows × 1 per cell \(shape \[\]\) make 2/,
    );
  });

  it("refuses strings FITS cannot hold, duplicate column names and header values it cannot write", () => {
    expect(fitsError(() => encodeFits([image, table([{ name: "S", data: ["ok", "naïve"] }])])).message).toMatch(
      /column `S` element 1 contains characters outside printable ASCII/,
    );
    expect(
      fitsError(() =>
        encodeFits([
          image,
          table([
            { name: "A", data: new Int16Array(2) },
            { name: "a", data: new Int16Array(2) },
          ]),
        ]),
      ).message,
    ).toMatch(/two columns are named `A` and `a`/);
    expect(fitsError(() => encodeFits([{ ...image, header: { cards: [card("BAD", NaN)] } }])).message).toMatch(
      /HDU 0 \(FLUX\): keyword `BAD` has the value NaN/,
    );
    expect(fitsError(() => encodeFits([{ ...image, header: { cards: [card("N", 1n, "x".repeat(80))] } }])).message).toMatch(
      /the card `N` does not fit in 80 characters/,
    );
    expect(fitsError(() => encodeFits([{ ...image, header: { cards: [card("A=B", 1n)] } }])).message).toMatch(/keyword `A=B` cannot be written/);
    expect(fitsError(() => encodeFits([image, table([{ name: "S", data: ["abcdef", "x"], tform: "4A" }])])).message).toMatch(
      /column `S` holds a string of 6 characters, longer than its TFORM '4A' allows \(4\)/,
    );
  });
});
