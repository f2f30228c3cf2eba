import { DARK_SKY_NMGY, R_EXTINCTION } from "./skyFlux.js";

/** Sky-equivalent of the read noise, nanomaggies/arcsec² at 1000 s (desispec py/desispec/efftime.py; docs/sources.md#sky). */
export const SKY_READNOISE_NMGY = 0.932;

/** Exposure time at which the read noise equals {@link SKY_READNOISE_NMGY} of sky, s. */
export const READNOISE_EXPTIME = 1000;

/** A_r / E(B−V), the r-band Galactic extinction per unit reddening (desispec efftime.py; docs/sources.md#sky). */
export const R_R = 2.165;

/** The conditions desispec's dark effective time depends on. */
export interface EfftimeConditions {
  /** FIBERFAC_ELG: ELG fiber acceptance relative to nominal, times transparency. */
  readonly fiberFactor: number;
  /** Airmass of the tile centre. */
  readonly airmass: number;
  /** Sky brightness in r, nanomaggies/arcsec². */
  readonly sky: number;
  /** Galactic reddening E(B−V), mag. */
  readonly ebv: number;
}

/**
 * The factor c such that EFFTIME(t) = c t² / (sky t + 0.932 · 1000): desispec's
 * EFFTIME_DARK (desispec py/desispec/efftime.py; docs/sources.md#efftime) with the effective sky written out,
 *   EFFTIME = t (F / a)² (3.73 / effsky) / e²,  a = 10^(0.114 (X − 1)/2.5),  e = 10^(2.165 E(B−V)/2.5),
 *   effsky = (sky + 0.932 · 1000 / t) / (1 + 0.932 / 3.73).
 */
function coefficient(c: EfftimeConditions): number {
  const airfac = 10 ** ((R_EXTINCTION * (c.airmass - 1)) / 2.5);
  const ebvfac = 10 ** ((R_R * c.ebv) / 2.5);
  return ((c.fiberFactor / airfac) ** 2 * DARK_SKY_NMGY * (1 + SKY_READNOISE_NMGY / DARK_SKY_NMGY)) / ebvfac ** 2;
}

/** desispec's dark-program effective time (s) of an exposure of `exptime` s in conditions `c` (docs/sources.md#efftime). */
export function effectiveTime(exptime: number, c: EfftimeConditions): number {
  if (!(exptime > 0)) return 0;
  return (coefficient(c) * exptime * exptime) / (c.sky * exptime + SKY_READNOISE_NMGY * READNOISE_EXPTIME);
}

/**
 * The exposure time (s) whose {@link effectiveTime} in conditions `c` is `efftime` s: the positive
 * root of c t² − T s t − 932 T = 0.
 */
export function exptimeFor(efftime: number, c: EfftimeConditions): number {
  const k = coefficient(c);
  const b = efftime * c.sky;
  return (b + Math.sqrt(b * b + 4 * k * SKY_READNOISE_NMGY * READNOISE_EXPTIME * efftime)) / (2 * k);
}
