import { airmassAt } from "./extinction.js";

/** V-band extinction at Kitt Peak used by the moon model, mag per airmass (desi.md §13: 0.15–0.17). */
const K_V = 0.15;

/** Flux density of V = 0 at 5500 Å, 10^-17 erg/(s cm² Å) (Bessell 1998, 3.63e-9 erg/(s cm² Å)). */
const V_ZERO_5500 = 3.63e8;

/** Effective temperature of the Sun, K: the solar spectrum is modelled as a black body. */
const SUN_TEMPERATURE = 5778;

/** hc/k in Å·K (CODATA 2018). */
const HC_OVER_K = 1.438776877e8;

/** The moon's position and phase that scattered moonlight depends on. */
export interface MoonGeometry {
  /** Illuminated fraction, 0 (new) to 1 (full). */
  readonly fraction: number;
  /** Altitude of the moon, degrees (≤ 0: below the horizon, no moonlight). */
  readonly altitude: number;
  /** Separation between the moon and the target, degrees. */
  readonly separation: number;
  /** Airmass of the target. */
  readonly airmass: number;
}

/**
 * Surface brightness of scattered moonlight in V, mag/arcsec² (Krisciunas & Schaefer 1991, as
 * desi.md §13 and specsim write it): phase angle α from the illuminated fraction
 * (f = (1 + cos α)/2), I* = 10^(−0.4 (3.84 + 0.026|α| + 4e−9 α⁴)), f(ρ) = 10^5.36 (1.06 + cos²ρ)
 * + 10^(6.15 − ρ/40), B = f(ρ) I* 10^(−0.4 k X(Z_m)) (1 − 10^(−0.4 k X(Z))) nanoLamberts, then
 * V = (20.7233 − ln(B / 34.08)) / 0.92104. Infinity when the moon is down or new. The separation
 * is clamped to ≥ 10°, where the fit stops.
 */
export function moonBrightnessV(moon: MoonGeometry): number {
  if (!(moon.altitude > 0) || !(moon.fraction > 0)) return Infinity;
  const alpha = (Math.acos(Math.min(1, Math.max(-1, 2 * moon.fraction - 1))) * 180) / Math.PI;
  const rho = Math.max(10, moon.separation);
  const istar = 10 ** (-0.4 * (3.84 + 0.026 * alpha + 4e-9 * alpha ** 4));
  const cosRho = Math.cos((rho * Math.PI) / 180);
  const scatter = 10 ** 5.36 * (1.06 + cosRho * cosRho) + 10 ** (6.15 - rho / 40);
  const xMoon = airmassAt(90 - moon.altitude);
  const xTarget = Math.max(1, moon.airmass);
  const b = scatter * istar * 10 ** (-0.4 * K_V * xMoon) * (1 - 10 ** (-0.4 * K_V * xTarget));
  return (20.7233 - Math.log(b / 34.08)) / 0.92104;
}

/** A black body at the Sun's temperature in f_λ, normalised to 1 at 5500 Å. */
function solarShape(wave: number): number {
  const planck = (w: number): number => w ** -5 / Math.expm1(HC_OVER_K / (w * SUN_TEMPERATURE));
  return planck(wave) / planck(5500);
}

/**
 * Scattered moonlight per arcsec², 10^-17 erg/(s cm² Å arcsec²), at each wavelength of `wave`: a
 * solar spectrum (5778 K black body) scaled to {@link moonBrightnessV} at 5500 Å; zeros when the
 * moon is down. Add it to the dark sky.
 */
export function moonSpectrum(wave: Float64Array, moon: MoonGeometry): Float64Array {
  const out = new Float64Array(wave.length);
  const v = moonBrightnessV(moon);
  if (!Number.isFinite(v)) return out;
  const f5500 = V_ZERO_5500 * 10 ** (-0.4 * v);
  for (let i = 0; i < wave.length; i++) out[i] = f5500 * solarShape(wave[i]!);
  return out;
}
