/** V-band extinction coefficient, mag/airmass: Krisciunas & Schaefer's 0.172 (desi.md §13 gives 0.15–0.17). */
export const V_EXTINCTION = 0.172;

/**
 * V-band surface brightness of scattered moonlight (mag/arcsec²) from the model of Krisciunas &
 * Schaefer (1991, PASP 103, 1033; desi.md §13), as specsim implements it:
 *
 *   I* = 10^(−0.4 (3.84 + 0.026 |α| + 4e−9 α⁴))               (eqs. 8–9, α = phase angle, deg)
 *   f(ρ) = 10^5.36 (1.06 + cos²ρ) + 10^(6.15 − ρ/40)           (eq. 21, Rayleigh + Mie)
 *   B = f(ρ) I* 10^(−0.4 k X(Z_m)) (1 − 10^(−0.4 k X(Z)))       (eq. 15, nanoLamberts)
 *   V = (20.7233 − ln(B / 34.08)) / 0.92104                     (Garstang 1986, eq. 19)
 *
 * with X(Z) = (1 − 0.96 sin²Z)^(−1/2). `alpha` is the phase angle (0 = full), `separation` the
 * Moon–target distance, `moonAltitude` and `targetAltitude` in deg, `k` the V extinction in
 * mag/airmass. Returns `Infinity` (no light) when the Moon is below the horizon.
 */
export function moonSkyBrightness(alpha: number, separation: number, moonAltitude: number, targetAltitude: number, k: number = V_EXTINCTION): number {
  if (moonAltitude <= 0) return Infinity;
  const a = Math.abs(alpha);
  const istar = 10 ** (-0.4 * (3.84 + 0.026 * a + 4e-9 * a ** 4));
  const rho = separation;
  const cosRho = Math.cos((rho * Math.PI) / 180);
  const f = 10 ** 5.36 * (1.06 + cosRho * cosRho) + 10 ** (6.15 - rho / 40);
  const X = (alt: number): number => {
    const s = Math.cos((Math.max(0, alt) * Math.PI) / 180);
    return 1 / Math.sqrt(1 - 0.96 * s * s);
  };
  const b = f * istar * 10 ** (-0.4 * k * X(moonAltitude)) * (1 - 10 ** (-0.4 * k * X(targetAltitude)));
  return (20.7233 - Math.log(b / 34.08)) / 0.92104;
}
