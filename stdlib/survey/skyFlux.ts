import { moonSkyBrightness } from "./moonSkyBrightness.js";

/** Nominal dark-sky surface brightness at the zenith in DECam r, nanomaggies/arcsec² (r = 21.07; desi.md §1.4). */
export const DARK_SKY_NMGY = 3.73;

/** r-band extinction at Kitt Peak, mag/airmass (desispec efftime.py; desi.md §1.4). */
export const R_EXTINCTION = 0.114;

/**
 * V − r colour of moonlight, mag: the Sun's (M_V = 4.81, M_r ≈ 4.63 AB; Willmer 2018 [mem]),
 * rounded; moonlight is scattered sunlight.
 */
export const MOONLIGHT_V_MINUS_R = 0.2;

/** nanomaggies/arcsec² of an AB surface brightness `mag` (mag/arcsec²): 10^(−0.4 (m − 22.5)). */
export function nanomaggies(mag: number): number {
  return 10 ** (-0.4 * (mag - 22.5));
}

/** What the sky brightness depends on. */
export interface SkyCircumstances {
  /** Airmass of the target, as `airmass()` gives it. */
  readonly airmass: number;
  /** Altitude of the target, deg. */
  readonly targetAltitude: number;
  /** Altitude of the Moon (topocentric), deg. */
  readonly moonAltitude: number;
  /** Moon–target separation, deg. */
  readonly moonSeparation: number;
  /** Phase angle of the Moon, deg (0 = full). */
  readonly moonPhase: number;
}

/**
 * Sky surface brightness in r (nanomaggies/arcsec², the unit of desispec's efftime): the dark sky,
 * brightening towards the horizon as airglow does in Krisciunas & Schaefer (1991, eq. 2:
 * X 10^(−0.4 k (X − 1)) times the zenith value), plus scattered moonlight from their model
 * ({@link moonSkyBrightness}, V band) moved to r with moonlight's V − r.
 */
export function skyFlux(c: SkyCircumstances): number {
  const dark = DARK_SKY_NMGY * c.airmass * 10 ** (-0.4 * R_EXTINCTION * (c.airmass - 1));
  const moonV = moonSkyBrightness(c.moonPhase, c.moonSeparation, c.moonAltitude, c.targetAltitude);
  return dark + (Number.isFinite(moonV) ? nanomaggies(moonV - MOONLIGHT_V_MINUS_R) : 0);
}
