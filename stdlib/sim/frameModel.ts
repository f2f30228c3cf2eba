import type { FibermapTable } from "../datamodel/FibermapTable.js";
import type { SimSpec } from "../datamodel/SimSpec.js";
import {
  FIBERS_PER_PETAL,
  FIBER_SOLID_ANGLE_ARCSEC2,
  PIXEL_ANGSTROM,
  armOffset,
  atmosphericTransmission,
  badFiberStatus,
  badFiberTransmission,
  cameraSpec,
  fiberAcceptance,
  fiberInstrument,
  fiberTilt,
  photonsPerFluxUnit,
  scienceThroughputChange,
  seeingAt,
  skySpectrum,
  sourceProfile,
  throughput,
  waveGrid,
  type CameraSpec,
  type FiberInstrument,
} from "../instrument/index.js";
import type { ExposureRow } from "./exposureRow.js";
import { takeRows } from "./takeRows.js";

/** Pixels between the wavelengths at which a fiber's acceptance is computed; linear between. */
const ACCEPTANCE_STEP = 256;

/** What one camera's frame of one exposure shares across its fibers, before any draw. */
export interface FrameModel {
  readonly simspec: SimSpec;
  readonly row: ExposureRow;
  readonly band: string;
  readonly spec: CameraSpec;
  readonly wave: Float64Array;
  readonly nwave: number;
  /** The arm's first pixel in the SimSpec's WAVE. */
  readonly offset: number;
  /** SimSpec rows of the petal's fibers, in fiber order. */
  readonly rows: readonly number[];
  readonly nfiber: number;
  readonly flat: boolean;
  /** The petal's FIBERMAP rows (FIBERSTATUS as in the SimSpec, bad-fiber bits not yet ORed in). */
  readonly fibermap: FibermapTable;
  /** FIBERSTATUS bits of the petal's bad fibers, by fiber within the petal. */
  readonly status: Int32Array;
  /** Electrons per pixel per unit of SimSpec flux (1e-17 erg/s/cm²/Å) at each pixel. */
  readonly conv: Float64Array;
  /** Atmospheric transmission × TRANSP (0 on a flat). */
  readonly atm: Float64Array;
  /** Sky electrons per pixel entering a fiber of relative throughput 1 (0 on a flat). */
  readonly skyE: Float64Array;
}

/**
 * The shared part of a frame of `band` and `petal` for exposure `row` from `simspec` (which
 * `path` names in errors, `kernel` names the caller): checks the SimSpec's grid and the exposure,
 * and computes the conversion to electrons, the atmosphere and the sky electrons.
 */
export function frameModel(simspec: SimSpec, row: ExposureRow, band: string, petal: number, path: string, kernel: string): FrameModel {
  const spec = cameraSpec(band);
  const wave = waveGrid(band);
  const nwave = wave.length;
  const offset = armOffset(band);
  const simWave = simspec.WAVE.data;
  const nsim = simWave.length;
  if (offset + nwave > nsim || Math.abs(simWave[offset]! - wave[0]!) > 1e-6 || Math.abs(simWave[offset + nwave - 1]! - wave[nwave - 1]!) > 1e-6) {
    throw new Error(`${kernel}: ${path} is not on the 0.8 Å grid 3600–9824 Å that newexp writes (WAVE has ${nsim} pixels from ${simWave[0]} Å)`);
  }
  const all = simspec.FIBERMAP;
  const rows: number[] = [];
  for (let i = 0; i < all.FIBER.length; i++) if (Math.floor(all.FIBER[i]! / FIBERS_PER_PETAL) === petal) rows.push(i);
  if (rows.length === 0) throw new Error(`${kernel}: ${path} has no fiber of petal ${petal}; simulate more petals in newexp (npetal)`);
  const flat = row.FLAVOR === "flat";
  if (!flat && !(row.SEEING > 0)) throw new Error(`${kernel}: science exposure ${row.EXPID} has SEEING ${row.SEEING}; it must be positive`);

  const dw = PIXEL_ANGSTROM;
  const conv = new Float64Array(nwave);
  const atm = new Float64Array(nwave);
  const skyE = new Float64Array(nwave);
  for (let i = 0; i < nwave; i++) conv[i] = photonsPerFluxUnit(wave[i]!, dw) * throughput(band, wave[i]!) * row.EXPTIME;
  if (!flat) {
    const sky = skySpectrum(wave, dw, { fraction: row.MOONFRAC, altitude: row.MOONALT, separation: row.MOONSEP, airmass: row.AIRMASS });
    for (let i = 0; i < nwave; i++) {
      atm[i] = atmosphericTransmission(wave[i]!, row.AIRMASS) * row.TRANSP;
      skyE[i] = sky[i]! * FIBER_SOLID_ANGLE_ARCSEC2 * conv[i]!;
    }
  }
  const fibermap = takeRows(all, rows);
  return { simspec, row, band, spec, wave, nwave, offset, rows, nfiber: rows.length, flat, fibermap, status: badFiberStatus(petal), conv, atm, skyE };
}

