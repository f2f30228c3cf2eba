/**
 * FITS throughput: write and read a DESI frame (500 fibers × 2881 pixels: FLUX, IVAR f32,
 * MASK i32, WAVELENGTH f64, 11-diagonal RESOLUTION f32[500, 11, 2881], a 500-row FIBERMAP
 * of 20 columns) with dflow, then the same file with astropy in a Python subprocess that
 * times its own work, in the same run. Each figure is the median of 5 runs after a warm-up.
 *
 *   node scripts/run.mjs bench/fitsio.ts
 * or
 *   npx esbuild bench/fitsio.ts --bundle --platform=node --format=esm --outfile=/tmp/fitsio.mjs && node /tmp/fitsio.mjs
 *
 * Both sides write CHECKSUM/DATASUM (dflow always does; astropy with checksum=True) and read
 * every HDU fully into memory (astropy with memmap=False, every table column converted).
 * astropy's arrays stay big-endian, so its read is also timed with the conversion to host
 * order that dflow's typed arrays include.
 */
import { cpus, tmpdir } from "node:os";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Column, FitsHdu } from "../stdlib/io/fits/index.js";
import { card, openFits, readFits, writeFits } from "../stdlib/io/fits/index.js";
import { findPython, runPython } from "../test/helpers/externalTools.js";

