/**
 * The regrouping by healpix on synthetic cframes written to disk: the pixel map and the relation
 * name exactly the cframes holding rows of a pixel; the group kernel opens each of them once
 * (counted by the codec layer), reads little more than the rows it needs, gives the rows a
 * whole-file reading selects, and the same bytes whatever the order of its inputs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ProductTypeInfo } from "../../src/kernels/index.js";
import { decodeProduct, encodeProductBytes, ioCount, openProduct, resetIoCount, writeProduct } from "../../src/runtime/codecs/index.js";
import type { CFrame } from "../../stdlib/datamodel/CFrame.js";
import type { ExposureList } from "../../stdlib/datamodel/ExposureList.js";
import type { Fibermap } from "../../stdlib/datamodel/Fibermap.js";
import { observedBy, petalPixels } from "../../stdlib/group/index.js";
import { groupPixel } from "../../stdlib/group/spectra.js";
import { openFits } from "../../stdlib/io/fits/index.js";
import { isKernelError, type Handle } from "../../stdlib/kernel.js";
import { handle } from "../example/helpers.js";
import { findPython, findTool, runPython } from "../helpers/externalTools.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { fiberPixelsOf, syntheticCFrame, writeCFrames, type SyntheticLayout, type WrittenCFrame } from "./syntheticCFrames.js";
import { spawnSync } from "node:child_process";

const LAYOUT: SyntheticLayout = {
  nside: 64,
  nfiber: 40,
  nwave: { b: 600, r: 500, z: 650 },
  petals: [0, 1, 2],
  exposures: [
    { expid: 11, night: 20250101, tileid: 1000 },
    { expid: 12, night: 20250101, tileid: 1000 },
    { expid: 21, night: 20250102, tileid: 1001 },
    { expid: 22, night: 20250103, tileid: 1001 },
  ],
  pixels: [17000, 17001, 17003],
  seed: 5,
};
const PARAMS = { nside: 64, survey: "main", program: "dark" };
/** Exposure 22 lacks its z2 camera: the kernel fills that band with no data. */
const missing = (c: { band: string; petal: number; exposure: { expid: number } }) => c.band === "z" && c.petal === 2 && c.exposure.expid === 22;

let dir: string;
let cframeType: ProductTypeInfo;
let spectraType: ProductTypeInfo;
let written: WrittenCFrame[];
const ctx = { rng: undefined as never, key: {}, log: () => {} };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dflow-group-"));
  cframeType = await productType("CFrame");
  spectraType = await productType("Spectra");
  written = writeCFrames(cframeType, LAYOUT, dir, missing);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The (pixel, expid, petal) triples holding at least one fiber, from the layout alone. */
function truePairs(): string[] {
  const out: string[] = [];
  for (const e of LAYOUT.exposures) {
    for (const p of LAYOUT.petals) {
      const pix = fiberPixelsOf(LAYOUT, e.tileid, p);
      for (const h of LAYOUT.pixels) if (pix.includes(h)) out.push(`${h},${e.expid},${p}`);
    }
  }
  return out.sort();
}

const realHandle = (c: WrittenCFrame): Handle<CFrame> => ({ key: {}, ...openProduct<CFrame>(cframeType, c.path) });
const handlesOf = (pixel: number): WrittenCFrame[] => written.filter((c) => fiberPixelsOf(LAYOUT, c.exposure.tileid, c.petal).includes(pixel));

