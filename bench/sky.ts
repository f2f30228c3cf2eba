/**
 * Sky-model speed: `calib.sky`'s work for one camera — the frame divided by its fiber flat
 * (`flatFielded`) and the sky model (`computeSky`) — timed on the three cameras of one simulated
 * petal (500 fibers, 50 sky fibers, nominal dark sky), scaled to a whole exposure of 30 cameras,
 * median of R runs (default 3), as the process's CPU time (which a loaded machine inflates less
 * than wall time) and as wall time. The fiber flats are computed once, outside the timing.
 *
 *   node scripts/run.mjs bench/sky.ts [--runs R]
 */
import { performance } from "node:perf_hooks";
import { combineFlats, computeFiberflat, computeSky, flatFielded, skyFibersOf } from "../stdlib/calib/index.js";
import type { ExposureList } from "../stdlib/datamodel/ExposureList.js";
import type { FiberFlat } from "../stdlib/datamodel/FiberFlat.js";
import type { Frame } from "../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../stdlib/datamodel/SimSpec.js";
import { image } from "../stdlib/datamodel/values.js";
import { SIM_NWAVE, flatFnuFlux, lampSpectrum, simWaveGrid } from "../stdlib/instrument/index.js";
import type { Handle, KernelContext } from "../stdlib/kernel.js";
import { emptyFibermap } from "../stdlib/sim/emptyFibermap.js";
import { fastframe } from "../stdlib/sim/fastframe.js";
import { makeRng, taskSeed } from "../src/runtime/rng.js";

const runsIndex = process.argv.indexOf("--runs");
const RUNS = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 3;

function handle<T>(value: T): Handle<T> {
  const self: Handle<T> = {
    key: {},
    path: "memory",
    header: async () => ({}),
    read: async () => value,
    readRows: async () => ({}),
    readImageRows: async () => {
      throw new Error("not used");
    },
    session: async (use) => use(self),
  };
  return self;
}

function exposures(): ExposureList {
  return {
    meta: {},
    EXPID: Int32Array.from([1, 2]),
    NIGHT: Int32Array.from([20250101, 20250101]),
    TILEID: Int32Array.from([1000, -1]),
    FLAVOR: ["science", "flat"],
    PROGRAM: ["DARK", "CALIB"],
    MJD: Float64Array.from([60676.2, 60676.1]),
    EXPTIME: Float32Array.from([1000, 120]),
    AIRMASS: Float32Array.from([1.1, 1]),
    SEEING: Float32Array.from([1.1, 1.1]),
    TRANSP: Float32Array.from([1, 1]),
    MOONFRAC: Float32Array.from([0, 0]),
    MOONALT: Float32Array.from([-30, -30]),
    MOONSEP: Float32Array.from([90, 90]),
    EFFTIME: new Float32Array(2),
  };
}

function simspec(flat: boolean): SimSpec {
  const n = 500;
  const wave = simWaveGrid();
  const flux = new Float32Array(n * SIM_NWAVE);
  const lamp = lampSpectrum(wave);
  const fm = emptyFibermap(n);
  const objtype: string[] = [];
  for (let f = 0; f < n; f++) {
    const sky = !flat && f % 10 === 0;
    objtype.push(flat ? "" : sky ? "SKY" : "TGT");
    if (sky) continue;
    for (let i = 0; i < SIM_NWAVE; i++) flux[f * SIM_NWAVE + i] = flat ? lamp[i]! : flatFnuFlux(19 + (f % 35) / 10, wave[i]!);
  }
  const fibermap = { ...fm, FIBER: Int32Array.from({ length: n }, (_, f) => f), OBJTYPE: objtype, MORPHTYPE: objtype.map((k) => (k === "TGT" ? "PSF" : "")) };
  const header = { TILERA: 150, TILEDEC: 2, SURVEY: "main", FAPRGRM: "dark" };
  return { header, WAVE: image(wave, [SIM_NWAVE]), FLUX: image(flux, [n, SIM_NWAVE]), FIBERMAP: fibermap };
}

async function frame(spec: SimSpec, expid: number, camera: string): Promise<Frame> {
  const key = { exposure: expid, camera, petal: 0 };
  const ctx: KernelContext = { rng: makeRng(taskSeed(1, "fastframe", `exposure=${expid},camera=${camera},petal=0`)), key, log: () => {} };
  return (await fastframe({ exposures: handle(exposures()), simspec: handle(spec) }, { cosmics: 5 }, ctx)).frame;
}

const cameras = ["b", "r", "z"];
const science: Frame[] = [];
const flats: FiberFlat[] = [];
for (const c of cameras) {
  const f = await frame(simspec(true), 2, c);
  const d = combineFlats([f]);
  const r = computeFiberflat(d);
  flats.push({
    header: {},
    FIBERFLAT: image(Float32Array.from(r.fiberflat), [d.nfiber, d.nwave]),
    IVAR: image(Float32Array.from(r.ivar), [d.nfiber, d.nwave]),
    MASK: image(r.mask, [d.nfiber, d.nwave]),
    MEANSPEC: image(Float32Array.from(r.meanspec), [d.nwave]),
    WAVELENGTH: image(Float32Array.from(d.wave), [d.nwave]),
    FIBERMAP: f.FIBERMAP,
  });
  science.push(await frame(simspec(false), 1, c));
}
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const totals: number[] = [];
const walls: number[] = [];
const per: number[][] = cameras.map(() => []);
for (let run = 0; run < RUNS; run++) {
  let total = 0;
  const w0 = performance.now();
  cameras.forEach((_, k) => {
    const t0 = cpu();
    const data = flatFielded(science[k]!, flats[k]!);
    const r = computeSky(data, skyFibersOf(science[k]!));
    if (run === 0) console.log(`${cameras[k]}: ${r.iterations} iterations, ${r.skyFibers.length} sky fibers, ${r.droppedSkyFibers.length} dropped`);
    const dt = cpu() - t0;
    per[k]!.push(dt);
    total += dt;
  });
  totals.push(total);
  walls.push(performance.now() - w0);
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1]!;
cameras.forEach((c, k) => console.log(`${c}: ${median(per[k]!).toFixed(0)} ms CPU per camera (flat-fielding + sky)`));
console.log(
  `one petal (3 cameras): ${median(totals).toFixed(0)} ms CPU (${median(walls).toFixed(0)} ms wall); a 30-camera exposure: ${((median(totals) * 10) / 1000).toFixed(2)} s CPU (median of ${RUNS})`,
);
