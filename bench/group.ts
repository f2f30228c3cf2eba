/**
 * Regrouping by healpix, one night of the twopct profile's shape: 10 petals × b, r, z × 10
 * exposures (5 tiles observed twice) of synthetic cframes on DESI's wavelength grids (2751, 2326,
 * 2881 pixels), F fibers per petal (default 50: DESI has 500, which would take 23 GB of disk here),
 * regrouped into their nside-64 pixels by group.spectra's kernel on the runtime's file handles.
 * Reports the cframe openings the codec layer counted against the (cframe, pixel) pairs holding a
 * target, the bytes read over the bytes the pixels needed, and seconds per exposure for reading and
 * assembling; encoding and writing the spectra files is timed apart. Bytes read are everything the
 * codec layer read from the cframes, headers included; bytes needed are data only: each cframe's
 * TARGET_RA/TARGET_DEC columns, its wavelengths, and the pixel's rows of FLUX, IVAR, MASK,
 * RESOLUTION, FIBERMAP and SCORES (no header counts as needed).
 *
 *   node scripts/run.mjs bench/group.ts [--fibers F] [--keep DIR]
 *
 * With --keep, the cframes are written under DIR/cframes and the spectra files under DIR/healpix
 * (DESI's layout), for scripts/compare-desispec-group.sh; otherwise in a temporary directory, removed.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readKernelIndex, resolveModules } from "../src/kernels/index.js";
import { ioCount, openProduct, resetIoCount, writeProduct } from "../src/runtime/codecs/index.js";
import type { CFrame } from "../stdlib/datamodel/CFrame.js";
import { groupPixel } from "../stdlib/group/spectra.js";
import { fiberPixelsOf, writeCFrames, type SyntheticLayout } from "../test/group/syntheticCFrames.js";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const fibers = Number(arg("--fibers") ?? 50);
const keep = arg("--keep");

const NEXP = 10;
const layout: SyntheticLayout = {
  nside: 64,
  nfiber: fibers,
  nwave: { b: 2751, r: 2326, z: 2881 },
  petals: Array.from({ length: 10 }, (_, p) => p),
  exposures: Array.from({ length: NEXP }, (_, i) => ({ expid: 100 + i, night: 20250301, tileid: 2000 + Math.floor(i / 2) })),
  // 24 neighbouring pixels; a petal's targets fall in 4 of them, as a petal of a real tile covers 3-4.
  pixels: Array.from({ length: 24 }, (_, i) => 27000 + i),
  pixelsPerPetal: 4,
  seed: 3,
};

const { modules, problems } = resolveModules(join(process.cwd(), "bench/any.dflow"), [{ module: ["stdlib", "group"] }]);
if (problems.length > 0) throw new Error(JSON.stringify(problems));
const index = await readKernelIndex(modules);
const cframeType = index.types.find((t) => t.name === "CFrame");
const spectraType = index.types.find((t) => t.name === "Spectra");
if (cframeType === undefined || spectraType === undefined) throw new Error("no CFrame or Spectra type in the kernel index");

const root = keep ?? mkdtempSync(join(os.tmpdir(), "dflow-bench-group-"));
const cdir = join(root, "cframes");
mkdirSync(cdir, { recursive: true });
try {
  let t0 = performance.now();
  const written = writeCFrames(cframeType, layout, cdir);
  const cbytes = written.reduce((s, c) => s + statSync(c.path).size, 0);
  console.log(
    `cframes: ${written.length} (${NEXP} exposures × 10 petals × 3 cameras, ${fibers} fibers each), ${(cbytes / 1e6).toFixed(0)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s (not counted)`,
  );

  // The (cframe, pixel) pairs holding a target, from the layout alone.
  const byPixel = new Map<number, typeof written>();
  for (const c of written) {
    const pix = fiberPixelsOf(layout, c.exposure.tileid, c.petal);
    for (const h of new Set(pix)) if (h >= 0) byPixel.set(h, [...(byPixel.get(h) ?? []), c]);
  }
  const pixels = [...byPixel.keys()].sort((a, b) => a - b);
  const pairs = [...byPixel.values()].reduce((s, l) => s + l.length, 0);

  let opens = 0;
  let bytes = 0;
  let needed = 0;
  let rows = 0;
  let readSeconds = 0;
  let writeSeconds = 0;
  let outBytes = 0;
  for (const pixel of pixels) {
    const handles = (byPixel.get(pixel) ?? []).map((c) => ({ key: {}, ...openProduct<CFrame>(cframeType, c.path) }));
    resetIoCount();
    t0 = performance.now();
    const out = await groupPixel(handles, pixel, { nside: 64, survey: "main", program: "dark" });
    readSeconds += (performance.now() - t0) / 1000;
    const count = ioCount();
    opens += count.opens;
    bytes += count.bytes;
    needed += out.needed;
    rows += out.spectra.FIBERMAP.TARGETID.length;
    const dir = join(root, "healpix", "main", "dark", String(Math.floor(pixel / 100)), String(pixel));
    mkdirSync(dir, { recursive: true });
    t0 = performance.now();
    const w = writeProduct(spectraType, out.spectra, join(dir, `spectra-main-dark-${pixel}.fits`));
    writeSeconds += (performance.now() - t0) / 1000;
    outBytes += w.bytes;
    if (keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`pixels: ${pixels.length}, spectra rows: ${rows}, spectra files ${(outBytes / 1e6).toFixed(0)} MB`);
  console.log(`cframe openings counted: ${opens}; (cframe, pixel) pairs with a target: ${pairs}${opens === pairs ? " (equal)" : " (DIFFERENT)"}`);
  console.log(
    `bytes read: ${(bytes / 1e6).toFixed(1)} MB; needed: ${(needed / 1e6).toFixed(1)} MB; read/needed ${(bytes / needed).toFixed(4)} (of the ${(cbytes / 1e6).toFixed(0)} MB of cframes: ${(bytes / cbytes).toFixed(3)})`,
  );
  console.log(
    `time: ${readSeconds.toFixed(2)} s reading and assembling (${(readSeconds / NEXP).toFixed(2)} s per exposure), ${writeSeconds.toFixed(2)} s encoding and writing (${(writeSeconds / NEXP).toFixed(2)} s per exposure)`,
  );
} finally {
  if (keep === undefined) rmSync(root, { recursive: true, force: true });
}
