import { COLLECTING_AREA_CM2, FLUX_UNIT, HC_ERG_ANGSTROM, POINT_SOURCE_ACCEPTANCE } from "./instrument.js";
import { throughput } from "./throughput.js";

/**
 * The calibration vector of a camera for an exposure of `exptime` seconds: electrons per Å
 * detected per 10^-17 erg/(s cm² Å) of a point source above the atmosphere, at each wavelength
 * of `wave` (docs/sources.md#specsim steps 1–2, #fluxcalib): area × exptime × throughput × acceptance × λ/(hc) ×
 * 10^-17. About 68 e⁻/Å at 6000 Å in 1000 s.
 */
export function fluxCalibration(camera: string, wave: Float64Array, exptime: number): Float64Array {
  const out = new Float64Array(wave.length);
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i] ?? 0;
    out[i] = (COLLECTING_AREA_CM2 * exptime * throughput(camera, w) * POINT_SOURCE_ACCEPTANCE * w * FLUX_UNIT) / HC_ERG_ANGSTROM;
  }
  return out;
}
