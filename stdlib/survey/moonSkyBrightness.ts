import { MOON_V_EXTINCTION, airmassAt, scatteredMoonV } from "../instrument/index.js";

/**
 * V-band extinction coefficient of the moonlight model, mag/airmass: the instrument's, its KPNO
 * extinction curve at 5500 Å (0.154, within the 0.15–0.17 usual for V; docs/sources.md#moon), so that the survey and the
 * simulated frames see the same moonlight.
 */
export const V_EXTINCTION = MOON_V_EXTINCTION;

/**
 * V-band surface brightness of scattered moonlight (mag/arcsec²) from the model of Krisciunas &
 * Schaefer (1991, PASP 103, 1033; docs/sources.md#moon), as specsim implements it, computed by the
 * instrument model's `scatteredMoonV` (the moonlight the simulated frames receive):
 *
 *   I* = 10^(−0.4 (3.84 + 0.026 |α| + 4e−9 α⁴))               (eqs. 8–9, α = phase angle, deg)
 *   f(ρ) = 10^5.36 (1.06 + cos²ρ) + 10^(6.15 − ρ/40)           (eq. 21, Rayleigh + Mie)
 *   B = f(ρ) I* 10^(−0.4 k X(Z_m)) (1 − 10^(−0.4 k X(Z)))       (eq. 15, nanoLamberts)
 *   V = (20.7233 − ln(B / 34.08)) / 0.92104                     (Garstang 1986, eq. 19)
 *
 * with X(Z) = (1 − 0.96 sin²Z)^(−1/2) and ρ clamped to ≥ 10°, where the fit stops. `alpha` is the
 * phase angle (0 = full), `separation` the Moon–target distance, `moonAltitude` and
 * `targetAltitude` in deg, `k` the V extinction in mag/airmass. Returns `Infinity` (no light)
 * when the Moon is below the horizon.
 */
export function moonSkyBrightness(alpha: number, separation: number, moonAltitude: number, targetAltitude: number, k: number = V_EXTINCTION): number {
  if (moonAltitude <= 0) return Infinity;
  return scatteredMoonV(alpha, separation, moonAltitude, airmassAt(90 - Math.max(0, targetAltitude)), k);
}
