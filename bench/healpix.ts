/**
 * Throughput of `ang2pixArray` (NESTED) against healpy's `ang2pix` on the same 10^6 directions,
 * at nside 64 (DESI's grouping) and 2^20, measured in the same run; plus `radec2pixArray` at
 * nside 64 against `ang2pix(..., lonlat=True)`, the call DESI's grouping makes.
 *
 * Run: npx esbuild bench/healpix.ts --bundle --platform=node --format=esm --outfile=/tmp/healpix.mjs && node /tmp/healpix.mjs
 *
 * Each figure is the best of several timed repetitions after a warm-up; healpy's arrays are the
 * same bytes, passed to one Python process, whose results are checked against ours.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ang2pixArray, radec2pixArray } from "../stdlib/healpix/index.js";
import { findPython, runPython } from "../test/helpers/externalTools.js";

const COUNT = 1_000_000;
const NSIDES = [64, 2 ** 20];
const REPEATS = 11;

/** Uniform directions on the sphere from a fixed seed (mulberry32). */
function directions(n: number, seed: number): { theta: Float64Array; phi: Float64Array } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const theta = new Float64Array(n);
  const phi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    theta[i] = Math.acos(1 - 2 * next());
    phi[i] = 2 * Math.PI * next();
  }
  return { theta, phi };
}

function bestSeconds(run: () => void): number {
  run(); // warm-up: lets the JIT compile the loop
  run();
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const PY = `
import sys, time, json
import numpy as np, healpy as hp
d = sys.argv[1]
theta = np.fromfile(d + "/theta.f8"); phi = np.fromfile(d + "/phi.f8")
res = {}
for ns in json.loads(sys.argv[2]):
    hp.ang2pix(ns, theta, phi, nest=True)
    best = float("inf")
    for _ in range(${REPEATS}):
        t0 = time.perf_counter(); p = hp.ang2pix(ns, theta, phi, nest=True); best = min(best, time.perf_counter() - t0)
    p.astype("<i8").tofile(d + f"/pix_{ns}.i8")
    res[ns] = best
ra, dec = np.degrees(phi), 90.0 - np.degrees(theta)
ra.tofile(d + "/ra.f8"); dec.tofile(d + "/dec.f8")
best = float("inf")
for _ in range(${REPEATS}):
    t0 = time.perf_counter(); p = hp.ang2pix(64, ra, dec, nest=True, lonlat=True); best = min(best, time.perf_counter() - t0)
p.astype("<i8").tofile(d + "/pix_radec.i8")
res["radec"] = best
print(json.dumps(res))
`;

const { theta, phi } = directions(COUNT, 12345);
const dir = mkdtempSync(join(tmpdir(), "dflow-bench-healpix-"));
try {
  writeFileSync(join(dir, "theta.f8"), new Uint8Array(theta.buffer));
  writeFileSync(join(dir, "phi.f8"), new Uint8Array(phi.buffer));
  const python = findPython(["healpy", "numpy"], ["python3-healpy"]);
  const healpy = JSON.parse(runPython(python, PY, [dir, JSON.stringify(NSIDES)])) as Record<string, number>;
  const version = runPython(python, "import healpy; print(healpy.__version__)").trim();
  console.log(`ang2pix, NESTED, ${COUNT.toLocaleString("en")} uniform directions; best of ${REPEATS}; healpy ${version}, node ${process.version}`);
  console.log("call                      dflow (Mpts/s)  healpy (Mpts/s)  speed dflow/healpy");
  const out = new Float64Array(COUNT);
  const readInt64 = (name: string): BigInt64Array => {
    const bytes = readFileSync(join(dir, name));
    return new BigInt64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  const readFloat64 = (name: string): Float64Array => {
    const bytes = readFileSync(join(dir, name));
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  const report = (label: string, seconds: number, healpySeconds: number, reference: BigInt64Array): void => {
    const differing = reference.reduce((n, p, i) => (Number(p) === out[i] ? n : n + 1), 0);
    if (differing > 0) throw new Error(`${label}: ${differing} pixels differ from healpy`);
    const row = [
      label.padEnd(25),
      (COUNT / seconds / 1e6).toFixed(1).padStart(14),
      (COUNT / healpySeconds / 1e6).toFixed(1).padStart(16),
      (healpySeconds / seconds).toFixed(2).padStart(19),
    ];
    console.log(row.join(" "));
  };
  for (const ns of NSIDES) {
    const seconds = bestSeconds(() => ang2pixArray(ns, theta, phi, true, out));
    report(`ang2pixArray nside ${ns}`, seconds, healpy[String(ns)] ?? NaN, readInt64(`pix_${ns}.i8`));
  }
  const ra = readFloat64("ra.f8");
  const dec = readFloat64("dec.f8");
  const seconds = bestSeconds(() => radec2pixArray(64, ra, dec, true, out));
  report("radec2pixArray nside 64", seconds, healpy["radec"] ?? NaN, readInt64("pix_radec.i8"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
