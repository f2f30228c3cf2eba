/**
 * The zcatalog kernel: three pixels' redrock files (TARGETIDs repeated across pixels) and their
 * coadds' median S/N merged into one catalogue; ZCAT_NSPEC and ZCAT_PRIMARY checked against
 * desispec's find_primary_spectra rule recomputed with numpy on the written file; fitsverify and
 * astropy open it with the data model's columns and no NaN.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Coadd } from "../../stdlib/datamodel/Coadd.js";
import type { Redrock } from "../../stdlib/datamodel/Redrock.js";
import type { ZCatalog } from "../../stdlib/datamodel/ZCatalog.js";
import { findPrimary, zcatalog } from "../../stdlib/redshift/index.js";
import { writeProduct } from "../../src/runtime/codecs/index.js";
import { findPython, findTool, runPython } from "../helpers/externalTools.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { makeRng, sampleValue } from "../runtime/codecs/sampleValue.js";
import { handle, testContext } from "./kernelFixtures.js";

const PIXELS = [9000, 9001, 9002];
const NROW = 12;
const BASE = 1n << 58n;

/** Pixel p's redrock file and its coadd's SCORES: TARGETIDs 0–11 shifted by 6 per pixel, so each pixel shares half its targets with the next. */
async function part(p: number): Promise<{ redrock: Redrock; scores: Record<string, unknown> }> {
  const rng = makeRng(100 + p);
  const v = sampleValue(await productType("Redrock"), { rows: { REDSHIFTS: NROW, FIBERMAP: NROW, EXP_FIBERMAP: NROW, TSNR2: NROW }, seed: 10 + p });
  const ids = BigInt64Array.from({ length: NROW }, (_, i) => BASE + BigInt(6 * p + i));
  for (const t of ["REDSHIFTS", "FIBERMAP", "EXP_FIBERMAP", "TSNR2"]) (v[t] as Record<string, unknown>)["TARGETID"] = BigInt64Array.from(ids);
  const R = v["REDSHIFTS"] as Record<string, unknown>;
  R["ZWARN"] = Int32Array.from({ length: NROW }, () => (rng() < 0.4 ? 4 : 0));
  for (const c of ["Z", "ZERR", "CHI2", "DELTACHI2", "COEFF"]) {
    const a = R[c] as Float32Array | Float64Array;
    for (let i = 0; i < a.length; i++) a[i] = rng();
  }
  const T = v["TSNR2"] as Record<string, unknown>;
  for (const [k, a] of Object.entries(T))
    if (a instanceof Float32Array) for (let i = 0; i < a.length; i++) a[i] = k === "TSNR2_LRG" ? 10 + 1000 * rng() : 100 * rng();
  (T["TSNR2_ELG_B"] as Float32Array)[3] = NaN;
  v["header"] = {
    SPGRP: "healpix",
    SPGRPVAL: PIXELS[p]!,
    HPXPIXEL: PIXELS[p]!,
    HPXNSIDE: 64,
    HPXNEST: true,
    SURVEY: "main",
    PROGRAM: p === 2 ? "bright" : "dark",
    RRVER: "test",
  };
  const med = (b: number): Float32Array => Float32Array.from({ length: NROW }, (_, i) => (i === 5 && b === 0 ? NaN : 0.1 * i + b));
  const scores: Record<string, unknown> = {
    TARGETID: BigInt64Array.from(ids),
    MEDIAN_COADD_SNR_B: med(0),
    MEDIAN_COADD_SNR_R: med(1),
    MEDIAN_COADD_SNR_Z: med(2),
  };
  for (const b of "BRZ") {
    scores[`INTEG_COADD_FLUX_${b}`] = Float32Array.from({ length: NROW }, () => 1000 * rng());
    scores[`MEDIAN_COADD_FLUX_${b}`] = Float32Array.from({ length: NROW }, () => rng());
  }
  return { redrock: v as unknown as Redrock, scores };
}

let cat: ZCatalog;
let parts: Awaited<ReturnType<typeof part>>[];
let dir: string;
let log: string[];

