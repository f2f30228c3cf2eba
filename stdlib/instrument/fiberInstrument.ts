import { BANDS, cameraSpec } from "./cameras.js";
import { FIBERSTATUS } from "./fiberMasks.js";
import { instrumentNormal, instrumentUniform } from "./instrumentHash.js";
import type { FiberLsf } from "./resolution.js";
import { PIXEL_ANGSTROM } from "./telescope.js";

/** Fibers per petal (spectrograph), docs/sources.md#focal-plane. */
export const FIBERS_PER_PETAL = 500;

/** Streams of {@link instrumentUniform}, one per property. */
const THROUGHPUT = 1;
const TILT = 2;
const WIDTH = 3;
const SHIFT = 4;
const STORED = 5;
const BAD_COUNT = 6;
const BAD_RANK = 7;
const BAD_KIND = 8;
const WIDTH_TILT = 9;
const SHIFT_TILT = 10;
const SKEW = 11;
const WING = 12;
const WING_BLUE = 13;
const WING_RED = 14;
const FLAT_TO_SKY = 15;
const FLEXURE = 16;

/** The fixed properties of one fiber in one arm. */
export interface FiberInstrument {
  /** Relative throughput of the fiber at the arm's centre, ~N(1, 0.05), clipped to [0.8, 1.2]. */
  readonly throughput: number;
  /** Relative change of that throughput from the arm's centre to either end, ~N(0, 0.03). */
  readonly tilt: number;
  /** The true line-spread function ({@link fiberInstrument} gives its parameters). */
  readonly lsf: FiberLsf;
  /** Width of the resolution stored in the frame over the true width: 1 + N(0, 0.015). */
  readonly storedWidthRatio: number;
}

/** Output pixels per Å (0.8 Å pixels): turns a shift stated in Å into pixels. */
const ANGSTROM = 1 / PIXEL_ANGSTROM;

/**
 * The fixed properties of `fiber` (0–4999) in arm `camera` (docs/sources.md#lsf, #fiberflat):
 *
 * - the true relative throughput at flat time: N(1, 0.05) clipped to [0.8, 1.2], times a linear
 *   λ trend of N(0, 0.03) from the centre to either end (what a fiber flat measures);
 * - the true line-spread function: core width ±5 % (uniform) around nominal, times
 *   1 + 0.04 s² for a fiber at s = −1 … +1 from the centre to the ends of the slit (the camera's
 *   image quality falls off towards the CCD's edges), changing by N(0, 0.03) relative from the
 *   arm's centre to either end; a Gauss–Hermite skew h3 ~ N(0, 0.02) clipped to ±0.05; 2–4 %
 *   of the light in Lorentzian wings of half-width 1.5–2.5 pixels on the blue side and 2–3
 *   pixels on the red side; a wavelength shift of N(0, 0.02 Å) at the arm's centre changing by
 *   N(0, 0.02 Å) to either end;
 * - how wrong the frame's stored resolution is: its core 1 + N(0, 0.015) times the true width,
 *   with the true shape but without the shift.
 *
 * All model values (the profile's form is the extraction PSF's: Gauss–Hermite core plus
 * power-law wings with separate blue and red scales). The same in every exposure.
 */
export function fiberInstrument(camera: string, fiber: number): FiberInstrument {
  const band = BANDS.indexOf(cameraSpec(camera).band);
  const throughput = Math.min(1.2, Math.max(0.8, 1 + 0.05 * instrumentNormal(THROUGHPUT, fiber, band)));
  const tilt = 0.03 * instrumentNormal(TILT, fiber, band);
  const slit = ((fiber % FIBERS_PER_PETAL) - (FIBERS_PER_PETAL - 1) / 2) / ((FIBERS_PER_PETAL - 1) / 2);
  const widthScale = (1 + 0.05 * (2 * instrumentUniform(WIDTH, fiber, band) - 1)) * (1 + 0.04 * slit * slit);
  const lsf: FiberLsf = {
    widthScale,
    widthTilt: 0.03 * instrumentNormal(WIDTH_TILT, fiber, band),
    shift: 0.02 * ANGSTROM * instrumentNormal(SHIFT, fiber, band),
    shiftTilt: 0.02 * ANGSTROM * instrumentNormal(SHIFT_TILT, fiber, band),
    h3: Math.max(-0.05, Math.min(0.05, 0.02 * instrumentNormal(SKEW, fiber, band))),
    wing: 0.02 + 0.02 * instrumentUniform(WING, fiber, band),
    wingBlue: 1.5 + instrumentUniform(WING_BLUE, fiber, band),
    wingRed: 2 + instrumentUniform(WING_RED, fiber, band),
  };
  const storedWidthRatio = 1 + 0.015 * instrumentNormal(STORED, fiber, band);
  return { throughput, tilt, lsf, storedWidthRatio };
}

