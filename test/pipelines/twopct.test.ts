/**
 * pipelines/twopct.dflow, the default pipeline: it checks and is formatted, plans at the 2 %
 * survey's size, and its `ci` profile (one night, one tile, one petal, few fibers) runs from a
 * footprint to the redshift catalogue, every product opening in astropy and passing fitsverify;
 * a second run with another worker count and another selection gives byte-identical products.
 * (The default profile, `mini`, is the README's run; test/pipelines/twopctBackends.test.ts runs
 * `ci` on the four backends.)
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPython, findTool } from "../helpers/externalTools.js";
import { runBin } from "../helpers/cli.js";

const PIPE = "pipelines/twopct.dflow";

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === ".dflow") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

const sha = (f: string): string => createHash("sha256").update(readFileSync(f)).digest("hex");

describe("pipelines/twopct.dflow", () => {
  let out: string;
  let run: ReturnType<typeof runBin>;
  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "dflow-twopct-"));
    run = runBin(["run", PIPE, "--profile", "ci", "--out", out, "-j", "2"]);
  }, 600_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("checks clean and is formatted", () => {
    const c = runBin(["check", PIPE]);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(runBin(["fmt", "--check", PIPE]).code).toBe(0);
  });

  it("plans the 2 % survey's size once its survey is simulated, and emits it for the large site within budget", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-twopct-plan-"));
    try {
      const before = runBin(["plan", PIPE, "--profile", "twopct", "--out", dir, "--format", "json"]);
      expect(before.code, before.stderr).toBe(0);
      const deferred = (JSON.parse(before.stdout) as { stages: { stage: string; deferred?: string }[] }).stages.filter((s) => s.deferred !== undefined);
      expect(deferred.map((s) => s.stage).sort()).toEqual([
        "calibrate",
        "coadd",
        "fastframe",
        "fiberassign",
        "fiberflat",
        "fluxcal",
        "group",
        "newexp",
        "qa",
        "redshift",
        "select_mock_targets",
        "sky",
        "stdstars",
        "tilepix",
        "zcatalog",
      ]);
      const sim = runBin(["run", PIPE, "--profile", "twopct", "--only", "surveysim", "--out", dir]);
      expect(sim.code, sim.stderr).toBe(0);
      const p = runBin(["plan", PIPE, "--profile", "twopct", "--out", dir, "--format", "json"]);
      expect(p.code, p.stderr).toBe(0);
      const tasks = new Map((JSON.parse(p.stdout) as { stages: { stage: string; tasks: number }[] }).stages.map((s) => [s.stage, s.tasks]));
      expect(tasks.get("fiberassign")).toBe(400);
      // Every exposure, flats included, gives 30 frames (3 cameras × 10 petals).
      expect(tasks.get("fastframe")).toBe(30 * tasks.get("newexp")!);
      // At least 3 science exposures per tile and a flat per night.
      expect(tasks.get("newexp")!).toBeGreaterThanOrEqual(400 * 3 + 56);
      // A fiber flat per night and camera, a sky per science exposure and camera.
      expect(tasks.get("fiberflat")).toBe(56 * 30);
      expect(tasks.get("sky")).toBe(30 * (tasks.get("newexp")! - 56));
      expect(tasks.get("stdstars")).toBe(10 * (tasks.get("newexp")! - 56));
      expect(tasks.get("fluxcal")).toBe(tasks.get("sky"));
      expect(tasks.get("calibrate")).toBe(tasks.get("sky"));
      expect(tasks.get("select_mock_targets")!).toBeGreaterThan(1000);
      const e = runBin(["emit", "slurm", PIPE, "--profile", "twopct", "--out", dir, "--site", "sites/large.yaml", "--emit-dir", path.join(dir, "emit")]);
      expect(e.code, e.stderr).toBe(0);
      const elements = Number(/(\d+) elements/.exec(e.stderr)?.[1]);
      expect(elements).toBeLessThanOrEqual(5000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("the ci profile runs from a footprint to frames, spectra, coadds, redshifts and the catalogue", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/run: \d+ tasks run, 0 up to date, 0 failed, 0 not run/);
    const files = walk(out).map((f) => path.relative(out, f));
    expect(files).toContain("survey/tiles.ecsv");
    expect(files).toContain("survey/exposures.ecsv");
    expect(files.filter((f) => f.startsWith("fiberassign/"))).toHaveLength(1);
    // 1 night of one flat and 2 science exposures: 3 exposures × 3 cameras × 1 petal.
    expect(files.filter((f) => /\/frame-[brz]\d-\d{8}\.fits$/.test(f))).toHaveLength(9);
    expect(files.filter((f) => /\/frame-[brz]0-\d{8}\.fits$/.test(f))).toHaveLength(9);
    expect(files.filter((f) => /simspec-\d{8}\.fits$/.test(f))).toHaveLength(3);
    // A fiber flat per night, camera and petal; a sky per science exposure, camera and petal.
    expect(files.filter((f) => /^calibnight\/\d{8}\/fiberflatnight-[brz]0-\d{8}\.fits$/.test(f))).toHaveLength(3);
    expect(files.filter((f) => /\/sky-[brz]0-\d{8}\.fits$/.test(f))).toHaveLength(6);
    // Standard stars per science exposure and petal; a flux calibration and a cframe per camera.
    expect(files.filter((f) => /\/stdstars-0-\d{8}\.fits$/.test(f))).toHaveLength(2);
    expect(files.filter((f) => /\/fluxcalib-[brz]0-\d{8}\.fits$/.test(f))).toHaveLength(6);
    expect(files.filter((f) => /\/cframe-[brz]0-\d{8}\.fits$/.test(f))).toHaveLength(6);
    // The regrouping's pixel map, and a spectra file per pixel it names, in DESI's healpix layout.
    expect(files).toContain("healpix/tilepix-main-dark.ecsv");
    const spectraFiles = files.filter((f) => /^healpix\/main\/dark\/\d+\/\d+\/spectra-main-dark-\d+\.fits$/.test(f));
    expect(spectraFiles.length).toBeGreaterThan(0);
    // A coadd beside each spectra file.
    expect(files.filter((f) => /^healpix\/main\/dark\/\d+\/\d+\/coadd-main-dark-\d+\.fits$/.test(f)).sort()).toEqual(
      spectraFiles.map((f) => f.replace("/spectra-", "/coadd-")).sort(),
    );
    // A redrock file beside each coadd, and the catalogue.
    expect(files.filter((f) => /^healpix\/main\/dark\/\d+\/\d+\/redrock-main-dark-\d+\.fits$/.test(f)).sort()).toEqual(
      spectraFiles.map((f) => f.replace("/spectra-", "/redrock-")).sort(),
    );
    expect(files).toContain("zcatalog/zpix-main-dark.fits");
  });

  it("every product opens in astropy with the expected shapes, and every FITS passes fitsverify", () => {
    const fitsverify = findTool("fitsverify", "fitsverify");
    const fits = walk(out).filter((f) => f.endsWith(".fits"));
    for (const f of fits) {
      const r = spawnSync(fitsverify, ["-q", "-e", f], { encoding: "utf8" });
      expect(r.stdout + r.stderr, f).toMatch(/verification OK/);
    }
    const py = findPython(["astropy", "healpy"], ["python3-astropy", "python3-healpy"]);
    const script = `
import sys, glob, json
import numpy as np
import healpy as hp
from astropy.io import fits
from astropy.table import Table
root = sys.argv[1]
report = {"flavors": {}, "frames": 0}
for f in sorted(glob.glob(root + "/**/*.ecsv", recursive=True)):
    Table.read(f, format="ascii.ecsv")
