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

/** The fixed properties of one fiber in one arm. */
export interface FiberInstrument {
  /** Relative throughput of the fiber at the arm's centre, ~N(1, 0.05), clipped to [0.8, 1.2]. */
  readonly throughput: number;
  /** Relative change of that throughput from the arm's centre to either end, ~N(0, 0.03). */
  readonly tilt: number;
  /** The true line-spread function: width ±5 % around nominal, wavelength shift ~N(0, 0.02 Å). */
  readonly lsf: FiberLsf;
  /** Width of the resolution stored in the frame over the true width: 1 + N(0, 0.015). */
  readonly storedWidthRatio: number;
}

/**
 * The fixed properties of `fiber` (0–4999) in arm `camera`: the true relative throughput
 * (N(1, 0.05) times a smooth λ trend, what a fiber flat measures; docs/sources.md#fiberflat), the true
 * line-spread width and wavelength shift, and how wrong the frame's stored resolution is
 * (model values: widths ±5 %, shifts ~0.02 Å, stored R 1–2 % off). The same in every exposure.
 */
export function fiberInstrument(camera: string, fiber: number): FiberInstrument {
  const band = BANDS.indexOf(cameraSpec(camera).band);
  const throughput = Math.min(1.2, Math.max(0.8, 1 + 0.05 * instrumentNormal(THROUGHPUT, fiber, band)));
  const tilt = 0.03 * instrumentNormal(TILT, fiber, band);
  const widthScale = 1 + 0.05 * (2 * instrumentUniform(WIDTH, fiber, band) - 1);
  const shift = (0.02 * instrumentNormal(SHIFT, fiber, band)) / PIXEL_ANGSTROM;
  const storedWidthRatio = 1 + 0.015 * instrumentNormal(STORED, fiber, band);
  return { throughput, tilt, lsf: { widthScale, shift }, storedWidthRatio };
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
