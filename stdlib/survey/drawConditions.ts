import type { Rng } from "../kernel.js";
import { NOMINAL_SEEING } from "./fiberFactor.js";

/** Weather of one exposure. */
export interface Weather {
  /** Seeing FWHM, arcsec. */
  readonly seeing: number;
  /** Atmospheric transparency, 0 to 1. */
  readonly transparency: number;
}

/** Log-normal width of the seeing: the 10–90 % range is then 0.8″–1.5″ around the 1.1″ median [mem: Mayall delivered seeing]. */
const SEEING_SIGMA_LN = 0.25;

/** Limits of the seeing draw, arcsec. */
const SEEING_MIN = 0.5;
const SEEING_MAX = 3;

/** Scale of the transparency's loss below 1 (half-normal): median 0.97, 5 % of exposures below 0.9 [mem]. */
const TRANSPARENCY_LOSS = 0.05;

/** The lowest transparency drawn; DESI closes or switches to backup below it. */
const TRANSPARENCY_MIN = 0.3;

/**
 * Draws one exposure's weather from `rng`, two normal draws in a fixed order: seeing log-normal
 * with DESI's nominal 1.1″ as median (desisurvey config-main.yaml; docs/sources.md#observing), clipped to 0.5″–3″; transparency
 * 1 − 0.05 |N(0, 1)|, clipped at 0.3. Draws are independent between exposures (no weather
 * correlation in time).
 */
export function drawConditions(rng: Rng): Weather {
  const seeing = Math.min(SEEING_MAX, Math.max(SEEING_MIN, NOMINAL_SEEING * Math.exp(SEEING_SIGMA_LN * rng.normal())));
  const transparency = Math.max(TRANSPARENCY_MIN, 1 - TRANSPARENCY_LOSS * Math.abs(rng.normal()));
  return { seeing, transparency };
}
