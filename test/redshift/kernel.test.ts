/**
 * The redshift kernel on a coadd of simulated targets and of bad inputs: every row fitted or
 * flagged as rrdesi flags it, no NaN, the fibermap's tables carried, and a redrock file that
 * fitsverify passes and astropy opens with the HDUs and columns rrdesi writes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Coadd } from "../../stdlib/datamodel/Coadd.js";
import type { Redrock } from "../../stdlib/datamodel/Redrock.js";
import { FIBERMASK, fit, redshiftFitter, ZWARN } from "../../stdlib/redshift/index.js";
import { waveGrid } from "../../stdlib/instrument/index.js";
import { writeProduct } from "../../src/runtime/codecs/index.js";
import { findPython, findTool, runPython } from "../helpers/externalTools.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { buildCoadd, handle, testContext, type FixtureTarget } from "./kernelFixtures.js";
import { loadTemplates } from "./loadTemplates.js";
import { simulateTargets } from "./simulateCoadd.js";

const LABEL = "redshift-kernel-suite";
const [lrg, lrg2, lrg3, lrg4] = simulateTargets("LRG", 4, LABEL);
const [elg] = simulateTargets("ELG", 1, LABEL);
const [qso] = simulateTargets("QSO", 1, LABEL);
const [star] = simulateTargets("MWS_MAIN", 1, LABEL);
const id = (i: number): bigint => (1n << 58n) | (77n << 20n) | BigInt(i);

/** Row i of the coadd; `expect` is what the row must come out as. */
const TARGETS: (FixtureTarget & { what: string })[] = [
  { what: "LRG", targetid: id(0), sim: lrg! },
  { what: "ELG", targetid: id(1), sim: elg! },
  { what: "QSO", targetid: id(2), sim: qso! },
  { what: "star", targetid: id(3), sim: star! },
  { what: "all-masked", targetid: id(4) },
  { what: "z camera only", targetid: id(5), sim: lrg2!, deadBands: ["b", "r"] },
  { what: "broken fiber", targetid: id(6), sim: lrg3!, fiberstatus: FIBERMASK.BROKENFIBER },
  { what: "sky fiber", targetid: id(7), sim: elg!, objtype: "SKY" },
  { what: "poor position", targetid: id(8), sim: lrg4!, fiberstatus: FIBERMASK.POORPOSITION },
  { what: "zero ivar", targetid: id(9), sim: lrg4!, deadBands: ["b", "r", "z"] },
  { what: "bad objtype", targetid: id(10), sim: lrg!, objtype: "BAD" },
];

let coadd: Coadd;
let redrock: Redrock;
let log: string[];
let dir: string;

