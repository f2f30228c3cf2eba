import { NANOMAGGY_AB_MAG } from "../constants/index.js";
import { DARK_SKY_R_MAG, skyBrightnessR } from "../instrument/index.js";

/**
 * Nominal dark-sky surface brightness at the zenith in DECam r, nanomaggies/arcsec² (desispec
 * efftime.py's nominal 3.73; docs/sources.md#sky): the instrument's dark sky, r = 21.07 mag/arcsec².
 */
export const DARK_SKY_NMGY = Math.round(10 ** (-0.4 * (DARK_SKY_R_MAG - NANOMAGGY_AB_MAG)) * 100) / 100;

/** r-band extinction at Kitt Peak, mag/airmass (desispec py/desispec/efftime.py; docs/sources.md#sky). */
export const R_EXTINCTION = 0.114;

/** nanomaggies/arcsec² of an AB surface brightness `mag` (mag/arcsec²): 10^(−0.4 (m − 22.5)). */
export function nanomaggies(mag: number): number {
  return 10 ** (-0.4 * (mag - NANOMAGGY_AB_MAG));
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
 * Sky surface brightness in r (nanomaggies/arcsec², the unit of desispec's efftime) in
 * circumstances `c`: the synthetic DECam r brightness of the instrument's sky spectrum, the one
 * the simulated frames receive (`skyBrightnessR` of stdlib/instrument): the dark sky, 3.73 at the
 * zenith and extinguished as specsim does (10^(−0.4 k(λ) (X − 1)), so 3.73 · ≈ 10^(−0.4 · 0.10
 * (X − 1))), plus Krisciunas & Schaefer moonlight (the moon's illuminated fraction
 * (1 + cos α)/2, its altitude and separation, the target's airmass) in a solar spectrum.
 */
export function skyFlux(c: SkyCircumstances): number {
  const fraction = (1 + Math.cos((c.moonPhase * Math.PI) / 180)) / 2;
  return skyBrightnessR({ airmass: c.airmass, fraction, altitude: c.moonAltitude, separation: c.moonSeparation });
}
