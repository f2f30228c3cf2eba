import { lowerBound } from "./lowerBound.js";

/**
 * An absorption line with a saturating Lorentzian profile: the flux is multiplied by
 * 1 − depth (1 − exp(−τ φ)), φ = 1/(1 + (Δλ/γ)²). Weak lines (τ ≪ 1) are Lorentzians of
 * depth ≈ depth·τ; strong ones flatten at 1 − depth and grow damping wings, their equivalent
 * width rising as √τ — the curve of growth of a real stellar line in one formula.
 */
export interface AbsorptionLine {
  /** Rest vacuum centre, Å. */
  readonly center: number;
  /** Central optical depth. */
  readonly tau: number;
  /** Lorentzian half width at half maximum, Å. */
  readonly gamma: number;
  /** Saturated depth (residual flux 1 − depth in the core). */
  readonly depth: number;
}

/**
 * The half width (Å) out to which a line is applied: where τ φ falls to 1e-3, capped at
 * 300 Å. Inside, φ is tapered by (1 − (Δλ/W)²)² so the profile reaches 1 smoothly at ±W.
 */
export function lineReach(line: AbsorptionLine): number {
  return Math.min(300, line.gamma * Math.sqrt(Math.max(line.tau / 1e-3 - 1, 0)));
}

/** Multiplies `out` at the increasing rest wavelengths `restWave` by each line's profile. */
export function applyAbsorptionLines(lines: readonly AbsorptionLine[], restWave: Float64Array, out: Float64Array): void {
  for (const line of lines) {
    if (!(line.tau > 0 && line.depth > 0)) continue;
    const reach = lineReach(line);
    const lo = lowerBound(restWave, line.center - reach);
    const hi = lowerBound(restWave, line.center + reach);
    const invGamma2 = 1 / (line.gamma * line.gamma);
    const invReach2 = 1 / (reach * reach);
    for (let i = lo; i < hi; i++) {
      const d = (restWave[i] as number) - line.center;
      const d2 = d * d;
      const taper = 1 - d2 * invReach2;
      const phi = (taper * taper) / (1 + d2 * invGamma2);
      out[i] = (out[i] as number) * (1 - line.depth * (1 - Math.exp(-line.tau * phi)));
    }
  }
}
