import { cameraSpec } from "./cameras.js";

/** Width of the roll-off inside each edge of an arm's non-zero range, Å (desi.md §1.5). */
const ROLLOFF = 150;

/**
 * End-to-end throughput of an arm at `wave` Å, without atmosphere and fiber loss (telescope,
 * corrector, fiber, spectrograph, CCD; desi.md §1.5): a smooth bump with the arm's peak (b 0.35,
 * r 0.45, z 0.45), a gentle quadratic fall of 20 % of the peak toward both ends of the arm's range,
 * and a raised-cosine roll-off over the 150 Å inside each edge of its non-zero range; 0 outside it.
 * About 0.13 at 3600 Å, 0.45 at 6500 Å and 0.24 at 9824 Å.
 */
export function throughput(camera: string, wave: number): number {
  const s = cameraSpec(camera);
  const d = Math.min(wave - s.minWave, s.maxWave - wave);
  if (d <= 0) return 0;
  const mid = (s.minWave + s.maxWave) / 2;
  const x = (wave - mid) / ((s.maxWave - s.minWave) / 2);
  const bump = s.peak * (1 - 0.2 * x * x);
  if (d >= ROLLOFF) return bump;
  return bump * 0.5 * (1 - Math.cos((Math.PI * d) / ROLLOFF));
}

/** {@link throughput} at every wavelength of `wave`. */
export function throughputCurve(camera: string, wave: Float64Array): Float64Array {
  const out = new Float64Array(wave.length);
  for (let i = 0; i < wave.length; i++) out[i] = throughput(camera, wave[i]!);
  return out;
}