beforeAll(async () => {
  coadd = await buildCoadd(TARGETS);
  const ctx = testContext({ healpix: 9000 });
  redrock = (await fit({ coadd: handle(coadd, { healpix: 9000 }) }, { templates: "" }, ctx)).redrock;
  log = ctx.lines;
  dir = mkdtempSync(join(tmpdir(), "dflow-redshift-kernel-"));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (
  what: string,
): { z: number; zwarn: number; spectype: string; fitmethod: string; coeff: number[]; chi2: number; zerr: number; deltachi2: number } => {
  const i = TARGETS.findIndex((t) => t.what === what);
  const R = redrock.REDSHIFTS;
  return {
    z: R.Z[i]!,
    zwarn: R.ZWARN[i]!,
    spectype: R.SPECTYPE[i]!,
    fitmethod: R.FITMETHOD[i]!,
    coeff: Array.from(R.COEFF.subarray(i * 10, i * 10 + 10)),
    chi2: R.CHI2[i]!,
    zerr: R.ZERR[i]!,
    deltachi2: R.DELTACHI2[i]!,
  };
};

describe("the redshift kernel", () => {
  it("writes one REDSHIFTS row per coadd row, in the coadd's order, and copies FIBERMAP, EXP_FIBERMAP and the TSNR2 of SCORES", () => {
    expect(Array.from(redrock.REDSHIFTS.TARGETID)).toEqual(TARGETS.map((t) => t.targetid));
    expect(redrock.FIBERMAP).toBe(coadd.FIBERMAP);
    expect(redrock.EXP_FIBERMAP).toBe(coadd.EXP_FIBERMAP);
    expect(Object.keys(redrock.TSNR2)).toEqual(Object.keys(coadd.SCORES).filter((k) => !/^(INTEG|MEDIAN)_COADD_/.test(k)));
    expect(redrock.TSNR2.TSNR2_LRG).toBe(coadd.SCORES.TSNR2_LRG);
    expect(redrock.header).toMatchObject({ SPGRP: "healpix", HPXPIXEL: 9000, HPXNSIDE: 64, HPXNEST: true, SURVEY: "main", PROGRAM: "dark" });
    expect(String(redrock.header["RRVER"])).toMatch(/^dflow/);
    expect(redrock.header["TEMNAM00"]).toBe("GALAXY");
    expect(log.join("\n")).toMatch(/11 targets/);
  });

  it("finds the true redshift of the good targets (no ZWARN bit but SMALL_DELTA_CHI2), the fitter's own answer on the coadd's rows", () => {
    const fitter = redshiftFitter(
      loadTemplates(),
      ["b", "r", "z"].map((b) => waveGrid(b)),
    );
    for (const what of ["LRG", "ELG", "QSO", "star", "z camera only"]) {
      const t = TARGETS.find((x) => x.what === what)!;
      const r = row(what);
      const truth = t.sim!.row.TRUEZ;
      expect([what, Math.abs(r.z - truth) / (1 + truth) < 0.0033, r.zwarn & ~ZWARN.SMALL_DELTA_CHI2]).toEqual([what, true, 0]);
      const spectra = t.sim!.spectra.map((s, b) =>
        t.deadBands?.includes("brz"[b]!)
          ? { ...s, ivar: new Float32Array(s.ivar.length) }
          : { ...s, ivar: Float32Array.from(s.ivar), flux: Float32Array.from(s.flux) },
      );
      const direct = fitter.fit(spectra);
      expect([what, r.z, r.spectype, r.zwarn]).toEqual([what, direct.z, direct.spectype, direct.zwarn]);
    }
  });

  it("sets rrdesi's ZWARN bits for bad inputs and fibermap flags", () => {
    const noData = ZWARN.NODATA | ZWARN.LITTLE_COVERAGE | ZWARN.BAD_MINFIT | ZWARN.Z_FITLIMIT;
    expect(row("all-masked").zwarn).toBe(noData);
    expect(row("zero ivar").zwarn).toBe(noData);
    const broken = row("broken fiber");
    expect(broken.zwarn & (ZWARN.NODATA | ZWARN.UNPLUGGED)).toBe(ZWARN.NODATA | ZWARN.UNPLUGGED);
    expect([broken.z, broken.spectype, broken.fitmethod, broken.coeff.every((c) => c === 0)]).toEqual([0, "GALAXY", "NONE", true]);
    expect(row("sky fiber").zwarn & ZWARN.SKY).toBe(ZWARN.SKY);
    expect(row("sky fiber").zwarn & ZWARN.NODATA).toBe(0);
    expect(row("poor position").zwarn & ZWARN.POORDATA).toBe(ZWARN.POORDATA);
    expect(row("bad objtype").zwarn & (ZWARN.BAD_TARGET | ZWARN.NODATA)).toBe(ZWARN.BAD_TARGET | ZWARN.NODATA);
    expect(row("LRG").fitmethod).toBe("PCA");
  });

  it("writes no NaN or infinity in any REDSHIFTS column", () => {
    for (const what of TARGETS.map((t) => t.what)) {
      const r = row(what);
      expect([what, [r.z, r.zerr, r.chi2, r.deltachi2, ...r.coeff].every(Number.isFinite)]).toEqual([what, true]);
    }
  });
});

const RR_SUMMARY = String.raw`
import json, sys, warnings
from astropy.io import fits
from astropy.table import Table
warnings.simplefilter("error")
out = {}
with fits.open(sys.argv[1]) as h:
    out["hdus"] = [x.name for x in h]
    out["header"] = {k: h[0].header.get(k) for k in ("SPGRP", "HPXPIXEL", "HPXNSIDE", "SURVEY", "PROGRAM", "RRVER")}
    for name in ("REDSHIFTS", "FIBERMAP", "EXP_FIBERMAP", "TSNR2"):
        t = Table(h[name].data)
        out[name] = {"n": len(t), "cols": {c: [t[c].dtype.kind + str(t[c].dtype.itemsize if t[c].dtype.kind != "U" else t[c].dtype.itemsize // 4), list(t[c].shape[1:])] for c in t.colnames}}
    r = h["REDSHIFTS"].data
    out["targetid"] = [str(x) for x in r["TARGETID"]]
    out["spectype"] = [str(x) for x in r["SPECTYPE"]]
    out["z"] = [float(x) for x in r["Z"]]
print(json.dumps(out))
`;

describe("the redrock file", () => {
  it("passes fitsverify with 0 warnings and 0 errors", async () => {
    const path = join(dir, "redrock-main-dark-9000.fits");
    writeProduct(await productType("Redrock"), redrock, path);
    const report = spawnSync(findTool("fitsverify", "fitsverify"), [path], { encoding: "utf8" }).stdout;
    expect(report, report).toContain("**** Verification found 0 warning(s) and 0 error(s). ****");
  });

  it("opens in astropy with rrdesi's HDUs, REDSHIFTS columns and dtypes, and exact TARGETIDs", async () => {
    const path = join(dir, "redrock-astropy.fits");
    writeProduct(await productType("Redrock"), redrock, path);
    const python = findPython(["astropy", "numpy"], ["python3-astropy", "python3-numpy"]);
    const s = JSON.parse(runPython(python, RR_SUMMARY, [path])) as {
      hdus: string[];
      header: Record<string, unknown>;
      REDSHIFTS: { n: number; cols: Record<string, [string, number[]]> };
      FIBERMAP: { n: number; cols: Record<string, unknown> };
      EXP_FIBERMAP: { n: number };
      TSNR2: { n: number; cols: Record<string, unknown> };
      targetid: string[];
      spectype: string[];
      z: number[];
    };
    expect(s.hdus).toEqual(["PRIMARY", "REDSHIFTS", "FIBERMAP", "EXP_FIBERMAP", "TSNR2"]);
    expect(s.header).toMatchObject({ SPGRP: "healpix", HPXPIXEL: 9000, HPXNSIDE: 64, SURVEY: "main", PROGRAM: "dark" });
    const cols = s.REDSHIFTS.cols;
    expect(Object.keys(cols)).toEqual([
      "TARGETID",
      "Z",
      "ZERR",
      "ZWARN",
      "CHI2",
      "COEFF",
      "FITMETHOD",
      "NPIXELS",
      "SPECTYPE",
      "SUBTYPE",
      "NCOEFF",
      "DELTACHI2",
    ]);
    expect([cols["TARGETID"], cols["Z"], cols["ZERR"], cols["ZWARN"], cols["CHI2"], cols["COEFF"], cols["NPIXELS"], cols["NCOEFF"], cols["DELTACHI2"]]).toEqual(
      [
        ["i8", []],
        ["f8", []],
        ["f4", []],
        ["i4", []],
        ["f4", []],
        ["f4", [10]],
        ["i4", []],
        ["i2", []],
        ["f4", []],
      ],
    );
    expect(cols["FITMETHOD"]![0]).toBe("U4");
    expect(cols["SPECTYPE"]![0]).toBe("U6");
    expect([s.REDSHIFTS.n, s.FIBERMAP.n, s.TSNR2.n, s.EXP_FIBERMAP.n]).toEqual([11, 11, 11, 22]);
    expect(Object.keys(s.FIBERMAP.cols).slice(0, 2)).toEqual(["TARGETID", "COADD_FIBERSTATUS"]);
    expect(Object.keys(s.TSNR2.cols)).toContain("TSNR2_LRG");
    expect(s.targetid).toEqual(TARGETS.map((t) => String(t.targetid)));
    expect(s.spectype).toEqual(Array.from(redrock.REDSHIFTS.SPECTYPE));
    expect(s.z).toEqual(Array.from(redrock.REDSHIFTS.Z));
  });
});