/** Scratch arrays for {@link fiberSignal}. */
export interface FiberWork {
  readonly acceptance: Float64Array;
  readonly nodeAcc: Float64Array;
}

/** Fresh scratch arrays for {@link fiberSignal} on `model`'s grid. */
export function fiberWork(model: FrameModel): FiberWork {
  return { acceptance: new Float64Array(model.nwave), nodeAcc: new Float64Array(Math.ceil((model.nwave - 1) / ACCEPTANCE_STEP) + 1) };
}

/** What {@link fiberSignal} tells about the fiber. */
export interface FiberSignal {
  readonly fiber: number;
  readonly inst: FiberInstrument;
  /** FIBERSTATUS bits of a bad fiber, 0 for a good one. */
  readonly bad: number;
  /** The fiber's relative throughput at this exposure over its value at flat time (1 on a flat). */
  readonly change: number;
}

/**
 * Fills `source` (and `sky`, if given; else the sky is added to `source`) with the electrons per
 * pixel of the `f`-th fiber of `model` before the line-spread function: the SimSpec flux through
 * the atmosphere, the fiber acceptance and the arm (or the lamp on a flat), and the sky, each
 * times the fiber's relative throughput (flat-time throughput with its λ trend, a bad fiber's
 * transmission and, on a science exposure, the flat-to-science change).
 */
export function fiberSignal(model: FrameModel, f: number, source: Float64Array, sky: Float64Array | null, work: FiberWork): FiberSignal {
  const { simspec, row, nwave, conv, atm, skyE } = model;
  const all = simspec.FIBERMAP;
  const r = model.rows[f]!;
  const fiber = all.FIBER[r]!;
  const inst = fiberInstrument(model.band, fiber);
  const bad = model.status[fiber % FIBERS_PER_PETAL]!;
  const change = model.flat ? 1 : scienceThroughputChange(fiber, row.EXPID);
  const scale = inst.throughput * badFiberTransmission(bad) * change;
  const src = simspec.FLUX.data;
  const base = r * simspec.WAVE.data.length + model.offset;
  if (model.flat) {
    for (let i = 0; i < nwave; i++) source[i] = src[base + i]! * conv[i]!;
    sky?.fill(0);
  } else {
    let any = false;
    for (let i = 0; i < nwave; i++) if (src[base + i] !== 0) any = true;
    if (any) fiberAcceptanceCurve(row.SEEING, all.MORPHTYPE[r] ?? "", all.SHAPE_R[r] ?? 0, model.wave, work.nodeAcc, work.acceptance);
    for (let i = 0; i < nwave; i++) {
      const s = any ? src[base + i]! * atm[i]! * work.acceptance[i]! * conv[i]! : 0;
      if (sky === null) source[i] = s + skyE[i]!;
      else {
        source[i] = s;
        sky[i] = skyE[i]!;
      }
    }
  }
  for (let i = 0; i < nwave; i++) {
    const t = scale * fiberTilt(inst, i, nwave);
    source[i]! *= t;
    if (sky !== null) sky[i]! *= t;
  }
  return { fiber, inst, bad, change };
}

/**
 * Fills `out` with a source's fiber acceptance at each wavelength of `wave`: exact at every
 * {@link ACCEPTANCE_STEP}-th pixel (seeing FWHM scaled as λ^−0.2) and linear between.
 */
function fiberAcceptanceCurve(seeing: number, morphtype: string, shapeR: number, wave: Float64Array, nodeAcc: Float64Array, out: Float64Array): void {
  const n = wave.length;
  const profile = sourceProfile(morphtype, shapeR);
  for (let m = 0; m < nodeAcc.length; m++) {
    const i = Math.min(n - 1, m * ACCEPTANCE_STEP);
    nodeAcc[m] = fiberAcceptance(seeingAt(seeing, wave[i]!), profile, shapeR);
  }
  for (let i = 0; i < n; i++) {
    const m = Math.min(nodeAcc.length - 2, Math.floor(i / ACCEPTANCE_STEP));
    const i0 = m * ACCEPTANCE_STEP;
    const i1 = Math.min(n - 1, (m + 1) * ACCEPTANCE_STEP);
    const t = nodeAcc.length === 1 ? 0 : (i - i0) / (i1 - i0);
    out[i] = nodeAcc[m]! + t * ((nodeAcc[m + 1] ?? nodeAcc[m]!) - nodeAcc[m]!);
  }
}
