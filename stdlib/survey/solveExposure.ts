import { circumstances, type Circumstances } from "./circumstances.js";
import type { Weather } from "./drawConditions.js";
import { exptimeFor, effectiveTime } from "./effectiveTime.js";
import { fiberFactor } from "./fiberFactor.js";
import type { Site } from "./Site.js";
import { skyFlux } from "./skyFlux.js";

/**
 * Longest single exposure before a cosmic split, s (desisurvey config-main.yaml; docs/sources.md#observing). A
 * tile that needs longer gets more exposures (see `scheduleSurvey`), never a longer one.
 */
export const MAX_EXPTIME = 1800;

/** One science exposure solved for its depth. */
export interface SolvedExposure {
  /** Shutter-open time, s. */
  readonly exptime: number;
  /** Effective time reached, s. */
  readonly efftime: number;
  /** True when the exposure was cut at the longest allowed time and falls short of its target. */
  readonly capped: boolean;
  /** Circumstances at the middle of the exposure. */
  readonly at: Circumstances;
  /** Sky brightness in r at the middle of the exposure, nanomaggies/arcsec². */
  readonly sky: number;
}

const DAY_S = 86400;

/**
 * The exposure of the tile at (ra, dec) (deg, reddening `ebv`) opening at `mjd` that reaches
 * `target` s of effective time, cut at `maxExptime` (default {@link MAX_EXPTIME}; the cut
 * exposure reaches less and says so with `capped`): the exposure time is solved from desispec's
 * formula (see {@link exptimeFor}) with the circumstances at mid-exposure, which depend on the
 * exposure time, so the two are iterated to a fixed point (to 1 ms, within a few steps: a minute
 * moves the airmass by a few thousandths).
 */
export function solveExposure(
  ra: number,
  dec: number,
  ebv: number,
  mjd: number,
  weather: Weather,
  target: number,
  site: Site,
  maxExptime: number = MAX_EXPTIME,
): SolvedExposure {
  const ff = fiberFactor(weather.seeing, weather.transparency);
  let exptime = Math.min(maxExptime, target);
  for (let i = 0; ; i++) {
    const at = circumstances(ra, dec, mjd + exptime / 2 / DAY_S, site);
    const sky = skyFlux(at);
    const conditions = { fiberFactor: ff, airmass: at.airmass, sky, ebv };
    const needed = exptimeFor(target, conditions);
    const next = Math.min(maxExptime, needed);
    if (Math.abs(next - exptime) < 1e-3 || i >= 49) {
      // Report the conditions the final time was solved with, so that the row is self-consistent.
      return { exptime: next, efftime: effectiveTime(next, conditions), capped: needed > maxExptime, at, sky };
    }
    exptime = next;
  }
}