/**
 * The line-spread function a frame stores for a fiber with `inst`'s properties: the true shape
 * with the core width times `storedWidthRatio` and no wavelength shift (what extraction from a
 * PSF measured on arc lamps earlier, before the spectrograph moved, would give).
 */
export function storedLsf(inst: FiberInstrument): FiberLsf {
  return { ...inst.lsf, widthScale: inst.lsf.widthScale * inst.storedWidthRatio, shift: 0, shiftTilt: 0 };
}

/**
 * The science-time over flat-time relative throughput of `fiber` in exposure `expid`,
 * achromatic and the same in every arm (docs/sources.md#throughput-change): 1 + a fixed
 * N(0, 0.01) (the flat lamp lights the fibers not quite as the sky does) + N(0, 0.005) drawn per
 * exposure (focal-ratio degradation changing with the fiber's bend as the positioner moves),
 * clipped to ±4 %. A flat exposure's own value is 1. Model values.
 */
export function scienceThroughputChange(fiber: number, expid: number): number {
  const d = 0.01 * instrumentNormal(FLAT_TO_SKY, fiber, 0) + 0.005 * instrumentNormal(FLEXURE, fiber, expid);
  return 1 + Math.max(-0.04, Math.min(0.04, d));
}

/**
 * The relative throughput of a fiber with `inst`'s properties at pixel `i` of an arm's grid of
 * `nwave` pixels, relative to its value at the arm's centre: 1 + tilt · x, with x running
 * linearly from −1 at the first pixel to +1 at the last.
 */
export function fiberTilt(inst: FiberInstrument, i: number, nwave: number): number {
  const half = (nwave - 1) / 2;
  return 1 + (inst.tilt * (i - half)) / half;
}

/**
 * The relative throughput of `fiber` in arm `camera` at each pixel of a grid of `nwave` pixels
 * spanning the arm: its fixed throughput times {@link fiberTilt}; what a fiber flat measures.
 */
export function fiberResponse(camera: string, fiber: number, nwave: number): Float64Array {
  const inst = fiberInstrument(camera, fiber);
  return Float64Array.from({ length: nwave }, (_, i) => inst.throughput * fiberTilt(inst, i, nwave));
}

const statusCache = new Map<number, Int32Array>();

/**
 * FIBERSTATUS bits of the bad fibers of `petal`, indexed by fiber within the petal: between 10
 * and 25 of its 500 fibers (2–5 %, the count fixed per petal), half broken (BROKENFIBER |
 * BADFIBER: 2 % transmission) and half with a bad trace (BADTRACE | BADFIBER: half the light
 * extracted); 0 for good fibers. The same in every exposure and arm.
 */
export function badFiberStatus(petal: number): Int32Array {
  let status = statusCache.get(petal);
  if (status !== undefined) return status;
  status = new Int32Array(FIBERS_PER_PETAL);
  const nbad = 10 + Math.floor(16 * instrumentUniform(BAD_COUNT, petal, 0));
  const order = Array.from({ length: FIBERS_PER_PETAL }, (_, i) => i);
  const rank = order.map((i) => instrumentUniform(BAD_RANK, petal * FIBERS_PER_PETAL + i, 0));
  order.sort((a, b) => rank[a]! - rank[b]!);
  for (let n = 0; n < nbad; n++) {
    const i = order[n]!;
    const broken = instrumentUniform(BAD_KIND, petal * FIBERS_PER_PETAL + i, 0) < 0.5;
    status[i] = broken ? FIBERSTATUS.BROKENFIBER | FIBERSTATUS.BADFIBER : FIBERSTATUS.BADTRACE | FIBERSTATUS.BADFIBER;
  }
  statusCache.set(petal, status);
  return status;
}

/** The fraction of a bad fiber's light that is extracted, by its FIBERSTATUS (1 for a good fiber). */
export function badFiberTransmission(status: number): number {
  if ((status & FIBERSTATUS.BROKENFIBER) !== 0) return 0.02;
  if ((status & FIBERSTATUS.BADTRACE) !== 0) return 0.5;
  return 1;
}
