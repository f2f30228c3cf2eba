/**
 * Files the codecs write are what the community's tools expect: astropy opens them with the
 * declared EXTNAMEs, BUNIT, TUNITn, dtypes and header values, verifies their checksums and
 * reads 64-bit IDs exactly; fitsverify reports no warning and no error.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ProductTypeInfo } from "../../../src/kernels/index.js";
import { writeProduct } from "../../../src/runtime/codecs/index.js";
import { findPython, findTool, runPython } from "../../helpers/externalTools.js";
import { productType } from "./productTypes.js";
import { allDtypesFits } from "./syntheticTypes.js";
import { desiFrame, desiRedrock, exampleExposures, exampleFrame } from "./values.js";

const FITS_SUMMARY = String.raw`
import json, sys, warnings
import numpy as np
from astropy.io import fits
warnings.simplefilter("error")

def kind(dt):
    # astropy hands FITS character columns out as str (4 bytes per character): report the width.
    return "S" + str(dt.itemsize // 4) if dt.kind == "U" else dt.kind + str(dt.itemsize)

def typed(v):
    # Integers as decimal text, so 64-bit values reach JavaScript exactly.
    return [type(v).__name__, str(v) if type(v) is int else v]

out = {"hdus": []}
with fits.open(sys.argv[1], checksum=True) as hdul:
    for hdu in hdul:
        d = {"name": hdu.name, "bunit": hdu.header.get("BUNIT"), "checksum": hdu.verify_checksum(), "datasum": hdu.verify_datasum()}
        if isinstance(hdu, fits.BinTableHDU):
            d["nrows"] = len(hdu.data)
            d["columns"] = [{"name": c.name, "unit": c.unit, "dtype": kind(hdu.data[c.name].dtype), "cell": list(hdu.data[c.name].shape[1:])} for c in hdu.columns]
            if "TARGETID" in hdu.columns.names:
                d["targetid"] = [str(x) for x in hdu.data["TARGETID"]]
        elif hdu.data is not None:
            d["shape"] = list(hdu.data.shape)
            d["dtype"] = kind(hdu.data.dtype)
            d["first"] = [float(x) for x in hdu.data.ravel()[:4]]
        out["hdus"].append(d)
    out["header"] = {k: typed(v) for k, v in hdul[0].header.items() if k not in ("COMMENT", "HISTORY", "")}
print(json.dumps(out))
`;

const ECSV_SUMMARY = String.raw`
import json, sys, warnings
from astropy.table import Table
warnings.simplefilter("error")
t = Table.read(sys.argv[1], format="ascii.ecsv")
print(json.dumps({
    "columns": [{"name": c, "dtype": t[c].dtype.kind + str(t[c].dtype.itemsize), "unit": None if t[c].unit is None else str(t[c].unit)} for c in t.colnames],
    "meta": {k: [type(v).__name__, v] for k, v in t.meta.items()},
    "rows": len(t),
}))
`;

interface HduSummary {
  name: string;
  bunit: string | null;
  checksum: number;
  datasum: number;
  nrows?: number;
  columns?: { name: string; unit: string | null; dtype: string; cell: number[] }[];
  targetid?: string[];
  shape?: number[];
  dtype?: string;
  first?: number[];
}

/** numpy's kind + itemsize for a data-model dtype (strings: bytes of the declared or longest width). */
function numpyKind(dtype: string, longest: number): string {
  const table: Record<string, string> = { bool: "b1", u8: "u1", i16: "i2", i32: "i4", i64: "i8", u16: "u2", u32: "u4", u64: "u8", f32: "f4", f64: "f8" };
  if (dtype === "str") return `S${Math.max(1, longest)}`;
  if (dtype.startsWith("str")) return `S${dtype.slice(3)}`;
  return table[dtype] ?? "?";
}

let dir: string;
let python: string;

