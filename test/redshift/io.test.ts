/**
 * readCoadd reads DESI's spectra and coadd files, not only ours: files written by astropy in
 * desispec's layout (HDU order, extra fibermap columns, a float64 band, a band without MASK, an
 * uncoadded file with repeated TARGETIDs) and our Coadd product as the FITS codec writes it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCoadd, readTemplateFits, targetRows } from "../../stdlib/redshift/index.js";
import { writeProduct } from "../../src/runtime/codecs/index.js";
import { findPython, runPython } from "../helpers/externalTools.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { buildCoadd } from "./kernelFixtures.js";

/** Writes a desispec-layout file with astropy and prints the arrays it wrote, as JSON. */
const WRITE_DESI = String.raw`
import json, sys
import numpy as np
from astropy.io import fits
from astropy.table import Table
path, kind = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(7)
base = 2**58
ids = np.array([base + 11, base + 12, base + 11, base + 13] if kind == "spectra" else [base + 11, base + 12, base + 13], dtype=np.int64)
n = len(ids)
h0 = fits.PrimaryHDU()
for k, v in (("SPGRP", "healpix"), ("SPGRPVAL", 27258), ("HPXPIXEL", 27258), ("HPXNSIDE", 64), ("HPXNEST", True), ("SURVEY", "main"), ("PROGRAM", "dark")):
    h0.header[k] = v
fm = Table()
fm["TARGETID"] = ids
if kind == "coadd":
    fm["COADD_FIBERSTATUS"] = np.array([0, 4, 0], dtype=np.int32)
fm["TARGET_RA"] = rng.uniform(0, 360, n)
fm["TARGET_DEC"] = rng.uniform(-10, 10, n)
fm["OBJTYPE"] = np.array(["TGT", "TGT", "SKY", "TGT"][:n])
fm["PHOTSYS"] = np.array(["S"] * n)
if kind == "spectra":
    fm["FIBERSTATUS"] = np.array([0, 0, 0, 4], dtype=np.int32)
    fm["TILEID"] = np.array([1000, 1000, 1001, 1001], dtype=np.int32)
hdus = [h0, fits.BinTableHDU(fm, name="FIBERMAP")]
if kind == "coadd":
    exp = Table()
    exp["TARGETID"] = np.repeat(ids, 2)
    exp["EXPID"] = np.tile(np.array([100, 101], dtype=np.int32), n)
    hdus.append(fits.BinTableHDU(exp, name="EXP_FIBERMAP"))
out = {"ids": [str(x) for x in ids]}
for band, nw, w0 in (("B", 40, 3600.0), ("R", 30, 5760.0), ("Z", 20, 7520.0)):
    wave = w0 + 0.8 * np.arange(nw)
    flux = rng.normal(1, 0.3, (n, nw)).astype(np.float64 if band == "R" else np.float32)
    ivar = rng.uniform(0.5, 2, (n, nw)).astype(np.float32)
    res = rng.uniform(0, 1, (n, 11, nw)).astype(np.float32)
    hdus += [fits.ImageHDU(wave, name=band + "_WAVELENGTH"), fits.ImageHDU(flux, name=band + "_FLUX"), fits.ImageHDU(ivar, name=band + "_IVAR")]
    if band != "Z":
        mask = (rng.uniform(0, 1, (n, nw)) < 0.1).astype(np.int32)
        hdus.append(fits.ImageHDU(mask, name=band + "_MASK"))
        out[band + "_MASK"] = mask.ravel().tolist()
    hdus.append(fits.ImageHDU(res, name=band + "_RESOLUTION"))
    out[band] = {"wave": wave.tolist(), "flux": flux.ravel().tolist(), "ivar": ivar.ravel().astype(float).tolist(), "res": res.ravel().astype(float).tolist()}
sc = Table()
sc["TARGETID"] = ids
sc["TSNR2_LRG"] = rng.uniform(0, 100, n).astype(np.float32)
if kind != "noscores":
    hdus.append(fits.BinTableHDU(sc, name="SCORES"))
fits.HDUList(hdus).writeto(path, overwrite=True)
print(json.dumps(out))
`;

interface Written {
  ids: string[];
  B: { wave: number[]; flux: number[]; ivar: number[]; res: number[] };
  R: { wave: number[]; flux: number[]; ivar: number[]; res: number[] };
  Z: { wave: number[]; flux: number[]; ivar: number[]; res: number[] };
  B_MASK: number[];
}

