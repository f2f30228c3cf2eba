import { cameraSpec } from "./cameras.js";
import { PIXEL_ANGSTROM } from "./telescope.js";

/** First wavelength of the simulation grid (SimSpec WAVE), Å: the b arm's first pixel. */
export const SIM_FIRST_WAVE = 3600;

/** Last wavelength of the simulation grid, Å: the z arm's last pixel. */
export const SIM_LAST_WAVE = 9824;

/** Pixels of the simulation grid, 3600–9824 Å at 0.8 Å: 7781, DESI's camera-coadded grid. */
export const SIM_NWAVE = 7781;

/**
 * `round(first + 0.8·step·i, 1)` for i < n, as desispec builds its grids (docs/sources.md#wavelength-grids), `step`
 * 0.8 Å pixels per pixel.
 */
function linearGrid(first: number, n: number, step = 1): Float64Array {
  const dw = PIXEL_ANGSTROM * step;
  const wave = new Float64Array(n);
  for (let i = 0; i < n; i++) wave[i] = Math.round((first + dw * i) * 10) / 10;
  return wave;
}

/**
 * The reduction grid of an arm (`b`, `r`, `z` or a camera name like `r3`): 2751, 2326 or 2881
 * pixels. With `step` > 1, every `step`-th pixel of it (the same first wavelength, `step` × 0.8 Å
 * apart, never past the last): coarser grids for small examples. Throws a RangeError unless
 * `step` is a positive integer.
 */
export function waveGrid(camera: string, step = 1): Float64Array {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`wavelength step ${step} is not a positive integer`);
  const s = cameraSpec(camera);
  return linearGrid(s.firstWave, Math.floor((s.nwave - 1) / step) + 1, step);
}

/** The simulation grid of SimSpec: 3600–9824 Å at 0.8 Å, 7781 pixels, which holds every arm's grid. */
export function simWaveGrid(): Float64Array {
  return linearGrid(SIM_FIRST_WAVE, SIM_NWAVE);
}

/**
 * Index of an arm's first pixel in the simulation grid: 0 (b), 2700 (r), 4900 (z), the slices
 * of DESI's brz grid (desispec tsnr.py; docs/sources.md#wavelength-grids).
 */
export function armOffset(camera: string): number {
  return Math.round((cameraSpec(camera).firstWave - SIM_FIRST_WAVE) / PIXEL_ANGSTROM);
}
