/**
 * Calibration speed: one full exposure (10 petals × b, r, z = 30 cameras × 500 fibers) through
 * calib.sky (fiber flat applied), calib.stdstars (10 petals), calib.fluxcal and calib.calibrate
 * (30 cameras each), in memory on one thread; the median of R runs (default 3). The frames and the
 * night's fiber flats are made first and not timed (sim.fastframe, calib.fiberflat); the time to
 * encode and write the 30 cframes with dflow's FITS writer is reported apart.
 *
 *   node scripts/run.mjs bench/calib.ts [--runs R] [--petals P] [--no-write] [--keep DIR]
 *
 * `--petals P` times P petals (3P cameras) instead of 10, for quick comparisons; `--keep DIR`
 * writes the cframes to DIR (cframe-CAMERA-EXPID.fits) and keeps them, for DESI's readers.
 *
 * Each petal holds 20 standard F stars (template spectra, r 16–19), 450 flat-f_ν sources
 * (r 19–22) and 30 sky fibers (every 10th fiber from fiber 5… plus), nominal dark conditions.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { calibrate, fiberflat, fluxcal, sky, stdstars } from "../stdlib/calib/index.js";
import type { CFrame } from "../stdlib/datamodel/CFrame.js";
import type { ExposureList } from "../stdlib/datamodel/ExposureList.js";
import type { FiberFlat } from "../stdlib/datamodel/FiberFlat.js";
import type { FibermapTable } from "../stdlib/datamodel/FibermapTable.js";
import type { Frame } from "../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../stdlib/datamodel/SimSpec.js";
import type { Sky } from "../stdlib/datamodel/Sky.js";
import { image } from "../stdlib/datamodel/values.js";
import { SIM_NWAVE, flatFnuFlux, lampSpectrum, simWaveGrid } from "../stdlib/instrument/index.js";
import type { Handle } from "../stdlib/kernel.js";
import { emptyFibermap } from "../stdlib/sim/emptyFibermap.js";
import { fastframe } from "../stdlib/sim/index.js";
import { DESI_MASK } from "../stdlib/targetmask/index.js";
import { abMagnitude, observedSpectrum, makeTemplateRow } from "../stdlib/templates/index.js";
import { ctxFor, handle, machineLine, median, mulberry, option, timeWrites } from "./simSetup.js";

const NFIBER = 5000;
const EXPID = 1001;
const FLATID = 1000;
const BANDS = ["b", "r", "z"] as const;

function exposures(): ExposureList {
  const two = <T>(a: T, b: T): [T, T] => [a, b];
  return {
    meta: {},
    EXPID: Int32Array.from(two(EXPID, FLATID)),
    NIGHT: Int32Array.of(20250301, 20250301),
    TILEID: Int32Array.of(5000, -1),
    FLAVOR: ["science", "flat"],
    PROGRAM: ["dark", "calib"],
    MJD: Float64Array.of(60735.2, 60735.1),
    EXPTIME: Float32Array.of(1000, 120),
    AIRMASS: Float32Array.of(1.1, 1),
    SEEING: Float32Array.of(1.1, 1.1),
    TRANSP: Float32Array.of(1, 1),
    MOONFRAC: Float32Array.of(0, 0),
    MOONALT: Float32Array.of(-30, -30),
    MOONSEP: Float32Array.of(90, 90),
    EFFTIME: Float32Array.of(1000, 0),
  };
}

function simspecs(): { science: SimSpec; flat: SimSpec } {
  const u = mulberry(7);
  const wave = simWaveGrid();
  const flux = new Float32Array(NFIBER * SIM_NWAVE);
  const kinds = Array.from({ length: NFIBER }, (_, f) => (f % 10 === 5 && f % 500 < 300 ? "SKY" : "TGT"));
  const fiber = Int32Array.from({ length: NFIBER }, (_, i) => i);
  const fm: FibermapTable = {
    ...emptyFibermap(NFIBER),
    TARGETID: BigInt64Array.from(fiber, (f) => (1n << 58n) + BigInt(f)),
    PETAL_LOC: Int16Array.from(fiber, (f) => Math.floor(f / 500)),
    DEVICE_LOC: Int32Array.from(fiber, (f) => f % 500),
    LOCATION: BigInt64Array.from(fiber, (f) => BigInt(Math.floor(f / 500) * 1000 + (f % 500))),
    FIBER: fiber,
    OBJTYPE: kinds,
    MORPHTYPE: kinds.map((k) => (k === "TGT" ? "PSF" : "")),
    EXPTIME: new Float64Array(NFIBER).fill(1000),
  };
  for (let f = 0; f < NFIBER; f++) {
    if (kinds[f] !== "TGT") continue;
    if (f % 25 === 2) {
      const teff = 6150 + 1050 * u();
      const rmag = 16 + 3 * u();
      const s = observedSpectrum(
        makeTemplateRow({
          TARGETID: 1n,
          TRUESPECTYPE: "STAR",
          TEMPLATETYPE: "STAR",
          SEED: 1n,
          MAG: rmag,
          MAGFILTER: "decam2014-r",
          TEFF: teff,
          LOGG: 4.2,
          FEH: -0.8,
        }),
        wave,
      );
      flux.set(s, f * SIM_NWAVE);
      fm.DESI_TARGET[f] = DESI_MASK.STD_FAINT;
      fm.FLUX_R[f] = 10 ** (-0.4 * (rmag - 22.5));
      fm.FLUX_G[f] = 10 ** (-0.4 * (abMagnitude(wave, s, "decam2014-g") - 22.5));
    } else {
      const mag = 19 + 3 * u();
      for (let i = 0; i < SIM_NWAVE; i++) flux[f * SIM_NWAVE + i] = flatFnuFlux(mag, wave[i]!);
    }
  }
  const header = { NIGHT: 20250301, EXPID, TILEID: 5000, EXPTIME: 1000, FLAVOR: "science", TILERA: 150, TILEDEC: 2, SURVEY: "main", FAPRGRM: "dark" };
  const lamp = Float32Array.from(lampSpectrum(wave));
  const flatFlux = new Float32Array(NFIBER * SIM_NWAVE);
  for (let f = 0; f < NFIBER; f++) flatFlux.set(lamp, f * SIM_NWAVE);
  return {
    science: { header, WAVE: image(wave, [SIM_NWAVE]), FLUX: image(flux, [NFIBER, SIM_NWAVE]), FIBERMAP: fm },
    flat: {
      header: { ...header, EXPID: FLATID, EXPTIME: 120, FLAVOR: "flat" },
      WAVE: image(wave, [SIM_NWAVE]),
      FLUX: image(flatFlux, [NFIBER, SIM_NWAVE]),
      FIBERMAP: {
        ...emptyFibermap(NFIBER),
        FIBER: fiber,
        PETAL_LOC: fm.PETAL_LOC,
        OBJTYPE: kinds.map(() => "FLT"),
        EXPTIME: new Float64Array(NFIBER).fill(120),
      },
    },
  };
}

const runs = option("--runs", 3);
const petals = option("--petals", 10);
const exp = handle(exposures());
const { science, flat } = simspecs();
const tp = performance.now();
const frames = new Map<string, Frame>();
const flats = new Map<string, FiberFlat>();
for (let p = 0; p < petals; p++) {
  for (const c of BANDS) {
    const key = { exposure: EXPID, camera: c, petal: p };
    frames.set(`${c}${p}`, (await fastframe({ exposures: exp, simspec: handle(science) }, { cosmics: 5 }, ctxFor(key, "fastframe"))).frame);
    const flatFrame = (await fastframe({ exposures: exp, simspec: handle(flat) }, { cosmics: 5 }, ctxFor({ ...key, exposure: FLATID }, "fastframe"))).frame;
    flats.set(
      `${c}${p}`,
      (await fiberflat({ flats: [handle(flatFrame)] }, {} as never, ctxFor({ night: 20250301, camera: c, petal: p }, "fiberflat"))).fiberflat,
    );
  }
}
console.log(`inputs (${3 * petals} frames and fiber flats, not timed): ${((performance.now() - tp) / 1000).toFixed(1)} s`);

const steps = ["sky", "stdstars", "fluxcal", "calibrate"] as const;
type Clock = (typeof steps)[number] | "total";
const times: Record<Clock, number[]> = { sky: [], stdstars: [], fluxcal: [], calibrate: [], total: [] };
const cpu: Record<Clock, number[]> = { sky: [], stdstars: [], fluxcal: [], calibrate: [], total: [] };
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};
let cframes: CFrame[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let t = t0;
  let c = c0;
  const lap = (s: (typeof steps)[number]): void => {
    const now = performance.now();
    times[s].push((now - t) / 1000);
    cpu[s].push(cpuSeconds(c));
    t = now;
    c = process.cpuUsage();
  };
  const skies = new Map<string, Sky>();
  for (const [k, frame] of frames) skies.set(k, (await sky({ frame: handle(frame), fiberflat: handle(flats.get(k)!) }, {} as never, ctxFor({}, "sky"))).sky);
  lap("sky");
  const stars = [];
  for (let p = 0; p < petals; p++) {
    const pick = <T extends object>(m: Map<string, T>): Handle<T>[] => BANDS.map((c) => handle(m.get(`${c}${p}`)!));
    stars.push(
      (await stdstars({ frames: pick(frames), fiberflats: pick(flats), skies: pick(skies) }, {}, ctxFor({ exposure: EXPID, petal: p }, "stdstars"))).stdstars,
    );
  }
  lap("stdstars");
  const cals = new Map<string, Awaited<ReturnType<typeof fluxcal>>["fluxcalib"]>();
  for (const [k, frame] of frames) {
    const args = { frame: handle(frame), fiberflat: handle(flats.get(k)!), sky: handle(skies.get(k)!), stdstars: handle(stars[Number(k.slice(1))]!) };
    cals.set(k, (await fluxcal(args, {}, ctxFor({}, "fluxcal"))).fluxcalib);
  }
  lap("fluxcal");
  cframes = [];
  for (const [k, frame] of frames) {
    const args = { frame: handle(frame), fiberflat: handle(flats.get(k)!), sky: handle(skies.get(k)!), fluxcalib: handle(cals.get(k)!) };
    cframes.push((await calibrate(args, {}, ctxFor({}, "calibrate"))).cframe);
  }
  lap("calibrate");
  times.total.push((performance.now() - t0) / 1000);
  cpu.total.push(cpuSeconds(c0));
}

const fmt = (xs: number[]): string => `${median(xs).toFixed(2)} s (${xs.map((x) => x.toFixed(2)).join(", ")})`;
console.log(machineLine());
for (const st of steps) console.log(`${st}: median ${fmt(times[st])} wall, ${fmt(cpu[st])} CPU`);
console.log(
  `one exposure (${3 * petals} cameras × 500 fibers), compute, one thread: median ${fmt(times.total)} wall of ${runs}; CPU time (user + system, includes GC threads) median ${fmt(cpu.total)}`,
);
const keepAt = process.argv.indexOf("--keep");
const keepDir = keepAt >= 0 ? process.argv[keepAt + 1] : undefined;
if (keepDir !== undefined) mkdirSync(keepDir, { recursive: true });
const keep =
  keepDir === undefined
    ? undefined
    : (i: number): string => join(keepDir, `cframe-${String(cframes[i]!.header["CAMERA"])}-${String(EXPID).padStart(8, "0")}.fits`);
const written = process.argv.includes("--no-write") ? null : await timeWrites(["stdlib", "calib"], "CFrame", cframes, keep);
if (written !== null) console.log(`encode + write ${cframes.length} cframes (${(written.bytes / 1e9).toFixed(2)} GB FITS): ${written.seconds.toFixed(2)} s`);
