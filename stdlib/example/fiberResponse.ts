import { BANDS, cameraSpec } from "./cameraSpec.js";
import { truthStream } from "./truthStream.js";

/** The truth stream label of fiber throughput draws. */
const RESPONSE = 2;

/**
 * The relative throughput of each fiber of a camera at each wavelength of `wave`, in C order
 * [fiber, wave]: `(1 + 0.05·g₁)(1 + 0.03·g₂·x)` with g₁, g₂ standard normal per fiber from the
 * truth stream of (`simseed`, camera) and x the position in the camera's range, -0.5 to 0.5. This
 * is what flat-lamp and science exposures share and what `fiberflat` measures (docs/sources.md#fiberflat:
 * 5–10 % between fibers with smooth trends in λ).
 */
export function fiberResponse(simseed: number, camera: string, nfiber: number, wave: Float64Array): Float64Array {
  const spec = cameraSpec(camera);
  const rng = truthStream(simseed, RESPONSE, BANDS.indexOf(spec.band));
  const mid = (spec.firstWave + spec.lastWave) / 2;
  const span = spec.lastWave - spec.firstWave;
  const out = new Float64Array(nfiber * wave.length);
  for (let f = 0; f < nfiber; f++) {
    const scale = Math.max(0.5, 1 + 0.05 * rng.normal());
    const tilt = 0.03 * rng.normal();
    for (let i = 0; i < wave.length; i++) out[f * wave.length + i] = scale * (1 + (tilt * ((wave[i] ?? mid) - mid)) / span);
  }
  return out;
}
