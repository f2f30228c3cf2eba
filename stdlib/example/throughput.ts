import { cameraSpec } from "./cameraSpec.js";

/** Width of the roll-off at each edge of an arm, in Angstrom (model value, docs/sources.md#throughput). */
const ROLLOFF = 150;

/**
 * End-to-end throughput of a camera at wavelength `wave` (Å), without atmosphere and fiber
 * loss: the camera's peak, rolled off by a raised cosine over the 150 Å inside each edge of its
 * non-zero range and 0 outside it (docs/sources.md#throughput). About 0.15 at 3600 Å and 0.29 at 9824 Å.
 */
export function throughput(camera: string, wave: number): number {
  const spec = cameraSpec(camera);
  const d = Math.min(wave - spec.minWave, spec.maxWave - wave);
  if (d <= 0) return 0;
  if (d >= ROLLOFF) return spec.peak;
  return spec.peak * 0.5 * (1 - Math.cos((Math.PI * d) / ROLLOFF));
}