ex = Table.read(root + "/survey/exposures.ecsv", format="ascii.ecsv")
report["flavors"] = {str(k): int((ex["FLAVOR"] == k).sum()) for k in set(ex["FLAVOR"])}
for f in sorted(glob.glob(root + "/**/*.fits", recursive=True)):
    with fits.open(f, checksum=True) as h:
        for hdu in h:
            _ = hdu.data
        if "/frame-" in f:
            report["frames"] += 1
            flux, ivar, res = h["FLUX"].data, h["IVAR"].data, h["RESOLUTION"].data
            assert flux.shape == ivar.shape and res.shape == (flux.shape[0], 11, flux.shape[1]), f
            assert h["FIBERMAP"].data.shape[0] == flux.shape[0], f
            assert h[0].header["FLAVOR"] in ("science", "flat"), f
        if "/cframe-" in f:
            report["cframes"] = report.get("cframes", 0) + 1
            flux = h["FLUX"].data
            assert h["SCORES"].data.shape[0] == flux.shape[0] and h["RESOLUTION"].data.shape == (flux.shape[0], 11, flux.shape[1]), f
        if "/spectra-" in f:
            pix = int(f.split("-")[-1][:-5])
            assert f.endswith(f"healpix/main/dark/{pix // 100}/{pix}/spectra-main-dark-{pix}.fits"), f
            hdr = h[0].header
            assert (hdr["SPGRP"], hdr["HPXPIXEL"], hdr["HPXNSIDE"], hdr["HPXNEST"], hdr["SURVEY"], hdr["PROGRAM"]) == ("healpix", pix, 64, True, "main", "dark"), f
            fm = h["FIBERMAP"].data
            n = fm.shape[0]
            assert "EXP_FIBERMAP" not in h and h["SCORES"].data.shape[0] == n and (h["SCORES"].data["TARGETID"] == fm["TARGETID"]).all(), f
            for b in "BRZ":
                nw = h[b + "_WAVELENGTH"].data.shape[0]
                assert h[b + "_FLUX"].data.shape == (n, nw) and h[b + "_IVAR"].data.shape == (n, nw) and h[b + "_MASK"].data.shape == (n, nw), f
                assert h[b + "_RESOLUTION"].data.shape == (n, 11, nw), f
            # Every row's target lies in the file's pixel (nside 64, nested, on TARGET_RA/DEC).
            theta = np.radians(90.0 - fm["TARGET_DEC"])
            assert (hp.ang2pix(64, theta, np.radians(fm["TARGET_RA"]), nest=True) == pix).all(), f
            report["spectra"] = report.get("spectra", 0) + n
        if "/coadd-" in f:
            pix = int(f.split("-")[-1][:-5])
            hdr = h[0].header
            assert (hdr["SPGRP"], hdr["HPXPIXEL"], hdr["HPXNSIDE"], hdr["HPXNEST"], hdr["SURVEY"], hdr["PROGRAM"]) == ("healpix", pix, 64, True, "main", "dark"), f
            fm, exp = h["FIBERMAP"].data, h["EXP_FIBERMAP"].data
            with fits.open(f.replace("/coadd-", "/spectra-")) as s:
                ids = s["FIBERMAP"].data["TARGETID"]
            # One row per target in order of first appearance; every exposure in EXP_FIBERMAP.
            first = sorted(np.unique(ids, return_index=True)[1])
            assert (fm["TARGETID"] == ids[first]).all() and (exp["TARGETID"] == ids).all(), f
            assert "FIBERSTATUS" not in fm.columns.names and "COADD_FIBERSTATUS" in fm.columns.names, f
            assert (h["SCORES"].data["TARGETID"] == fm["TARGETID"]).all() and fm["COADD_NUMEXP"].sum() <= len(ids), f
            n = fm.shape[0]
            for b in "BRZ":
                nw = h[b + "_WAVELENGTH"].data.shape[0]
                assert h[b + "_FLUX"].data.shape == (n, nw) and h[b + "_RESOLUTION"].data.shape == (n, 11, nw), f
            report["coadds"] = report.get("coadds", 0) + 1
            report["coadd_targets"] = report.get("coadd_targets", 0) + n
            report["coadd_spectra"] = report.get("coadd_spectra", 0) + len(ids)
        if "/redrock-" in f:
            assert [x.name for x in h] == ["PRIMARY", "REDSHIFTS", "FIBERMAP", "EXP_FIBERMAP", "TSNR2"], f
            rs = h["REDSHIFTS"].data
            with fits.open(f.replace("/redrock-", "/coadd-")) as c:
                assert (rs["TARGETID"] == c["FIBERMAP"].data["TARGETID"]).all() and (h["TSNR2"].data["TARGETID"] == rs["TARGETID"]).all(), f
            assert np.isfinite(rs["Z"]).all() and np.isfinite(rs["CHI2"]).all() and np.isfinite(rs["COEFF"]).all(), f
            report["redshifts"] = report.get("redshifts", 0) + len(rs)
        if f.endswith("/zpix-main-dark.fits"):
            z = h["ZCATALOG"].data
            report["zcat_rows"] = len(z)
            report["zcat_primary"] = int(z["ZCAT_PRIMARY"].sum())
            report["zcat_unique"] = len(np.unique(z["TARGETID"]))
            report["zcat_finite"] = all(bool(np.isfinite(z[c]).all()) for c in z.columns.names if z[c].dtype.kind == "f")
            truez = {}
            for t in glob.glob(root + "/targets/**/truth-*.fits", recursive=True):
                tr = fits.getdata(t, "TRUTH")
                truez.update(zip(tr["TARGETID"].tolist(), tr["TRUEZ"].tolist()))
            good = [(zz, truez.get(int(t))) for t, zz, zw, ot in zip(z["TARGETID"], z["Z"], z["ZWARN"], z["OBJTYPE"]) if zw == 0 and ot == "TGT" and int(t) in truez]
            report["zcat_good"] = len(good)
            report["zcat_good_right"] = sum(1 for zz, tz in good if abs(zz - tz) / (1 + tz) < 0.0033)
