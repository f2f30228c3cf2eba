/**
 * A simulated exposure for the flux-calibration tests, made with the simulator (stdlib/sim
 * fastframe) from spectra of the template library: standard F stars, bright point sources and
 * extended sources, with their truth kept here (the calibration kernels never see it). The fiber
 * flat and the sky are the stdlib's own (calib.fiberflat from a simulated flat, calib.sky).
 */
import { makeRng, taskSeed } from "../../src/runtime/rng.js";
import type { ExposureList } from "../../stdlib/datamodel/ExposureList.js";
import type { FiberFlat } from "../../stdlib/datamodel/FiberFlat.js";
import type { Frame } from "../../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../../stdlib/datamodel/SimSpec.js";
import type { Sky } from "../../stdlib/datamodel/Sky.js";
import { image } from "../../stdlib/datamodel/values.js";
import { SIM_NWAVE, lampSpectrum, redden, sfdExtinction, simWaveGrid } from "../../stdlib/instrument/index.js";
import type { Handle, KernelContext, PartitionKey } from "../../stdlib/kernel.js";
import { calibrate, fiberflat as calibFiberflat, fluxcal, sky as calibSky, stdstars } from "../../stdlib/calib/index.js";
import type { CFrame } from "../../stdlib/datamodel/CFrame.js";
import type { StdStars } from "../../stdlib/datamodel/StdStars.js";
import { fastframe } from "../../stdlib/sim/index.js";
import { DESI_MASK } from "../../stdlib/targetmask/index.js";
import { abMagnitude, observedSpectrum, makeTemplateRow, type TemplateRow } from "../../stdlib/templates/index.js";
import { exposureList, fibermapTable, type ExposureSpec } from "../sim/fixtures.js";

export const NFIBER = 500;
export type Kind = "STD" | "POINT" | "EXT" | "SKY" | "NON";

/** A small seeded generator (mulberry32). */
export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function handle<T extends object>(value: T, key: PartitionKey = {}): Handle<T> {
  const self: Handle<T> = {
    key,
    path: "memory",
    header: async () => ("header" in value ? { ...(value.header as Record<string, never>) } : {}),
    read: async () => value,
    readRows: async () => {
      throw new Error("not used");
    },
    readImageRows: async () => {
      throw new Error("not used");
    },
    session: async (use) => use(self),
  };
  return self;
}

export function ctxFor(key: PartitionKey, stage = "test"): KernelContext {
  const canonical = Object.keys(key)
    .sort()
    .map((k) => `${k}=${String(key[k])}`)
    .join(",");
  return { rng: makeRng(taskSeed(1, stage, canonical)), key, log: () => {} };
}

function starRow(teff: number, logg: number, feh: number, rmag: number, z: number): TemplateRow {
  return makeTemplateRow({
    TARGETID: 1n,
    TRUEZ: z,
    TRUESPECTYPE: "STAR",
    TEMPLATETYPE: "STAR",
    SEED: 1n,
    MAG: rmag,
    MAGFILTER: "decam2014-r",
    TEFF: teff,
    LOGG: logg,
    FEH: feh,
  });
}

/** One simulated exposure of petal 0 and its truth. */
export interface SimulatedExposure {
  readonly exposures: ExposureList;
  readonly kinds: readonly Kind[];
  /** Flux above the atmosphere (Milky Way reddening applied) on the simulation grid, per fiber. */
  readonly truth: readonly (Float64Array | null)[];
  readonly frames: readonly Frame[];
  readonly flats: readonly FiberFlat[];
  readonly skies: readonly Sky[];
  readonly simspec: SimSpec;
  /** Template parameters of each source fiber (null elsewhere). */
  readonly params: readonly ({ teff: number; logg: number; feh: number; z: number } | null)[];
}

const FLAT_EXPID = 9;

/**
 * Petal 0 of one exposure: every 10th fiber sky, 16 standards (r 16–19, Teff 6150–7200 K, log g
 * 3.9–4.6, [Fe/H] −1.5–0, radial velocities of σ 200 km/s, continuous draws), 120 point sources
 * (stars of Teff 4500–7500 K, r 17–19), 120 extended sources (the same kinds of spectra with
 * MORPHTYPE EXP or DEV and half-light radii 0.4–1.5″), the rest unassigned. EBV 0–0.1. FLUX_R is the
 * intrinsic r reddened by 2.165 E(B−V), as the mock catalogues write it; FLUX_G the synthetic g of the
 * intrinsic spectrum reddened by 3.214 E(B−V), so that the photometry is that of the spectrum.
 */
