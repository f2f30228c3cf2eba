import { SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";
import { lowerBound } from "./lowerBound.js";
import { REST } from "./restWavelengths.js";
import type { Rng } from "./Rng.js";

/** A broad-absorption-line outflow: one velocity range absorbed in several ions. */
export interface BalTroughs {
  /** Lowest outflow velocity, km/s. */
  readonly vMin: number;
  /** Highest outflow velocity, km/s. */
  readonly vMax: number;
  /** Maximum fractional depth in CIV. */
  readonly depth: number;
}

/** Ions absorbed and their depth relative to CIV (SiIV and NV are shallower, as in HiBALs). */
const IONS: readonly (readonly [number, number])[] = [
  [REST.CIV, 1],
  [REST.SIIV, 0.6],
  [REST.NV, 0.8],
  [REST.LYA, 0.8],
];

/** Width of the troughs' smooth edges, km/s. */
const EDGE = 500;

/**
 * Draws a BAL outflow: onset 1000–8000 km/s, width 3000–15000 km/s (so BALnicity, which
 * counts absorption wider than 2000 km/s beyond 3000 km/s, is positive; Weymann et al. 1991),
 * CIV depth 0.5–0.95.
 */
export function drawBalTroughs(rng: Rng): BalTroughs {
  const vMin = rng.between(1000, 8000);
  const width = rng.between(3000, 15000);
  return { vMin, vMax: vMin + width, depth: rng.between(0.5, 0.95) };
}

/**
 * Multiplies the rest-frame flux `out` at `restWave` by the troughs: blueward of CIV 1549,
 * SiIV 1397, NV 1240 and Lyα, at outflow velocities v = c (λ_ion − λ)/λ_ion between vMin and
 * vMax, 1 − depth with cosine edges of 500 km/s.
 */
export function applyBalTroughs(bal: BalTroughs, restWave: Float64Array, out: Float64Array): void {
  for (const [ion, rel] of IONS) {
    const depth = bal.depth * rel;
    const lo = lowerBound(restWave, ion * (1 - (bal.vMax + EDGE) / SPEED_OF_LIGHT_KM_PER_S));
    const hi = lowerBound(restWave, ion * (1 - (bal.vMin - EDGE) / SPEED_OF_LIGHT_KM_PER_S));
    for (let i = lo; i < hi; i++) {
      const v = (SPEED_OF_LIGHT_KM_PER_S * (ion - (restWave[i] as number))) / ion;
      const inner = Math.min(v - (bal.vMin - EDGE), bal.vMax + EDGE - v) / (2 * EDGE);
      const profile = inner >= 1 ? 1 : inner <= 0 ? 0 : 0.5 - 0.5 * Math.cos(Math.PI * inner);
      out[i] = (out[i] as number) * (1 - depth * profile);
    }
  }
}
