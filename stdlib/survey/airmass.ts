import { DEG } from "./angles.js";

/**
 * Airmass at altitude `alt` (deg): X = (1 − 0.96 sin²z)^(−1/2) with z = 90° − alt, the formula of
 * Krisciunas & Schaefer (1991, PASP 103, 1033, eq. 3) that specsim uses (docs/sources.md#extinction). It follows sec z
 * to 1.5 % down to 50° altitude (2 % at 45°, 5.5 % at 30°) and stays finite (5.0) at the horizon. Below the horizon the
 * horizon's value is returned.
 */
export function airmass(alt: number): number {
  const z = (90 - Math.max(0, alt)) * DEG;
  const s = Math.sin(z);
  return 1 / Math.sqrt(1 - 0.96 * s * s);
}
