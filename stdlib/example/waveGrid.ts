import { cameraSpec } from "./cameraSpec.js";

/** DESI's reduction pixel, in Angstrom (docs/sources.md#wavelength-grids). */
export const BASE_PIXEL = 0.8;

/**
 * The wavelength grid of a camera, `step` DESI pixels (0.8 Å) per pixel: `firstWave + 0.8·step·i`
 * rounded to 0.1 Å as desispec does, up to `lastWave`. `step` 1 gives DESI's grids (2751, 2326
 * and 2881 pixels); larger steps keep examples small.
 */
export function waveGrid(camera: string, step: number): Float64Array {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`wavelength step ${step} is not a positive integer`);
  const spec = cameraSpec(camera);
  const dw = BASE_PIXEL * step;
  const n = Math.floor((spec.lastWave - spec.firstWave) / dw + 1e-9) + 1;
  const wave = new Float64Array(n);
  for (let i = 0; i < n; i++) wave[i] = Math.round((spec.firstWave + dw * i) * 10) / 10;
  return wave;
}