const NSPEC = 500;
const NWAVE = 2881;
const RUNS = 5;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frame(): FitsHdu[] {
  const r = rng(42);
  const f32 = (n: number) => Float32Array.from({ length: n }, r);
  const n = NSPEC;
  const fibermap: Column[] = [
    { name: "TARGETID", data: BigInt64Array.from({ length: n }, (_, i) => (1n << 58n) | BigInt(i)) },
    { name: "PETAL_LOC", data: Int16Array.from({ length: n }, () => 3) },
    { name: "DEVICE_LOC", data: Int32Array.from({ length: n }, (_, i) => i) },
    { name: "LOCATION", data: BigInt64Array.from({ length: n }, (_, i) => 3000n + BigInt(i)) },
    { name: "FIBER", data: Int32Array.from({ length: n }, (_, i) => 1500 + i) },
    { name: "FIBERSTATUS", data: new Int32Array(n) },
    { name: "TARGET_RA", data: Float64Array.from({ length: n }, r), unit: "deg" },
    { name: "TARGET_DEC", data: Float64Array.from({ length: n }, r), unit: "deg" },
    { name: "OBJTYPE", data: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? "SKY" : "TGT")) },
    { name: "FA_TYPE", data: Uint8Array.from({ length: n }, (_, i) => i % 4) },
    { name: "PRIORITY", data: Int32Array.from({ length: n }, () => 3400) },
    { name: "SUBPRIORITY", data: Float64Array.from({ length: n }, r) },
    { name: "BRICKNAME", data: Array.from({ length: n }, () => "1501p020") },
    { name: "MORPHTYPE", data: Array.from({ length: n }, () => "REX") },
    { name: "FLUX_G", data: f32(n), unit: "nanomaggy" },
    { name: "FLUX_R", data: f32(n), unit: "nanomaggy" },
    { name: "FLUX_Z", data: f32(n), unit: "nanomaggy" },
    { name: "EBV", data: f32(n) },
    { name: "DESI_TARGET", data: BigInt64Array.from({ length: n }, (_, i) => (1n << BigInt(58 + (i % 5))) | 1n) },
    { name: "PHOTSYS", data: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "N" : "S")) },
  ];
  return [
    {
      kind: "image",
      name: "FLUX",
      header: { cards: [card("NIGHT", 20201214n), card("EXPID", 12345n), card("CAMERA", "z1"), card("BUNIT", "electron/Angstrom")] },
      shape: [NSPEC, NWAVE],
      data: f32(NSPEC * NWAVE),
    },
    { kind: "image", name: "IVAR", header: { cards: [] }, shape: [NSPEC, NWAVE], data: f32(NSPEC * NWAVE) },
    {
      kind: "image",
      name: "MASK",
      header: { cards: [] },
      shape: [NSPEC, NWAVE],
      data: Int32Array.from({ length: NSPEC * NWAVE }, (_, i) => (i % 97 === 0 ? 1 : 0)),
    },
    { kind: "image", name: "WAVELENGTH", header: { cards: [] }, shape: [NWAVE], data: Float64Array.from({ length: NWAVE }, (_, i) => 7520 + 0.8 * i) },
    { kind: "image", name: "RESOLUTION", header: { cards: [] }, shape: [NSPEC, 11, NWAVE], data: f32(NSPEC * 11 * NWAVE) },
    { kind: "table", name: "FIBERMAP", header: { cards: [] }, nrows: NSPEC, columns: fibermap },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function timeIt(action: () => void): number[] {
  action(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    action();
    times.push((performance.now() - t0) / 1000);
  }
  return times;
}

const ASTROPY = `
import json, sys, time
import numpy as np
from astropy.io import fits
src, dst, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
with fits.open(src, memmap=False) as hl:
    hdus = fits.HDUList([h.copy() for h in hl])
    for h in hdus:
        if h.data is not None:
            h.data = h.data.copy() if not isinstance(h, fits.BinTableHDU) else h.data
def write():
    hdus.writeto(dst, overwrite=True, checksum=True)
def load(native):
    # astropy hands out big-endian arrays; "native" also converts them to host order, the
    # state dflow's typed arrays are in.
    fix = (lambda a: a.astype(a.dtype.newbyteorder("="))) if native else (lambda a: a)
    with fits.open(dst, memmap=False) as hl:
        for h in hl:
            if isinstance(h, fits.BinTableHDU):
                for name in h.columns.names:
                    fix(np.asarray(h.data[name]))
            elif h.data is not None:
                fix(np.asarray(h.data))
def read():
    load(False)
def read_native():
    load(True)
def timed(f):
    f()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter(); f(); out.append(time.perf_counter() - t0)
    return out
w = timed(write)
r = timed(read)
n = timed(read_native)
json.dump({"write": w, "read": r, "native": n}, sys.stdout)
`;

const dir = mkdtempSync(join(tmpdir(), "dflow-fitsio-"));
try {
  const hdus = frame();
  const ours = join(dir, "frame-dflow.fits");
  const theirs = join(dir, "frame-astropy.fits");
  const write = timeIt(() => writeFits(ours, hdus));
  const bytes = statSync(ours).size;
  const read = timeIt(() => void readFits(ours));
  const readVerified = timeIt(() => void readFits(ours, { checksum: "verify" }));
  const lazy = timeIt(() => {
    const f = openFits(ours);
    f.readImageRows("RESOLUTION", 200, 210);
    f.readRows("FIBERMAP", 0, NSPEC, ["TARGETID", "FLUX_R"]);
    f.close();
  });
  const py = findPython(["astropy", "numpy"], ["python3-astropy"]);
  const astropy = JSON.parse(runPython(py, ASTROPY, [ours, theirs, String(RUNS)])) as { write: number[]; read: number[]; native: number[] };
  const astropyBytes = statSync(theirs).size;
  const mb = (b: number, s: number) => b / 1e6 / s;
  const model = cpus()[0]?.model ?? "?";
  const row = (label: string, b: number, s: number) => `${label.padEnd(34)} ${(s * 1000).toFixed(1).padStart(8)} ms ${mb(b, s).toFixed(0).padStart(7)} MB/s`;
  console.log(`machine: ${cpus().length} × ${model}, node ${process.version}`);
  console.log(`file: ${(bytes / 1e6).toFixed(1)} MB (astropy's copy ${(astropyBytes / 1e6).toFixed(1)} MB), median of ${RUNS} runs`);
  console.log(row("dflow write (with checksums)", bytes, median(write)));
  console.log(row("astropy write (checksum=True)", astropyBytes, median(astropy.write)));
  console.log(row("dflow read (all HDUs)", bytes, median(read)));
  console.log(row("dflow read + verify checksums", bytes, median(readVerified)));
  console.log(row("astropy read (memmap=False, all)", astropyBytes, median(astropy.read)));
  console.log(row("astropy read + to host byte order", astropyBytes, median(astropy.native)));
  console.log(`dflow open + 10 RESOLUTION rows + 2 columns: ${(median(lazy) * 1000).toFixed(2)} ms`);
  console.log(`ratio write (astropy time / dflow time): ${(median(astropy.write) / median(write)).toFixed(2)}`);
  console.log(
    `ratio read  (astropy time / dflow time): ${(median(astropy.read) / median(read)).toFixed(2)} as returned, ${(median(astropy.native) / median(read)).toFixed(2)} in host byte order`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
