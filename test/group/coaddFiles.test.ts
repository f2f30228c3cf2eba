/**
 * Coadd files as DESI's tools read them: fitsverify finds no warning or error in the spectra and
 * coadd files; astropy opens them with the HDUs and columns the redshift fitter needs (FIBERMAP with
 * COADD_FIBERSTATUS, an EXP_FIBERMAP, SCORES with TSNR2); and scipy's `dia_matrix` built from each
 * RESOLUTION HDU with offsets ndiag//2 − arange(ndiag) maps the truth onto the file's noiseless flux,
 * for every exposure and for the coadd, with kernels asymmetric enough that the transpose does not.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { writeProduct } from "../../src/runtime/codecs/index.js";
import { coaddSpectra } from "../../stdlib/group/coadd.js";
import { findPython, findTool, runPython } from "../helpers/externalTools.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { BANDS, makeSpectra } from "./coaddFixtures.js";

const CHECK = String.raw`
import json, sys, warnings
import numpy as np
from astropy.io import fits
from scipy.sparse import dia_matrix
warnings.simplefilter("error")
spectra_path, coadd_path, truth_path = sys.argv[1:4]
truth = json.load(open(truth_path))
out = {}
def resolution_errors(path, target_of_row):
    worst, worst_t = 0.0, 0.0
    with fits.open(path) as h:
        for b in "BRZ":
            R = h[b + "_RESOLUTION"].data.astype(float)
            flux = h[b + "_FLUX"].data.astype(float)
            ndiag = R.shape[1]
            offsets = ndiag // 2 - np.arange(ndiag)
            n = R.shape[2]
            for row in range(R.shape[0]):
                t = np.array(truth[b.lower()][target_of_row(row)])
                m = dia_matrix((R[row], offsets), shape=(n, n))
                model = m @ t
                worst = max(worst, float(np.max(np.abs(model - flux[row]) / np.abs(flux[row]))))
                worst_t = max(worst_t, float(np.max(np.abs(m.T @ t - flux[row]) / np.abs(flux[row]))))
    return worst, worst_t
with fits.open(coadd_path) as h:
    out["hdus"] = [x.name for x in h]
    out["columns"] = {x.name: list(x.columns.names) for x in h if isinstance(x, fits.BinTableHDU)}
    out["shapes"] = {x.name: list(x.data.shape) for x in h if isinstance(x, fits.ImageHDU)}
    out["header"] = {k: h[0].header.get(k) for k in ("SPGRP", "HPXPIXEL", "HPXNSIDE", "HPXNEST", "SURVEY", "PROGRAM")}
with fits.open(spectra_path) as h:
    ids = list(h["FIBERMAP"].data["TARGETID"])
order = list(dict.fromkeys(ids))
out["spectra_dia"] = resolution_errors(spectra_path, lambda r: order.index(ids[r]))
out["coadd_dia"] = resolution_errors(coadd_path, lambda r: r)
print(json.dumps(out))
`;

const dir = mkdtempSync(join(tmpdir(), "dflow-coadd-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("coadd files", () => {
  test("pass fitsverify, open in astropy with redrock's HDUs and columns, and follow scipy's dia convention", async () => {
    const f = await makeSpectra({ ntarget: 3, nexp: 3, noiseless: true, step: 4 });
    const c = coaddSpectra(f.spectra, 4);
    const spectraPath = join(dir, "spectra-main-dark-27000.fits");
    const coaddPath = join(dir, "coadd-main-dark-27000.fits");
    const truthPath = join(dir, "truth.json");
    writeProduct(await productType("Spectra"), f.spectra, spectraPath);
    writeProduct(await productType("Coadd"), c, coaddPath);
    writeFileSync(truthPath, JSON.stringify(Object.fromEntries(BANDS.map((b) => [b, f.truth[b].map((t) => Array.from(t))]))));
    const fitsverify = findTool("fitsverify", "ftools-fv");
    for (const p of [spectraPath, coaddPath]) {
      const report = spawnSync(fitsverify, [p], { encoding: "utf8" }).stdout;
      expect(report, report).toContain("**** Verification found 0 warning(s) and 0 error(s). ****");
    }
    const python = findPython(["astropy", "scipy", "numpy"], ["python3-astropy", "python3-scipy", "python3-numpy"]);
    const out = JSON.parse(runPython(python, CHECK, [spectraPath, coaddPath, truthPath])) as {
      hdus: string[];
      columns: Record<string, string[]>;
      shapes: Record<string, number[]>;
      header: Record<string, unknown>;
      spectra_dia: [number, number];
      coadd_dia: [number, number];
    };
    const bandHdus = ["B", "R", "Z"].flatMap((b) => ["WAVELENGTH", "FLUX", "IVAR", "MASK", "RESOLUTION"].map((x) => `${b}_${x}`));
    expect(out.hdus).toEqual(["PRIMARY", "FIBERMAP", "EXP_FIBERMAP", ...bandHdus, "SCORES"]);
    expect(out.header).toEqual({ SPGRP: "healpix", HPXPIXEL: 27000, HPXNSIDE: 64, HPXNEST: true, SURVEY: "main", PROGRAM: "dark" });
    const fm = out.columns["FIBERMAP"]!;
    expect(fm.slice(0, 2)).toEqual(["TARGETID", "COADD_FIBERSTATUS"]);
    expect(fm).toEqual(expect.arrayContaining(["OBJTYPE", "TARGET_RA", "TARGET_DEC", "COADD_NUMEXP", "COADD_EXPTIME", "MEAN_FIBER_RA", "MEAN_MJD"]));
    expect(fm).not.toContain("FIBERSTATUS");
    expect(out.columns["EXP_FIBERMAP"]).toEqual(
      expect.arrayContaining(["TARGETID", "TILEID", "EXPID", "FIBER", "FIBERSTATUS", "IN_COADD_B", "IN_COADD_R", "IN_COADD_Z"]),
    );
    expect(out.columns["SCORES"]).toEqual(expect.arrayContaining(["TARGETID", "MEDIAN_COADD_FLUX_B", "MEDIAN_COADD_SNR_Z", "TSNR2_ELG_B", "TSNR2_LRG"]));
    expect(out.shapes["B_RESOLUTION"]).toEqual([3, 11, c.B_WAVELENGTH.data.length]);
    // The stored diagonals reproduce the noiseless flux through scipy; their transpose does not.
    expect(out.spectra_dia[0]).toBeLessThan(1e-5);
    expect(out.coadd_dia[0]).toBeLessThan(1e-5);
    expect(out.spectra_dia[1]).toBeGreaterThan(1e-3);
    expect(out.coadd_dia[1]).toBeGreaterThan(1e-3);
  });
});