beforeAll(() => {
  python = findPython(["astropy", "numpy"], ["python3-astropy", "python3-numpy"]);
  dir = mkdtempSync(join(tmpdir(), "dflow-codecs-astropy-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fitsCases(): Promise<{ name: string; t: ProductTypeInfo; value: Record<string, unknown> }[]> {
  const frame = await desiFrame(5);
  // Undeclared keywords too: a long string (CONTINUE cards), a HIERARCH keyword, an integer beyond 2^53.
  const extra = { PIPENOTE: `${"calibrated with the nightly flat; ".repeat(5)}it's long`, "DFLOW TASK": "frame[exposure=2,camera=r]", BIGMASK: 2n ** 62n + 5n };
  frame.value["header"] = { ...(frame.value["header"] as Record<string, unknown>), ...extra };
  const redrock = await desiRedrock(6);
  return [
    { name: "DESI Frame", ...frame },
    { name: "DESI Redrock", ...redrock },
    { name: "ExampleFrame", t: await productType("ExampleFrame"), value: { ...(await exampleFrame()) } },
    { name: "every dtype", ...allDtypesFits() },
  ];
}

describe("FITS files in astropy and fitsverify", async () => {
  for (const { name, t, value } of await fitsCases()) {
    test(`${name}: astropy sees the declared EXTNAMEs, BUNIT, TUNITn, dtypes, header and exact TARGETIDs, and valid checksums.`, () => {
      const path = join(dir, `${name.replaceAll(" ", "-")}.fits`);
      writeProduct(t, value, path);
      const summary = JSON.parse(runPython(python, FITS_SUMMARY, [path])) as { hdus: HduSummary[]; header: Record<string, [string, unknown]> };
      const firstIsImage = t.hdus[0]?.kind === "image";
      expect(summary.hdus.map((h) => h.name)).toEqual([...(firstIsImage ? [] : ["PRIMARY"]), ...t.hdus.map((h) => h.name)]);
      for (const h of summary.hdus) expect([h.name, h.checksum, h.datasum]).toEqual([h.name, 1, 1]);
      for (const hdu of t.hdus) {
        const found = summary.hdus.find((h) => h.name === hdu.name);
        if (found === undefined) throw new Error(`astropy does not see HDU ${hdu.name}`);
        const member = value[hdu.member] as Record<string, unknown>;
        if (hdu.kind === "image") {
          const image = member as { data: Float32Array; shape: number[] };
          expect(found.bunit).toBe(hdu.unit ?? null);
          expect(found.shape).toEqual(image.shape);
          expect(found.dtype).toBe(numpyKind(hdu.dtype ?? "", 0));
          expect(found.first).toEqual(Array.from(image.data.subarray(0, 4), Number));
          continue;
        }
        const expected = (hdu.columns ?? []).map((c) => {
          const data = member[c.name] as ArrayLike<unknown>;
          const longest = Array.isArray(data) ? Math.max(0, ...data.map((s: string) => s.length)) : 0;
          return { name: c.name, unit: c.unit ?? null, dtype: numpyKind(c.dtype, longest), cell: c.dims.map((d) => d.size ?? 0) };
        });
        expect(found.columns).toEqual(expected);
        if (found.targetid !== undefined) expect(found.targetid).toEqual(Array.from(member["TARGETID"] as BigInt64Array, String));
      }
      const header = value["header"] as Record<string, unknown>;
      const declared = new Map(t.header.map((k) => [k.key, k.type]));
      for (const [key, v] of Object.entries(header)) {
        const type = declared.get(key);
        const pyType =
          type === "int" || typeof v === "bigint" || (type === undefined && Number.isInteger(v))
            ? "int"
            : typeof v === "number"
              ? "float"
              : typeof v === "string"
                ? "str"
                : "bool";
        expect([key, ...(summary.header[key] ?? [])]).toEqual([key, pyType, pyType === "int" ? String(v) : v]);
      }
    });

    test(`${name}: fitsverify reports 0 warnings and 0 errors.`, () => {
      const fitsverify = findTool("fitsverify", "fitsverify");
      const path = join(dir, `${name.replaceAll(" ", "-")}-verify.fits`);
      writeProduct(t, value, path);
      const report = spawnSync(fitsverify, [path], { encoding: "utf8" }).stdout;
      expect(report, report).toContain("**** Verification found 0 warning(s) and 0 error(s). ****");
    });
  }
});

describe("ECSV files in astropy", () => {
  test("ExampleExposures: astropy reads the declared columns, dtypes, units and integer meta.", async () => {
    const t = await productType("ExampleExposures");
    const value = { ...exampleExposures() };
    const path = join(dir, "exposures.ecsv");
    writeProduct(t, value, path);
    const summary = JSON.parse(runPython(python, ECSV_SUMMARY, [path])) as { columns: unknown[]; meta: Record<string, [string, unknown]>; rows: number };
    expect(summary.rows).toBe(value.EXPID.length);
    const longest = Math.max(...value.FLAVOR.map((s) => s.length));
    expect(summary.columns).toEqual(
      t.columns.map((c) => ({ name: c.name, dtype: c.dtype === "str" ? `U${longest * 4}` : numpyKind(c.dtype, 0), unit: c.unit ?? null })),
    );
    expect(summary.meta["SIMSEED"]).toEqual(["int", Number(value.meta["SIMSEED"])]);
    expect(summary.meta["NFIBER"]).toEqual(["int", 8]);
    expect(summary.meta["RADIUS"]).toEqual(["float", 0.8]);
  });
});