tp = Table.read(root + "/healpix/tilepix-main-dark.ecsv", format="ascii.ecsv")
sci = ex[ex["FLAVOR"] == "science"]
report["expected_spectra"] = int(sum(int(r["NFIBER"]) * int((sci["TILEID"] == r["TILEID"]).sum()) for r in tp))
print(json.dumps(report))
`;
    const r = spawnSync(py, ["-c", script, out], { encoding: "utf8", maxBuffer: 1 << 24 });
    expect(r.status, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as {
      flavors: Record<string, number>;
      frames: number;
      cframes: number;
      spectra: number;
      expected_spectra: number;
      coadds: number;
      coadd_spectra: number;
      coadd_targets: number;
      redshifts: number;
      zcat_rows: number;
      zcat_primary: number;
      zcat_unique: number;
      zcat_finite: boolean;
      zcat_good: number;
      zcat_good_right: number;
    };
    expect(rep.flavors).toEqual({ flat: 1, science: 2 });
    expect(rep.frames).toBe(9);
    expect(rep.cframes).toBe(6);
    // Every exposure's fiber of every petal with a target position is in exactly one spectra file.
    expect(rep.spectra).toBeGreaterThan(0);
    expect(rep.spectra).toBe(rep.expected_spectra);
    // Every spectra file has its coadd, whose EXP_FIBERMAP keeps every one of its spectra.
    expect(rep.coadds).toBeGreaterThan(0);
    expect(rep.coadd_spectra).toBe(rep.spectra);
    // A REDSHIFTS row per coadded target; the catalogue has them all, one primary row per TARGETID, no NaN.
    expect(rep.redshifts).toBe(rep.coadd_targets);
    expect([rep.zcat_rows, rep.zcat_primary, rep.zcat_finite]).toEqual([rep.redshifts, rep.zcat_unique, true]);
    // The redshifts of the simulated targets: most with ZWARN 0, and those right (reported, loosely gated).
    console.log(`twopct ci: ${rep.zcat_good} of ${rep.zcat_rows} redshifts with ZWARN 0, ${rep.zcat_good_right} of them within 0.0033 (1 + z) of the truth`);
    expect(rep.zcat_good).toBeGreaterThan(0);
    expect(rep.zcat_good_right).toBeGreaterThanOrEqual(0.9 * rep.zcat_good);
  }, 600_000);

  it("one worker and a narrower selection give byte-identical products", () => {
    const again = mkdtempSync(path.join(os.tmpdir(), "dflow-twopct-again-"));
    try {
      const r = runBin(["run", PIPE, "--profile", "ci", "--out", again, "-j", "1", "--only", "fastframe[camera=r,petal=0]"]);
      expect(r.code, r.stderr).toBe(0);
      const files = walk(again).map((f) => path.relative(again, f));
      expect(files.filter((f) => /frame-r0-/.test(f))).toHaveLength(3);
      for (const f of files) expect(sha(path.join(again, f)), f).toBe(sha(path.join(out, f)));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 600_000);
});