describe("group", () => {
  test("The pixel map and the relation pixel → (exposure, petal) hold exactly the pairs with a fiber in the pixel.", async () => {
    const tiles = [...new Set(LAYOUT.exposures.map((e) => e.tileid))];
    const fibermaps = tiles.map((tileid) => {
      const parts = LAYOUT.petals.map(
        (p) =>
          syntheticCFrame(
            LAYOUT,
            "b",
            p,
            LAYOUT.exposures.find((e) => e.tileid === tileid)!,
          ).FIBERMAP,
      );
      const cat = <T>(pick: (f: CFrame["FIBERMAP"]) => ArrayLike<T>): T[] => parts.flatMap((f) => Array.from(pick(f)));
      const fm = {
        FIBER: Int32Array.from(cat((f) => f.FIBER)),
        TARGET_RA: Float64Array.from(cat((f) => f.TARGET_RA)),
        TARGET_DEC: Float64Array.from(cat((f) => f.TARGET_DEC)),
      };
      return handle({ header: { TILEID: tileid, SURVEY: "main", PROGRAM: "dark" }, FIBERMAP: fm } as unknown as Fibermap);
    });
    const exposures = handle({
      meta: {},
      EXPID: Int32Array.from([...LAYOUT.exposures.map((e) => e.expid), 99, 98]),
      TILEID: Int32Array.from([...LAYOUT.exposures.map((e) => e.tileid), -1, 1000]),
      FLAVOR: [...LAYOUT.exposures.map(() => "science"), "flat", "science"],
      PROGRAM: [...LAYOUT.exposures.map(() => "DARK"), "CALIB", "BRIGHT"],
    } as unknown as ExposureList);
    const { tilepix } = await petalPixels({ exposures, fibermaps: [...fibermaps].reverse() }, { nside: 64, npetal: 3, survey: "main", program: "dark" }, ctx);
    expect(Array.from(tilepix.TILEID)).toEqual([...tilepix.TILEID].sort((a, b) => a - b));
    const rel = await observedBy({ tilepix: handle(tilepix), exposures }, {}, ctx);
    expect(rel.pairs.map((p) => p.join(",")).sort()).toEqual(truePairs());
    // Petals past npetal are left out.
    const two = await petalPixels({ exposures, fibermaps }, { nside: 64, npetal: 2, survey: "main", program: "dark" }, ctx);
    expect(Math.max(...two.tilepix.PETAL)).toBe(1);
  });

  test("Each cframe of a pixel is opened once, and the bytes read are at most 1.2 × the bytes the pixel needs.", async () => {
    let opens = 0;
    let pairs = 0;
    let bytes = 0;
    let needed = 0;
    for (const pixel of LAYOUT.pixels) {
      const mine = handlesOf(pixel);
      resetIoCount();
      const out = await groupPixel(mine.map(realHandle), pixel, PARAMS);
      const count = ioCount();
      expect(count.files.size).toBe(mine.length);
      for (const f of count.files.values()) expect(f.opens).toBe(1);
      expect(out.cframes).toBe(mine.length);
      // Beyond the data needed, a cframe's opening reads each header once (to its END block) and
      // whole FIBERMAP and SCORES rows where only some of their columns were needed: never more.
      let headers = 0;
      let tables = 0;
      for (const c of mine) {
        const layout = openFits(c.path);
        headers += layout.hdus.reduce((sum, h) => sum + h.dataStart - h.headerStart, 0);
        tables += layout.hdu("FIBERMAP").dataBytes + layout.hdu("SCORES").dataBytes;
        layout.close();
      }
      expect(count.bytes - out.needed).toBeGreaterThanOrEqual(headers);
      expect(count.bytes - out.needed).toBeLessThanOrEqual(headers + tables);
      opens += count.opens;
      pairs += mine.length;
      bytes += count.bytes;
      needed += out.needed;
    }
    expect(opens).toBe(pairs);
    expect(bytes / needed).toBeLessThanOrEqual(1.2);
    expect(bytes / needed).toBeGreaterThan(1);
  });

  test("The spectra hold the rows a whole-file reading selects: by spectrograph, night, exposure, fiber; a missing camera has no data.", async () => {
    const pixel = LAYOUT.pixels[1]!;
    const mine = handlesOf(pixel);
    const { spectra } = await groupPixel(mine.map(realHandle), pixel, PARAMS);
    const whole = new Map(mine.map((c) => [`${c.band}${c.petal}-${c.exposure.expid}`, decodeProduct<CFrame>(cframeType, c.path)]));
    const order = [...new Set(mine.map((c) => `${c.petal},${c.exposure.night},${c.exposure.expid}`))].map(
      (k) => k.split(",").map(Number) as [number, number, number],
    );
    order.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    let row = 0;
    let nodata = 0;
    for (const [petal, , expid] of order) {
      const ref = whole.get(`b${petal}-${expid}`)!;
      const fibers = Array.from(fiberPixelsOf(LAYOUT, ref.header["TILEID"] as number, petal).entries())
        .filter(([, h]) => h === pixel)
        .map(([f]) => f);
      for (const f of fibers) {
        expect(spectra.FIBERMAP.TARGETID[row]).toBe(ref.FIBERMAP.TARGETID[f]);
        expect(spectra.FIBERMAP.EXPID[row]).toBe(expid);
        expect(spectra.SCORES.TARGETID[row]).toBe(ref.FIBERMAP.TARGETID[f]);
        let status = 0;
        for (const band of ["b", "r", "z"] as const) {
          const fr = whole.get(`${band}${petal}-${expid}`);
          const X = band.toUpperCase() as "B" | "R" | "Z";
          const nw = LAYOUT.nwave[band];
          const got = (name: "FLUX" | "MASK" | "RESOLUTION", per: number) => Array.from(spectra[`${X}_${name}`].data.subarray(row * per, (row + 1) * per));
          if (fr === undefined) {
            expect(got("MASK", nw).every((m) => m === 1 << 8)).toBe(true);
            expect(spectra[`${X}_IVAR`].data.subarray(row * nw, (row + 1) * nw).every((v) => v === 0)).toBe(true);
            expect(spectra.SCORES[`TSNR2_LRG_${X}`][row]).toBe(0);
            nodata += 1;
            continue;
          }
          status |= fr.FIBERMAP.FIBERSTATUS[f]!;
          expect(got("FLUX", nw)).toEqual(Array.from(fr.FLUX.data.subarray(f * nw, (f + 1) * nw)));
          expect(got("MASK", nw)).toEqual(Array.from(fr.MASK.data.subarray(f * nw, (f + 1) * nw)));
          expect(got("RESOLUTION", 11 * nw)).toEqual(Array.from(fr.RESOLUTION.data.subarray(f * 11 * nw, (f + 1) * 11 * nw)));
          expect(spectra.SCORES[`MEDIAN_CALIB_SNR_${X}`][row]).toBe(fr.SCORES[`MEDIAN_CALIB_SNR_${X}`]![f]);
        }
        expect(spectra.FIBERMAP.FIBERSTATUS[row]).toBe(status);
        row += 1;
      }
    }
    expect(row).toBe(spectra.FIBERMAP.TARGETID.length);
    expect(nodata).toBeGreaterThan(0);
    expect(spectra.B_FLUX.shape).toEqual([row, LAYOUT.nwave.b]);
    expect(spectra.header).toMatchObject({ SPGRP: "healpix", HPXPIXEL: pixel, HPXNSIDE: 64, HPXNEST: true, SURVEY: "main", PROGRAM: "dark" });
  });

  test("A pixel's file is byte-identical whatever the order of its inputs.", async () => {
    const pixel = LAYOUT.pixels[0]!;
    const mine = handlesOf(pixel);
    const bytes = async (list: WrittenCFrame[]) => encodeProductBytes(spectraType, (await groupPixel(list.map(realHandle), pixel, PARAMS)).spectra);
    const a = await bytes(mine);
    const shuffled = [...mine].sort(
      (x, y) => ((x.petal * 7 + x.exposure.expid * 13 + x.band.charCodeAt(0)) % 11) - ((y.petal * 7 + y.exposure.expid * 13 + y.band.charCodeAt(0)) % 11),
    );
    expect(shuffled.map((c) => c.path)).not.toEqual(mine.map((c) => c.path));
    expect(Buffer.from(await bytes([...mine].reverse())).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(await bytes(shuffled)).equals(Buffer.from(a))).toBe(true);
  });

  test("A NaN or ±Infinity flux, ivar or resolution in a cframe is written as a masked pixel: FLUX 0, IVAR 0, MASK NODATA.", async () => {
    const pixel = LAYOUT.pixels[0]!;
    const mine = handlesOf(pixel);
    const c = mine.find((w) => w.band === "b")!;
    const fibers = Array.from(fiberPixelsOf(LAYOUT, c.exposure.tileid, c.petal).entries()).filter(([, h]) => h === pixel);
    const f = fibers[0]![0];
    const nw = LAYOUT.nwave.b;
    const poisoned = syntheticCFrame(LAYOUT, c.band, c.petal, c.exposure);
    poisoned.FLUX.data[f * nw + 3] = NaN;
    poisoned.IVAR.data[f * nw + 4] = NaN;
    poisoned.IVAR.data[f * nw + 5] = Infinity;
    poisoned.RESOLUTION.data[f * 11 * nw + 5 * nw + 6] = -Infinity;
    const inputs = mine.map((w) => (w === c ? handle<CFrame>(poisoned) : realHandle(w)));
    const { spectra } = await groupPixel(inputs, pixel, PARAMS);
    for (const hdu of ["B_FLUX", "B_IVAR", "B_RESOLUTION"] as const) expect(spectra[hdu].data.every((v) => Number.isFinite(v))).toBe(true);
    const rows = Array.from(spectra.FIBERMAP.TARGETID.entries()).filter(
      ([i, id]) => id === poisoned.FIBERMAP.TARGETID[f] && spectra.FIBERMAP.EXPID[i] === c.exposure.expid,
    );
    expect(rows.length).toBe(1);
    const row = rows[0]![0];
    for (const i of [3, 4, 5, 6]) {
      expect([spectra.B_FLUX.data[row * nw + i], spectra.B_IVAR.data[row * nw + i]]).toEqual([0, 0]);
      expect(spectra.B_MASK.data[row * nw + i]! & (1 << 8)).toBe(1 << 8);
    }
    expect(spectra.B_RESOLUTION.data[row * 11 * nw + 5 * nw + 6]).toBe(0);
    expect(spectra.B_IVAR.data[row * nw + 7]).toBe(poisoned.IVAR.data[f * nw + 7]);
  });

  test("A cframe of another program, or two cframes of one camera and exposure, fail the pixel with a KernelError.", async () => {
    const pixel = LAYOUT.pixels[0]!;
    const mine = handlesOf(pixel);
    const c = mine[0]!;
    const bright = syntheticCFrame(LAYOUT, c.band, c.petal, c.exposure);
    const mixed = [...mine.map(realHandle), handle({ ...bright, header: { ...bright.header, EXPID: 77, PROGRAM: "bright" } }) as Handle<CFrame>];
    const err = await groupPixel(mixed, pixel, PARAMS).catch((e: unknown) => e);
    expect(isKernelError(err) && /programs are never grouped together/.test(err.message)).toBe(true);
    const twice = await groupPixel([...mine, c].map(realHandle), pixel, PARAMS).catch((e: unknown) => e);
    expect(isKernelError(twice) && /two .* cframes of exposure/.test(twice.message)).toBe(true);
  });

  test("A spectra file passes fitsverify and opens in astropy with the HDUs and columns DESI's redshift fitter reads.", async () => {
    const pixel = LAYOUT.pixels[2]!;
    const { spectra } = await groupPixel(handlesOf(pixel).map(realHandle), pixel, PARAMS);
    const path = join(dir, `spectra-main-dark-${pixel}.fits`);
    writeProduct(spectraType, spectra, path);
    const verify = spawnSync(findTool("fitsverify", "fitsverify"), ["-q", "-e", path], { encoding: "utf8" });
    expect(verify.stdout + verify.stderr).toMatch(/verification OK/);
    const py = findPython(["astropy"], ["python3-astropy"]);
    const report = runPython(
      py,
      `
import sys, json
from astropy.io import fits
with fits.open(sys.argv[1], checksum=True) as h:
    names = [x.name for x in h]
    n = h["FIBERMAP"].data.shape[0]
    out = {"names": names, "n": n, "hdr": {k: h[0].header[k] for k in ("SPGRP", "HPXPIXEL", "HPXNSIDE", "HPXNEST", "SURVEY", "PROGRAM")}}
    fm = h["FIBERMAP"].columns
    out["fibermap"] = {c.name: c.format for c in fm if c.name in ("TARGETID", "OBJTYPE", "FIBERSTATUS", "TILEID", "EXPID", "NIGHT", "MJD", "TARGET_RA", "TARGET_DEC")}
    out["scores"] = "TARGETID" in h["SCORES"].columns.names and h["SCORES"].data.shape[0] == n and all(c.startswith("TSNR2_") or c in ("TARGETID",) or c.startswith("MEDIAN_CALIB_SNR_") for c in h["SCORES"].columns.names)
    shapes = {}
    for b in "BRZ":
        w = h[b + "_WAVELENGTH"].data
        shapes[b] = [str(w.dtype), list(h[b + "_FLUX"].data.shape), str(h[b + "_FLUX"].data.dtype), str(h[b + "_IVAR"].data.dtype), str(h[b + "_MASK"].data.dtype), list(h[b + "_RESOLUTION"].data.shape), len(w)]
    out["bands"] = shapes
    out["exp_fibermap"] = "EXP_FIBERMAP" in names
print(json.dumps(out))
`,
      [path],
    );
    const r = JSON.parse(report) as {
      names: string[];
      n: number;
      hdr: Record<string, unknown>;
      fibermap: Record<string, string>;
      scores: boolean;
      bands: Record<string, [string, number[], string, string, string, number[], number]>;
      exp_fibermap: boolean;
    };
    expect(r.names.slice(1)).toEqual(
      expect.arrayContaining(["FIBERMAP", "SCORES", "B_WAVELENGTH", "B_FLUX", "B_IVAR", "B_MASK", "B_RESOLUTION", "Z_RESOLUTION"]),
    );
    expect(r.exp_fibermap).toBe(false);
    expect(r.hdr).toEqual({ SPGRP: "healpix", HPXPIXEL: pixel, HPXNSIDE: 64, HPXNEST: true, SURVEY: "main", PROGRAM: "dark" });
    expect(r.fibermap).toEqual({
      TARGETID: "K",
      TARGET_RA: "D",
      TARGET_DEC: "D",
      OBJTYPE: "3A",
      FIBERSTATUS: "J",
      NIGHT: "J",
      EXPID: "J",
      MJD: "D",
      TILEID: "J",
    });
    expect(r.scores).toBe(true);
    for (const [b, nw] of [
      ["B", 600],
      ["R", 500],
      ["Z", 650],
    ] as const) {
      expect(r.bands[b]).toEqual([">f8", [r.n, nw], ">f4", ">f4", ">i4", [r.n, 11, nw], nw]);
    }
  });
});
