/**
 * Vacuum wavelength of an air wavelength `air` Å (standard air; Morton 2000, the IAU formula with
 * the refractive index evaluated at the air wavelength, good to 0.01 Å in the optical).
 */
export function airToVacuum(air: number): number {
  const s2 = (1e4 / air) ** 2;
  const n = 1 + 8.34254e-5 + 2.406147e-2 / (130 - s2) + 1.5998e-4 / (38.9 - s2);
  return air * n;
}
