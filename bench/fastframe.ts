/**
 * Exposure-simulation speed: `sim.fastframe` for one full exposure (5000 fibers, 30 cameras:
 * 10 petals × b, r, z) on one thread, from a SimSpec in memory to 30 Frames in memory, against
 * quickgen's ≈ 30 minutes for the same exposure (the twopct sketch's budget for a 5000-fiber
 * quickgen exposure), in the same run. Separately, the time to encode and write the 30 frames
 * with dflow's FITS writer (the runtime's `writeProduct`, validation and checksums included).
 *
 *   node scripts/run.mjs bench/fastframe.ts [--runs R] [--no-write]
 *
 * The SimSpec is built directly, without the template library: 4500 targets flat in f_ν with
 * r from 19 to 22.5 (point sources, exponential disks and de Vaucouleurs bulges), 500 sky fibers,
 * nominal dark conditions with a quarter moon up. Each kernel call gets the runtime's random
 * stream for its task (src/runtime/rng.ts). Compute time is the median of R runs (default 3), as
 * wall time and as the process's CPU time (which a loaded machine inflates less).
 */
import type { ExposureList } from "../stdlib/datamodel/ExposureList.js";
import type { FibermapTable } from "../stdlib/datamodel/FibermapTable.js";
import type { Frame } from "../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../stdlib/datamodel/SimSpec.js";
import { image } from "../stdlib/datamodel/values.js";
import { SIM_NWAVE, flatFnuFlux, simWaveGrid } from "../stdlib/instrument/index.js";
import type { PartitionKey } from "../stdlib/kernel.js";
import { emptyFibermap } from "../stdlib/sim/emptyFibermap.js";
import { fastframe } from "../stdlib/sim/index.js";
import { ctxFor, handle, machineLine, median, mulberry, option, timeWrites } from "./simSetup.js";

const NFIBER = 5000;
const QUICKGEN_SECONDS = 30 * 60;

function exposures(): ExposureList {
  return {
    meta: {},
    EXPID: Int32Array.of(1001),
    NIGHT: Int32Array.of(20250301),
    TILEID: Int32Array.of(5000),
    FLAVOR: ["science"],
    PROGRAM: ["DARK"],
    MJD: Float64Array.of(60735.2),
    EXPTIME: Float32Array.of(1000),
    AIRMASS: Float32Array.of(1.15),
    SEEING: Float32Array.of(1.1),
    TRANSP: Float32Array.of(0.95),
    MOONFRAC: Float32Array.of(0.25),
    MOONALT: Float32Array.of(15),
    MOONSEP: Float32Array.of(80),
    EFFTIME: Float32Array.of(1000),
  };
}

function simspec(): SimSpec {
  const u = mulberry(7);
  const wave = simWaveGrid();
  const flux = new Float32Array(NFIBER * SIM_NWAVE);
  const n = NFIBER;
  const kinds = Array.from({ length: n }, (_, f) => (f % 10 === 5 ? "SKY" : "TGT"));
  const morph = kinds.map((k) => (k === "SKY" ? "" : (["PSF", "EXP", "REX", "DEV"] as const)[Math.floor(u() * 4)]!));
  const shapeR = Float32Array.from(morph, (m) => (m === "PSF" || m === "" ? 0 : 0.3 + 1.5 * u()));
  for (let f = 0; f < n; f++) {
    if (kinds[f] !== "TGT") continue;
    const mag = 19 + 3.5 * u();
    for (let i = 0; i < SIM_NWAVE; i++) flux[f * SIM_NWAVE + i] = flatFnuFlux(mag, wave[i]!);
  }
  const fiber = Int32Array.from({ length: n }, (_, i) => i);
  const fibermap: FibermapTable = {
    ...emptyFibermap(n),
    TARGETID: BigInt64Array.from(fiber, (f) => (kinds[f] === "TGT" ? (1n << 58n) + BigInt(f) : -1n)),
    PETAL_LOC: Int16Array.from(fiber, (f) => Math.floor(f / 500)),
    DEVICE_LOC: Int32Array.from(fiber, (f) => f % 500),
    LOCATION: BigInt64Array.from(fiber, (f) => BigInt(Math.floor(f / 500) * 1000 + (f % 500))),
    FIBER: fiber,
    OBJTYPE: kinds,
    MORPHTYPE: morph,
    SHAPE_R: shapeR,
    EXPTIME: new Float64Array(n).fill(1000),
  };

  return {
    header: { NIGHT: 20250301, EXPID: 1001, TILEID: 5000, EXPTIME: 1000, FLAVOR: "science", TILERA: 150, TILEDEC: 2, SURVEY: "main", FAPRGRM: "dark" },
    WAVE: image(wave, [SIM_NWAVE]),
    FLUX: image(flux, [n, SIM_NWAVE]),
    FIBERMAP: fibermap,
  };
}

const runs = option("--runs", 3);
const skipWrite = process.argv.includes("--no-write");
const exp = handle(exposures());
const spec = handle(simspec());
const cameras: PartitionKey[] = [];
for (let p = 0; p < 10; p++) for (const c of ["b", "r", "z"]) cameras.push({ exposure: 1001, camera: c, petal: p });

const times: number[] = [];
const cpuTimes: number[] = [];
let frames: Frame[] = [];
for (let r = 0; r < runs; r++) {
  frames = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const key of cameras) frames.push((await fastframe({ exposures: exp, simspec: spec }, { cosmics: 5 }, ctxFor(key, "fastframe"))).frame);
  const c = process.cpuUsage(c0);
  times.push((performance.now() - t0) / 1000);
  cpuTimes.push((c.user + c.system) / 1e6);
}

if (skipWrite) {
  console.log(
    `fastframe compute median ${median(times).toFixed(2)} s wall, ${median(cpuTimes).toFixed(2)} s CPU (${times.map((t) => t.toFixed(2)).join(", ")})`,
  );
  process.exit(0);
}
const { seconds: write, bytes } = await timeWrites(["stdlib", "example"], "Frame", frames);

const compute = median(times);
console.log(machineLine());
console.log(
  `fastframe, 5000 fibers × 30 cameras, one thread: median ${compute.toFixed(2)} s wall of ${runs} (${times.map((t) => t.toFixed(2)).join(", ")} s); CPU time (user + system, includes GC threads) median ${median(cpuTimes).toFixed(2)} s`,
);
console.log(`encode + write 30 frames (${(bytes / 1e9).toFixed(2)} GB FITS): ${write.toFixed(2)} s`);
console.log(
  `quickgen (≈ ${QUICKGEN_SECONDS / 60} min per exposure) / fastframe compute: ${(QUICKGEN_SECONDS / compute).toFixed(0)}×; including the writes: ${(QUICKGEN_SECONDS / (compute + write)).toFixed(0)}×`,
);
