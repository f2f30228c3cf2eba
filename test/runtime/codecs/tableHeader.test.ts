/**
 * A table HDU's own header keywords (`@header` on the HDU member): written into that HDU's
 * header where astropy finds them, read back into the table's `header`, and checked: a
 * declared keyword missing or of the wrong type is a validation error naming the HDU.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ProductTypeInfo } from "../../../src/kernels/index.js";
import { CodecError, decodeProduct, validateProduct, writeProduct } from "../../../src/runtime/codecs/index.js";
import { findPython, runPython } from "../../helpers/externalTools.js";
import { column, SYNTHETIC_LOC, synthetic } from "./syntheticTypes.js";

const TYPE: ProductTypeInfo = {
  ...synthetic("fits"),
  header: [{ key: "NIGHT", type: "int", doc: "night" }],
  hdus: [
    {
      name: "FIBERMAP",
      member: "FIBERMAP",
      kind: "table",
      tableType: "Fm",
      columns: [column("TARGETID", "i64"), column("FLUX_G", "f32", [], "nanomaggy")],
      header: [
        { key: "TILEID", type: "int", doc: "tile ID" },
        { key: "EXPTIME", type: "float", unit: "s", doc: "exposure time" },
        { key: "SURVEY", type: "str", doc: "survey" },
        { key: "FILENEST", type: "bool", doc: "nested" },
      ],
      doc: "",
      loc: SYNTHETIC_LOC,
    },
  ],
};

function value(header: Record<string, unknown> | undefined): Record<string, unknown> {
  const table: Record<string, unknown> = { TARGETID: new BigInt64Array([2n ** 58n + 1n, 2n ** 58n + 2n]), FLUX_G: new Float32Array([1.5, 2.5]) };
  if (header !== undefined) table["header"] = header;
  return { header: { NIGHT: 20201214 }, FIBERMAP: table };
}

const GOOD = { TILEID: 1000, EXPTIME: 900.5, SURVEY: "main", FILENEST: true, EXTRA: 7 };

const HDU_HEADER = String.raw`
import json, sys
from astropy.io import fits
with fits.open(sys.argv[1]) as hdul:
    h = hdul["FIBERMAP"].header
    print(json.dumps({k: [type(h[k]).__name__, h[k], h.comments[k]] for k in ("EXTNAME", "TILEID", "EXPTIME", "SURVEY", "FILENEST", "EXTRA")}))
`;

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dflow-tablehdr-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("a table HDU's own header", () => {
  test("astropy reads the declared keywords (with their types and comments) from the table HDU", () => {
    const python = findPython(["astropy"], ["python3-astropy"]);
    const path = join(dir, "good.fits");
    writeProduct(TYPE, value(GOOD), path);
    const got = JSON.parse(runPython(python, HDU_HEADER, [path])) as Record<string, [string, unknown, string]>;
    expect(got["EXTNAME"]?.[1]).toBe("FIBERMAP");
    expect(got["TILEID"]?.slice(0, 2)).toEqual(["int", 1000]);
    expect(got["EXPTIME"]?.slice(0, 2)).toEqual(["float", 900.5]);
    expect(got["EXPTIME"]?.[2]).toBe("[s] exposure time");
    expect(got["SURVEY"]?.slice(0, 2)).toEqual(["str", "main"]);
    expect(got["FILENEST"]?.slice(0, 2)).toEqual(["bool", true]);
    expect(got["EXTRA"]?.slice(0, 2)).toEqual(["int", 7]);
  });

  test("decoding gives the keywords back in the table's header, beside its columns", () => {
    const path = join(dir, "round.fits");
    writeProduct(TYPE, value(GOOD), path);
    const back = decodeProduct<{ header: Record<string, unknown>; FIBERMAP: Record<string, unknown> }>(TYPE, path);
    expect(back.FIBERMAP["header"]).toEqual(GOOD);
    expect(back.header).toEqual({ NIGHT: 20201214 });
    expect(Object.keys(back.FIBERMAP).sort()).toEqual(["FLUX_G", "TARGETID", "header"]);
  });

  test("a table HDU without declared keywords is read without a header", () => {
    const bare: ProductTypeInfo = { ...TYPE, hdus: TYPE.hdus.map(({ header: _unused, ...h }) => h) };
    const path = join(dir, "bare.fits");
    writeProduct(bare, value(GOOD), path);
    const back = decodeProduct<{ FIBERMAP: Record<string, unknown> }>(bare, path);
    expect(Object.keys(back.FIBERMAP).sort()).toEqual(["FLUX_G", "TARGETID"]);
  });

  test("a missing keyword, a missing header and a wrong type are validation errors naming the HDU", () => {
    const { TILEID: _t, ...noTile } = GOOD;
    expect(validateProduct(TYPE, value(noTile))).toEqual(["HDU `FIBERMAP`: Header keyword `TILEID` (int: tile ID) is missing from `header`."]);
    expect(validateProduct(TYPE, value({ ...GOOD, EXPTIME: "900" }))).toEqual([
      "HDU `FIBERMAP`: Header keyword `EXPTIME` is the string '900', but `Synthetic.FIBERMAP` declares it float: give a number.",
    ]);
    const none = validateProduct(TYPE, value(undefined));
    expect(none).toHaveLength(1);
    expect(none[0]).toMatch(
      /^HDU `FIBERMAP`: The value has no `header`, but `Synthetic.FIBERMAP` requires the keywords `TILEID`, `EXPTIME`, `SURVEY`, `FILENEST`/,
    );
    expect(validateProduct(TYPE, value({ ...GOOD, TTYPE1: "X" }))).toEqual([
      "HDU `FIBERMAP`: Header keyword `TTYPE1` is written by the FITS codec itself: rename it.",
    ]);
    expect(() => writeProduct(TYPE, value(noTile), join(dir, "bad.fits"))).toThrow(CodecError);
  });

  test("a file whose table HDU lacks a declared keyword does not decode", () => {
    const lax: ProductTypeInfo = { ...TYPE, hdus: TYPE.hdus.map((h) => ({ ...h, header: (h.header ?? []).filter((k) => k.key !== "TILEID") })) };
    const path = join(dir, "lax.fits");
    const { TILEID: _t, ...noTile } = GOOD;
    writeProduct(lax, value(noTile), path);
    expect(() => decodeProduct(TYPE, path)).toThrow(/HDU `FIBERMAP`: Header keyword `TILEID` \(int: tile ID\) is missing/);
  });
});