let dir: string;
let python: string;
const write = (kind: string): { path: string; w: Written } => {
  const path = join(dir, `${kind}.fits`);
  return { path, w: JSON.parse(runPython(python, WRITE_DESI, [path, kind])) as Written };
};
beforeAll(() => {
  python = findPython(["astropy", "numpy"], ["python3-astropy", "python3-numpy"]);
  dir = mkdtempSync(join(tmpdir(), "dflow-redshift-io-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readCoadd on files in desispec's layout written by astropy", () => {
  it("reads a coadd: header keywords, FIBERMAP with its extra columns, EXP_FIBERMAP, SCORES and every band's arrays", () => {
    const { path, w } = write("coadd");
    const s = readCoadd(path);
    expect(s.header).toMatchObject({ SPGRP: "healpix", HPXPIXEL: 27258, HPXNSIDE: 64, HPXNEST: true, SURVEY: "main", PROGRAM: "dark" });
    expect(s.nrows).toBe(3);
    expect(Array.from(s.fibermap["TARGETID"] as BigInt64Array, String)).toEqual(w.ids);
    expect(Array.from(s.fibermap["COADD_FIBERSTATUS"] as Int32Array)).toEqual([0, 4, 0]);
    expect((s.fibermap["OBJTYPE"] as string[]).map((x) => x.trim())).toEqual(["TGT", "TGT", "SKY"]);
    expect(Object.keys(s.fibermap)).toContain("PHOTSYS");
    expect((s.expFibermap?.["EXPID"] as Int32Array).length).toBe(6);
    expect(Object.keys(s.scores ?? {})).toEqual(["TARGETID", "TSNR2_LRG"]);
    expect(s.bands.map((b) => [b.band, b.wave.length, b.ndiag, b.mask !== undefined])).toEqual([
      ["b", 40, 11, true],
      ["r", 30, 11, true],
      ["z", 20, 11, false],
    ]);
    const [b, r, z] = s.bands;
    expect(Array.from(b!.wave)).toEqual(w.B.wave);
    expect(Array.from(b!.flux)).toEqual(w.B.flux.map((x) => Math.fround(x)));
    expect(Array.from(r!.flux)).toEqual(w.R.flux);
    expect(Array.from(z!.ivar)).toEqual(w.Z.ivar);
    expect(Array.from(z!.resolution)).toEqual(w.Z.res);
    expect(Array.from(b!.mask!)).toEqual(w.B_MASK);
  });

  it("groups an uncoadded file's rows by TARGETID, in order of first appearance, with every row's bands", () => {
    const { path, w } = write("spectra");
    const s = readCoadd(path);
    expect(s.expFibermap).toBeUndefined();
    const t = targetRows(s);
    expect(t.map((x) => [String(x.targetid), x.rows])).toEqual([
      [w.ids[0], [0, 2]],
      [w.ids[1], [1]],
      [w.ids[3], [3]],
    ]);
    expect(t[0]!.spectra.length).toBe(6);
    // Row 2's r band: flux row 2 of R_FLUX, resolution block 2 of R_RESOLUTION.
    expect(Array.from(t[0]!.spectra[4]!.flux)).toEqual(w.R.flux.slice(60, 90));
    expect(Array.from(t[0]!.spectra[4]!.resolution)).toEqual(w.R.res.slice(2 * 330, 3 * 330));
  });

  it("refuses a file without SCORES, as rrdesi does, naming the HDU", () => {
    const { path } = write("noscores");
    expect(() => readCoadd(path)).toThrow(/no SCORES HDU/);
  });
});

describe("readCoadd on our Coadd product", () => {
  it("reads what the FITS codec wrote: the same TARGETIDs, grids, fluxes, masks and resolution", async () => {
    const coadd = await buildCoadd([{ targetid: 5n }, { targetid: 6n, objtype: "SKY" }]);
    const path = join(dir, "coadd-ours.fits");
    writeProduct(await productType("Coadd"), coadd, path);
    const s = readCoadd(path);
    expect(Array.from(s.fibermap["TARGETID"] as BigInt64Array)).toEqual([5n, 6n]);
    expect(s.expFibermap).toBeDefined();
    expect(s.bands.map((b) => b.band)).toEqual(["b", "r", "z"]);
    expect(Array.from(s.bands[1]!.wave)).toEqual(Array.from(coadd.R_WAVELENGTH.data));
    expect(Array.from(s.bands[2]!.resolution)).toEqual(Array.from(coadd.Z_RESOLUTION.data));
    expect(Array.from(s.bands[0]!.mask!)).toEqual(Array.from(coadd.B_MASK.data));
    expect(s.header).toMatchObject({ HPXPIXEL: 9000, SURVEY: "main" });
  });
});

/** A star template as redrock-templates writes it: linear wavelengths with LOGLAM the logical F. */
const WRITE_STAR_TEMPLATE = String.raw`
import sys
import numpy as np
from astropy.io import fits
h = fits.PrimaryHDU(np.ones((2, 5), dtype=np.float32))
h.header["EXTNAME"] = "BASIS_VECTORS"
log = sys.argv[2] == "log"
for k, v in (("CRVAL1", 3.5 if log else 3500.0), ("CDELT1", 0.001 if log else 0.5), ("LOGLAM", log), ("RRTYPE", "STAR"), ("RRSUBTYP", "K"), ("VERSION", "0.1")):
    h.header[k] = v
fits.HDUList([h]).writeto(sys.argv[1], overwrite=True)
`;

describe("readTemplateFits on redrock's template headers", () => {
  it("takes LOGLAM = F as linear wavelengths and LOGLAM = T as log10", () => {
    const lin = join(dir, "rrtemplate-lin.fits");
    const log = join(dir, "rrtemplate-log.fits");
    runPython(python, WRITE_STAR_TEMPLATE, [lin, "lin"]);
    runPython(python, WRITE_STAR_TEMPLATE, [log, "log"]);
    expect(Array.from(readTemplateFits(lin).wave)).toEqual([3500, 3500.5, 3501, 3501.5, 3502]);
    expect(readTemplateFits(log).wave[1]! / 10 ** 3.501).toBeCloseTo(1, 12);
  });
});
