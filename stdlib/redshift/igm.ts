import { tauEff } from "../templates/index.js";

/** Lyα rest wavelength (Å, vacuum). */
export const LYA = 1215.67;

/**
 * Mean Lyman-series transmission of the intergalactic medium at observed wavelength `lambda` for
 * a source at `z`: exp(−τ_eff) with the template generator's τ_eff(z_abs) = 0.0023 (1 + z_abs)^3.65
 * (Kirkman et al. 2005, docs/sources.md#templates) at z_abs = λ/1215.67 − 1, for λ < (1 + z)·1215.67;
 * 1 redward of Lyα. redrock multiplies quasar models by such a mean transmission during the scan
 * and the fine fit (docs/sources.md#redrock).
 */
export function igmTransmissionAt(lambda: number, z: number): number {
  if (lambda >= (1 + z) * LYA) return 1;
  return Math.exp(-tauEff(lambda / LYA - 1));
}
