import { SECOND_RADIATION_CONSTANT_ANGSTROM_K } from "../constants/index.js";
import { airmassAt, extinction } from "./extinction.js";

/**
 * V-band extinction at Kitt Peak used by the moon model, mag per airmass: the instrument's KPNO
 * curve ({@link extinction}, docs/sources.md#extinction) at V's 5500 Å, 0.154 (V: 0.15–0.17). The
 * survey's exposure-time model uses the same value.
 */
export const MOON_V_EXTINCTION = extinction(5500);

/** Flux density of V = 0 at 5500 Å, 10^-17 erg/(s cm² Å) (Bessell 1998, 3.63e-9 erg/(s cm² Å)). */
const V_ZERO_5500 = 3.63e8;

/**
 * Effective temperature of the Sun, K (the commonly quoted 5778 K; IAU 2015 Resolution B3's nominal
 * value is 5772 K): the solar spectrum is modelled as a black body.
 */
const SUN_TEMPERATURE = 5778;

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
 * specsim atmosphere.py writes it; docs/sources.md#moon), from the Moon's phase angle `phaseAngle` (deg, 0 = full), its
 * separation from the target `separation` (deg), its altitude `moonAltitude` (deg) and the target's
 * airmass `airmass`: I* = 10^(−0.4 (3.84 + 0.026|α| + 4e−9 α⁴)), f(ρ) = 10^5.36 (1.06 + cos²ρ)
 * + 10^(6.15 − ρ/40), B = f(ρ) I* 10^(−0.4 k X(Z_m)) (1 − 10^(−0.4 k X)) nanoLamberts with
 * X(Z_m) = (1 − 0.96 sin²Z_m)^−½, then V = (20.7233 − ln(B / 34.08)) / 0.92104. `k` is the V
 * extinction ({@link MOON_V_EXTINCTION} unless given). Infinity when the moon is down. The
 * separation is clamped to ≥ 10°, where the fit stops.
 */
export function scatteredMoonV(phaseAngle: number, separation: number, moonAltitude: number, airmass: number, k: number = MOON_V_EXTINCTION): number {
  if (!(moonAltitude > 0)) return Infinity;
  const alpha = Math.abs(phaseAngle);
  const rho = Math.max(10, separation);
  const istar = 10 ** (-0.4 * (3.84 + 0.026 * alpha + 4e-9 * alpha ** 4));
  const cosRho = Math.cos((rho * Math.PI) / 180);
  const scatter = 10 ** 5.36 * (1.06 + cosRho * cosRho) + 10 ** (6.15 - rho / 40);
  const xMoon = airmassAt(90 - moonAltitude);
  const xTarget = Math.max(1, airmass);
  const b = scatter * istar * 10 ** (-0.4 * k * xMoon) * (1 - 10 ** (-0.4 * k * xTarget));
  return (20.7233 - Math.log(b / 34.08)) / 0.92104;
}

/** The Moon's phase angle in degrees (0 = full) of illuminated fraction `fraction` = (1 + cos α)/2. */
export function moonPhaseAngleOf(fraction: number): number {
  return (Math.acos(Math.min(1, Math.max(-1, 2 * fraction - 1))) * 180) / Math.PI;
}

/**
 * {@link scatteredMoonV} for a {@link MoonGeometry}: the phase angle from the illuminated
 * fraction. Infinity when the moon is down or new.
 */
export function moonBrightnessV(moon: MoonGeometry): number {
  if (!(moon.altitude > 0) || !(moon.fraction > 0)) return Infinity;
  return scatteredMoonV(moonPhaseAngleOf(moon.fraction), moon.separation, moon.altitude, moon.airmass);
}

/** A black body at the Sun's temperature in f_λ, normalised to 1 at 5500 Å. */
function solarShape(wave: number): number {
  const planck = (w: number): number => w ** -5 / Math.expm1(SECOND_RADIATION_CONSTANT_ANGSTROM_K / (w * SUN_TEMPERATURE));
  return planck(wave) / planck(5500);
}

/**
 * Scattered moonlight of V brightness `v` mag/arcsec² per arcsec², 10^-17 erg/(s cm² Å arcsec²),
 * at each wavelength of `wave`: a solar spectrum (5778 K black body) scaled to `v` at 5500 Å;
 * zeros when `v` is infinite.
 */
export function moonlightOfV(wave: ArrayLike<number>, v: number): Float64Array {
  const out = new Float64Array(wave.length);
  if (!Number.isFinite(v)) return out;
  const f5500 = V_ZERO_5500 * 10 ** (-0.4 * v);
  for (let i = 0; i < wave.length; i++) out[i] = f5500 * solarShape(wave[i]!);
  return out;
}

/**
 * Scattered moonlight per arcsec², 10^-17 erg/(s cm² Å arcsec²), at each wavelength of `wave`, as
 * it reaches the telescope (Krisciunas & Schaefer's brightness already holds the extinction): a
 * solar spectrum (5778 K black body) scaled to {@link moonBrightnessV} at 5500 Å; zeros when the
 * moon is down. Add it to the dark sky.
 */
export function moonSpectrum(wave: Float64Array, moon: MoonGeometry): Float64Array {
  return moonlightOfV(wave, moonBrightnessV(moon));
}