beforeAll(async () => {
  parts = await Promise.all(PIXELS.map((_, p) => part(p)));
  const ctx = testContext();
  cat = (
    await zcatalog(
      {
        redrocks: parts.map((x, p) => handle(x.redrock, { healpix: PIXELS[p]! })),
        coadds: parts.map((x, p) => handle({ SCORES: x.scores } as unknown as Coadd, { healpix: PIXELS[p]! })),
      },
      {},
      ctx,
    )
  ).zcatalog;
  log = ctx.lines;
  dir = mkdtempSync(join(tmpdir(), "dflow-zcatalog-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the zcatalog kernel", () => {
  it("concatenates the pixels' rows in order with SURVEY, PROGRAM and HEALPIX from each file's header", () => {
    const Z = cat.ZCATALOG;
    expect(Z.TARGETID.length).toBe(3 * NROW);
    expect(Array.from(Z.TARGETID)).toEqual(parts.flatMap((x) => Array.from(x.redrock.REDSHIFTS.TARGETID)));
    expect(Array.from(Z.HEALPIX)).toEqual(PIXELS.flatMap((h) => new Array<number>(NROW).fill(h)));
    expect(Z.PROGRAM.slice(2 * NROW)).toEqual(new Array<string>(NROW).fill("bright"));
    expect(Array.from(Z.Z)).toEqual(parts.flatMap((x) => Array.from(x.redrock.REDSHIFTS.Z)));
    expect(Array.from(Z.COEFF)).toEqual(parts.flatMap((x) => Array.from(x.redrock.REDSHIFTS.COEFF)));
    expect(Array.from(Z.TARGET_RA)).toEqual(parts.flatMap((x) => Array.from(x.redrock.FIBERMAP.TARGET_RA)));
    expect(Array.from(Z.MEDIAN_COADD_SNR_R)).toEqual(parts.flatMap((x) => Array.from(x.scores["MEDIAN_COADD_SNR_R"] as Float32Array)));
    expect(Array.from(Z.INTEG_COADD_FLUX_Z)).toEqual(parts.flatMap((x) => Array.from(x.scores["INTEG_COADD_FLUX_Z"] as Float32Array)));
    expect(Array.from(Z.TSNR2_LRG)).toEqual(parts.flatMap((x) => Array.from(x.redrock.TSNR2.TSNR2_LRG)));
  });

  it("writes a non-finite S/N or TSNR2 as 0 and says so", () => {
    expect(cat.ZCATALOG.MEDIAN_COADD_SNR_B[5]).toBe(0);
    expect(cat.ZCATALOG.TSNR2_ELG_B[3]).toBe(0);
    expect(log.join("\n")).toMatch(/36 rows from 3 pixels; 6 non-finite S\/N values written as 0/);
  });

  it("gives every TARGETID one primary row: ZWARN 0 first, then the most TSNR2_LRG", () => {
    const { nspec, primary } = findPrimary(BigInt64Array.from([5n, 7n, 5n, 5n, 7n, 9n]), [4, 0, 0, 0, 4, 4], [9, 1, 2, 3, 50, 0]);
    expect(Array.from(nspec)).toEqual([3, 2, 3, 3, 2, 1]);
    expect(Array.from(primary)).toEqual([0, 1, 0, 1, 0, 1]);
  });
});

const ZCAT_CHECK = String.raw`
import json, sys, warnings
import numpy as np
from astropy.io import fits
warnings.simplefilter("error")
with fits.open(sys.argv[1]) as h:
    names = [x.name for x in h]
    d = h["ZCATALOG"].data
    cols = list(d.columns.names)
    tid = d["TARGETID"]; zw = d["ZWARN"]; s = d["TSNR2_LRG"].astype(float)
    # desispec find_primary_spectra: sort by TARGETID, ZWARN != 0, 1/sort_column; first of each TARGETID is primary.
    order = np.lexsort((1.0 / (s + 1e-99 * (s == 0)), (zw != 0).astype(int), tid))
    u, first, inv, cnt = np.unique(tid[order], return_index=True, return_inverse=True, return_counts=True)
    prim = np.zeros(len(d), bool); prim[order[first]] = True
    nspec = np.zeros(len(d), int); nspec[order] = cnt[inv]
    floats = [c for c in cols if d[c].dtype.kind == "f"]
    print(json.dumps({
        "hdus": names, "cols": cols,
        "dtypes": {c: d[c].dtype.kind + str(d[c].dtype.itemsize) for c in ("ZCAT_NSPEC", "ZCAT_PRIMARY", "HEALPIX", "MEDIAN_COADD_SNR_B")},
        "nspec_ok": bool((d["ZCAT_NSPEC"] == nspec).all()), "primary_ok": bool((d["ZCAT_PRIMARY"] == prim).all()),
        "nprimary": int(d["ZCAT_PRIMARY"].sum()), "nunique": int(len(u)),
        "finite": all(bool(np.isfinite(d[c]).all()) for c in floats),
        "targetid": [str(x) for x in tid],
    }))
`;

describe("the zcatalog file", () => {
  it("passes fitsverify and opens in astropy with the catalogue's columns, desispec's ZCAT_NSPEC and ZCAT_PRIMARY, and no NaN", async () => {
    const t = await productType("ZCatalog");
    const path = join(dir, "zcatalog.fits");
    writeProduct(t, cat, path);
    const report = spawnSync(findTool("fitsverify", "fitsverify"), [path], { encoding: "utf8" }).stdout;
    expect(report, report).toContain("**** Verification found 0 warning(s) and 0 error(s). ****");
    const python = findPython(["astropy", "numpy"], ["python3-astropy", "python3-numpy"]);
    const s = JSON.parse(runPython(python, ZCAT_CHECK, [path])) as Record<string, unknown>;
    expect(s["hdus"]).toEqual(["PRIMARY", "ZCATALOG"]);
    const cols = s["cols"] as string[];
    expect(cols.slice(0, 5)).toEqual(["TARGETID", "SURVEY", "PROGRAM", "HEALPIX", "Z"]);
    expect(cols.slice(-2)).toEqual(["ZCAT_NSPEC", "ZCAT_PRIMARY"]);
    for (const c of [
      "INTEG_COADD_FLUX_R",
      "MEDIAN_COADD_FLUX_Z",
      "MEDIAN_COADD_SNR_B",
      "MEDIAN_COADD_SNR_R",
      "MEDIAN_COADD_SNR_Z",
      "TSNR2_LRG",
      "TSNR2_ELG_Z",
      "COADD_NUMEXP",
      "DESI_TARGET",
    ])
      expect(cols).toContain(c);
    expect(s["dtypes"]).toEqual({ ZCAT_NSPEC: "i2", ZCAT_PRIMARY: "b1", HEALPIX: "i4", MEDIAN_COADD_SNR_B: "f4" });
    expect([s["nspec_ok"], s["primary_ok"], s["finite"]]).toEqual([true, true, true]);
    expect(s["nprimary"]).toBe(s["nunique"]);
    expect(s["nunique"]).toBe(24);
    expect(s["targetid"]).toEqual(Array.from(cat.ZCATALOG.TARGETID, String));
  });
});