export async function simulateExposure(spec: ExposureSpec, seed = 1): Promise<SimulatedExposure> {
  const u = mulberry(seed);
  const exposures = exposureList([spec, { EXPID: FLAT_EXPID, FLAVOR: "flat" }]);
  const kinds: Kind[] = Array.from({ length: NFIBER }, (_, f) =>
    f % 10 === 5 ? "SKY" : f % 10 === 2 && f < 160 ? "STD" : f % 2 === 0 ? "POINT" : f % 10 === 9 ? "NON" : "EXT",
  );
  const fm = fibermapTable(0, NFIBER, (f) => (kinds[f] === "SKY" ? "SKY" : kinds[f] === "NON" ? "NON" : "TGT"), spec.EXPTIME ?? 1000);
  const wave = simWaveGrid();
  const flux = new Float32Array(NFIBER * SIM_NWAVE);
  const truth: (Float64Array | null)[] = [];
  const params: ({ teff: number; logg: number; feh: number; z: number } | null)[] = [];
  const curve = Float64Array.from(wave, sfdExtinction);
  const desi = BigInt64Array.from(fm.DESI_TARGET);
  const fluxR = Float32Array.from(fm.FLUX_R);
  const fluxG = Float32Array.from(fm.FLUX_G);
  const ebvs = Float32Array.from(fm.EBV);
  const morph = [...fm.MORPHTYPE];
  const shapeR = Float32Array.from(fm.SHAPE_R);
  for (let f = 0; f < NFIBER; f++) {
    const k = kinds[f]!;
    if (k === "SKY" || k === "NON") {
      truth.push(null);
      params.push(null);
      continue;
    }
    const std = k === "STD";
    const teff = std ? 6150 + 1050 * u() : 4500 + 3000 * u();
    const logg = std ? 3.9 + 0.7 * u() : 4 + 0.8 * u();
    const feh = std ? -1.5 + 1.5 * u() : -1 + u();
    const rmag = std ? 16 + 3 * u() : 17 + 2 * u();
    const z = ((u() + u() + u() - 1.5) * 2 * 200) / 299792.458;
    const ebv = 0.1 * u();
    const s = observedSpectrum(starRow(teff, logg, feh, rmag, z), wave);
    const gIntrinsic = abMagnitude(wave, s, "decam2014-g");
    redden(wave, s, ebv, curve);
    truth.push(s);
    params.push({ teff, logg, feh, z });
    flux.set(s, f * SIM_NWAVE);
    ebvs[f] = ebv;
    fluxR[f] = 10 ** (-0.4 * (rmag + 2.165 * ebv - 22.5));
    fluxG[f] = 10 ** (-0.4 * (gIntrinsic + 3.214 * ebv - 22.5));
    if (std) desi[f] = DESI_MASK.STD_FAINT | (rmag < 18 ? DESI_MASK.STD_BRIGHT : 0n);
    if (k === "EXT") {
      morph[f] = u() < 0.5 ? "EXP" : "DEV";
      shapeR[f] = 0.4 + 1.1 * u();
    }
  }
  const fibermap = { ...fm, DESI_TARGET: desi, FLUX_G: fluxG, FLUX_R: fluxR, EBV: ebvs, MORPHTYPE: morph, SHAPE_R: shapeR };
  const header = {
    NIGHT: 20250101,
    EXPID: spec.EXPID,
    TILEID: 1000,
    EXPTIME: spec.EXPTIME ?? 1000,
    FLAVOR: "science",
    TILERA: 150,
    TILEDEC: 2,
    SURVEY: "main",
    FAPRGRM: "dark",
  };
  const simspec: SimSpec = { header, WAVE: image(wave, [SIM_NWAVE]), FLUX: image(flux, [NFIBER, SIM_NWAVE]), FIBERMAP: fibermap };
  const lamp = Float32Array.from(lampSpectrum(wave));
  const flatFlux = new Float32Array(NFIBER * SIM_NWAVE);
  for (let f = 0; f < NFIBER; f++) flatFlux.set(lamp, f * SIM_NWAVE);
  const flatSpec: SimSpec = {
    header: { ...header, EXPID: FLAT_EXPID, EXPTIME: 120, FLAVOR: "flat" },
    WAVE: image(wave, [SIM_NWAVE]),
    FLUX: image(flatFlux, [NFIBER, SIM_NWAVE]),
    FIBERMAP: fibermapTable(0, NFIBER, () => "NON", 120),
  };
  const frames: Frame[] = [];
  const flats: FiberFlat[] = [];
  const skies: Sky[] = [];
  for (const camera of ["b", "r", "z"]) {
    const key = { exposure: spec.EXPID, camera, petal: 0 };
    const frame = (await fastframe({ exposures: handle(exposures), simspec: handle(simspec) }, { cosmics: 5 }, ctxFor(key, "fastframe"))).frame;
    const flatKey = { exposure: FLAT_EXPID, camera, petal: 0 };
    const flatFrame = (await fastframe({ exposures: handle(exposures), simspec: handle(flatSpec) }, { cosmics: 5 }, ctxFor(flatKey, "fastframe"))).frame;
    const flatKey2 = { night: 20250101, camera, petal: 0 };
    const fiberflat = (await calibFiberflat({ flats: [handle(flatFrame)] }, {} as never, ctxFor(flatKey2, "fiberflat"))).fiberflat;
    frames.push(frame);
    flats.push(fiberflat);
    skies.push((await calibSky({ frame: handle(frame), fiberflat: handle(fiberflat) }, {} as never, ctxFor(key, "sky"))).sky);
  }
  return { exposures, kinds, truth, frames, flats, skies, simspec, params };
}

/** Runs stdstars, fluxcal and calibrate on a simulated exposure. */
export async function reduce(sim: SimulatedExposure, EXPID: number): Promise<{ stars: StdStars; cframes: CFrame[] }> {
  const BANDS = ["b", "r", "z"] as const;
  const stars = (
    await stdstars(
      { frames: sim.frames.map((f) => handle(f)), fiberflats: sim.flats.map((f) => handle(f)), skies: sim.skies.map((s) => handle(s)) },
      {},
      ctxFor({ exposure: EXPID, petal: 0 }),
    )
  ).stdstars;
  const cframes: CFrame[] = [];
  for (let c = 0; c < 3; c++) {
    const key = { exposure: EXPID, camera: BANDS[c]!, petal: 0 };
    const cal = (
      await fluxcal({ frame: handle(sim.frames[c]!), fiberflat: handle(sim.flats[c]!), sky: handle(sim.skies[c]!), stdstars: handle(stars) }, {}, ctxFor(key))
    ).fluxcalib;
    cframes.push(
      (
        await calibrate(
          { frame: handle(sim.frames[c]!), fiberflat: handle(sim.flats[c]!), sky: handle(sim.skies[c]!), fluxcalib: handle(cal) },
          {},
          ctxFor(key),
        )
      ).cframe,
    );
  }
  return { stars, cframes };
}
