import type { Rng } from "../kernel.js";
import { wrap180 } from "./angles.js";
import { circumstances, type Circumstances } from "./circumstances.js";
import { darkWindow, type DarkWindow } from "./darkWindow.js";
import { drawConditions } from "./drawConditions.js";
import { NOMINAL_SEEING } from "./fiberFactor.js";
import { dateOfMjd, mjdOfDate } from "./mjdOfDate.js";
import { localSiderealTime } from "./siderealTime.js";
import type { Site } from "./Site.js";
import { exptimeFor } from "./effectiveTime.js";
import { skyFlux } from "./skyFlux.js";
import { MAX_EXPTIME, solveExposure } from "./solveExposure.js";

/** A tile as the scheduler sees it. */
export interface SchedTile {
  readonly ra: number;
  readonly dec: number;
  /** Median E(B−V) over the tile, mag. */
  readonly ebv: number;
}

/** One row of the schedule, in time order. */
export interface ScheduledExposure {
  readonly night: number;
  /** Index of the tile in the tile list, or -1 for a flat. */
  readonly tile: number;
  readonly flavor: "science" | "flat";
  readonly mjd: number;
  readonly exptime: number;
  readonly airmass: number;
  readonly seeing: number;
  readonly transparency: number;
  readonly moonFraction: number;
  readonly moonAltitude: number;
  readonly moonSeparation: number;
  readonly efftime: number;
}

/** What the survey asks of the scheduler. */
export interface SurveyPlan {
  readonly tiles: readonly SchedTile[];
  /** Right ascension and declination of the footprint's centre, deg. */
  readonly ra: number;
  readonly dec: number;
  readonly firstNight: number;
  readonly nnight: number;
  /** Science exposures every tile receives at least (more when conditions force splits). */
  readonly nscience: number;
  /** Effective time every tile must reach, summed over its science exposures, s. */
  readonly efftime: number;
  readonly site: Site;
}

/** Shutter-open time of the nightly flat, s (as the example pipeline's flats). */
export const FLAT_EXPTIME = 120;

/** When the nightly flat is taken: this long before the end of evening twilight, s (afternoon calibrations). */
const FLAT_LEAD = 3600;

/**
 * Overheads before an exposure, s: slewing to a new field, or another exposure of the same field
 * (desisurvey config-main.yaml; docs/sources.md#observing).
 */
const OVERHEAD_NEW_FIELD = 139;
const OVERHEAD_SAME_FIELD = 70;

/** A tile is not observed below this altitude, deg (desisurvey config-main.yaml; docs/sources.md#observing). */
const MIN_ALTITUDE = 30;

/** Weight of dark time with the Moon up, relative to time with the Moon down, when sharing exposures between nights. */
const MOON_UP_WEIGHT = 0.2;

/** Fraction of a night's estimated capacity its share may fill (weather makes exposures longer than nominal). */
const FILL = 0.9;

/**
 * Fraction of the later nights' estimated capacity counted on when deciding how much tonight must
 * take at least: the estimate is optimistic (nominal weather, the whole footprint's visibility).
 */
const RELY = 0.6;

/**
 * Relative shortfall of a tile's summed effective time still counted as reaching its target: the
 * solver reaches each exposure's target to rounding, and a sum of shares may fall short of the
 * target by a few ulps; no exposure is taken for that.
 */
const EFFTIME_ROUNDING = 1e-9;

/** Step of the scan of each night for usable time, days (10 min). */
const WEIGHT_STEP = 10 / 1440;

/** Sidereal degrees per solar day. */
const SIDEREAL_RATE = 360.98564736629;

const DAY_S = 86400;

/** What one night offers the footprint. */
interface NightShare {
  /** Exposures in nominal weather that fit while some part of the footprint is above 30°. */
  readonly capacity: number;
  /** The same, those with the Moon up counting {@link MOON_UP_WEIGHT}. */
  readonly weight: number;
}

/**
 * The footprint's centre and its tiles farthest east and west in right ascension: the points
 * whose visibility bounds when some tile of the footprint can be observed.
 */
function referencePoints(plan: SurveyPlan): readonly (readonly [number, number])[] {
  let east: SchedTile | undefined;
  let west: SchedTile | undefined;
  for (const t of plan.tiles) {
    const d = wrap180(t.ra - plan.ra);
    if (east === undefined || d > wrap180(east.ra - plan.ra)) east = t;
    if (west === undefined || d < wrap180(west.ra - plan.ra)) west = t;
  }
  const points: (readonly [number, number])[] = [[plan.ra, plan.dec]];
  for (const t of [east, west]) if (t !== undefined) points.push([t.ra, t.dec]);
  return points;
}

/**
 * Wall-clock time, s, to collect one exposure's share of effective time that needs `exptime` s of
 * shutter time: split into exposures of at most {@link MAX_EXPTIME}, each after the overhead of
 * another exposure of the same field, plus `overhead` for the first.
 */
function shareTime(exptime: number, overhead: number): number {
  const splits = Math.max(1, Math.ceil(exptime / MAX_EXPTIME - 1e-9));
  return exptime + overhead + (splits - 1) * OVERHEAD_SAME_FIELD;
}

/**
 * How many exposures' shares of effective time (`plan.efftime / plan.nscience`) a night can hold
 * for the footprint: the dark time is scanned in 10-minute steps, and each step in which some part
 * of the footprint (its centre or its tiles farthest east and west) is above 30° holds
 * step / (exposure time + overheads) shares, the exposure time solved for nominal weather at that
 * part's airmass and moonlight and split into exposures of at most 30 min.
 */
function nightShare(w: DarkWindow, plan: SurveyPlan, points: readonly (readonly [number, number])[]): NightShare {
  const overhead = OVERHEAD_SAME_FIELD + (OVERHEAD_NEW_FIELD - OVERHEAD_SAME_FIELD) / plan.nscience;
  const perExposure = plan.efftime / plan.nscience;
  let capacity = 0;
  let weight = 0;
  for (let t = w.start; t < w.end; t += WEIGHT_STEP) {
    const dt = Math.min(WEIGHT_STEP, w.end - t);
    let best: Circumstances | undefined;
    for (const [ra, dec] of points) {
      const at = circumstances(ra, dec, t + dt / 2, plan.site);
      if (best === undefined || at.targetAltitude > best.targetAltitude) best = at;
    }
    if (best === undefined || best.targetAltitude < MIN_ALTITUDE) continue;
    const conditions = { fiberFactor: 1, airmass: best.airmass, sky: skyFlux(best), ebv: 0 };
    const n = (dt * DAY_S) / shareTime(exptimeFor(perExposure, conditions), overhead);
    capacity += n;
    weight += n * (best.moonAltitude < 0 ? 1 : MOON_UP_WEIGHT);
  }
  return { capacity, weight };
}

/** The time of the night when the tile stands highest: its transit if dark, else the darker end nearer to it. */
function bestTime(tile: SchedTile, w: DarkWindow, site: Site): number {
  const mid = (w.start + w.end) / 2;
  const transit = mid + wrap180(tile.ra - localSiderealTime(mid, site.longitude)) / SIDEREAL_RATE;
  if (transit >= w.start && transit <= w.end) return transit;
  const high = (t: number): number => circumstances(tile.ra, tile.dec, t, site).targetAltitude;
  return high(w.start) >= high(w.end) ? w.start : w.end;
}

/** One tile's share of a night: how many exposures' shares, when it stands highest, and how long they should take (s). */
interface Block {
  readonly tile: number;
  readonly count: number;
  readonly best: number;
  readonly duration: number;
}

/**
 * Schedules the survey night by night. Every tile must reach `plan.efftime` of effective time
 * summed over its science exposures, in at least `plan.nscience` of them. Every night opens with
 * a flat (120 s, an hour before the end of evening astronomical twilight), then takes a share of
 * the exposures still owed: in proportion to the night's usable dark time (Moon-down time
 * counting five times Moon-up time), at most 90 % of what the night is estimated to hold, and at
 * least what the later nights cannot be relied on to hold. A tile owes its minimum exposures not
 * yet taken, or one while it is short of its effective time after them. The share takes
 * exposures in tile order (pass by pass). Within the night each tile's exposures form a block;
 * blocks run back to back in transit order, placed so that their hour angles are least in the
 * mean square, a block moving earlier towards its tile's transit when the previous one leaves
 * room.
 *
 * Each exposure draws its weather from `rng` and aims at the tile's missing effective time
 * divided by its minimum exposures still owed (so in fair conditions a tile gets `nscience`
 * exposures of `efftime / nscience` each). No exposure is longer than 30 min (desisurvey's cosmic
 * split, docs/sources.md#observing): when the aim needs longer, the missing effective time is split
 * into enough exposures of at most 30 min, and the tile keeps being exposed, in the same block or
 * on a later night, until the sum of its exposures' EFFTIME reaches `plan.efftime`. An exposure
 * that would end after morning twilight, or find its tile below 30°, waits for the next night
 * with the rest of the night's share. Throws a RangeError when tiles are still short after the
 * last night, suggesting a better-placed footprint.
 */
export function scheduleSurvey(plan: SurveyPlan, rng: Rng): ScheduledExposure[] {
  const { tiles, nscience, site } = plan;
  const first = mjdOfDate(plan.firstNight, "firstNight");
  const windows = Array.from({ length: plan.nnight }, (_, k) => darkWindow(dateOfMjd(first + k), site));
  const points = referencePoints(plan);
  const shares = windows.map((w) => nightShare(w, plan, points));
  /** Minimum science exposures each tile still owes. */
  const owed = tiles.map(() => nscience);
  /** Effective time each tile has collected, s. */
  const got = tiles.map(() => 0);
  const reached = (i: number): boolean => (got[i] ?? 0) >= plan.efftime * (1 - EFFTIME_ROUNDING);
  const done = (i: number): boolean => (owed[i] ?? 0) === 0 && reached(i);
  /** Exposures tile `i` is still expected to need: its minimum still owed, or one while short. */
  const needed = (i: number): number => (done(i) ? 0 : Math.max(owed[i] ?? 0, 1));
  const totalNeeded = (): number => tiles.reduce((a, _, i) => a + needed(i), 0);
  const perExposure = plan.efftime / nscience;
  let weightLeft = shares.reduce((a, s) => a + s.weight, 0);
  let reliedOn = shares.reduce((a, s) => a + RELY * s.capacity, 0);
  const rows: ScheduledExposure[] = [];

  for (let k = 0; k < windows.length; k++) {
    const w = windows[k] as DarkWindow;
    const { weight, capacity } = shares[k] ?? { weight: 0, capacity: 0 };
    const flatAt = circumstances(plan.ra, plan.dec, w.start - FLAT_LEAD / DAY_S, site);
    rows.push({
      night: w.night,
      tile: -1,
      flavor: "flat",
      mjd: w.start - FLAT_LEAD / DAY_S,
      exptime: FLAT_EXPTIME,
      airmass: 0,
      seeing: 0,
      transparency: 0,
      moonFraction: flatAt.moonFraction,
      moonAltitude: flatAt.moonAltitude,
      moonSeparation: 0,
      efftime: 0,
    });
    // A share in proportion to the night's weight, but no more than fits, and no less than what
    // the later nights cannot hold.
    const remaining = totalNeeded();
    reliedOn -= RELY * capacity;
    const share = weightLeft > 0 ? Math.round((remaining * weight) / weightLeft) : 0;
    let quota = Math.min(remaining, Math.floor(FILL * capacity), Math.max(share, Math.ceil(remaining - reliedOn)));
    weightLeft -= weight;

    // Tonight's share, in tile order.
    const blocks: Block[] = [];
    for (let i = 0; i < tiles.length && quota > 0; i++) {
      const count = Math.min(needed(i), quota);
      if (count === 0) continue;
      quota -= count;
      const tile = tiles[i] as SchedTile;
      const best = bestTime(tile, w, site);
      const nominal = solveExposure(tile.ra, tile.dec, tile.ebv, best, { seeing: NOMINAL_SEEING, transparency: 1 }, perExposure, site, Infinity);
      const duration = OVERHEAD_NEW_FIELD - OVERHEAD_SAME_FIELD + count * shareTime(nominal.exptime, OVERHEAD_SAME_FIELD);
      blocks.push({ tile: i, count, best, duration });
    }
    blocks.sort((a, b) => a.best - b.best || a.tile - b.tile);

    // Blocks run back to back in transit order; the sequence starts when the duration-weighted
    // mean square of the blocks' hour angles is least, within the dark window. A block whose
    // tile transits before its slot starts earlier, as soon as the previous block ends.
    const total = blocks.reduce((a, b) => a + b.duration, 0) / DAY_S;
    let offset = 0;
    let sum = 0;
    const slots = blocks.map((b) => {
      const slot = offset;
      offset += b.duration / DAY_S;
      sum += (b.duration / DAY_S) * (b.best - slot - b.duration / 2 / DAY_S);
      return slot;
    });
    const start = Math.max(w.start, Math.min(w.end - total, total > 0 ? sum / total : w.start));
    let cursor = w.start;
    nightLoop: for (const [n, block] of blocks.entries()) {
      const centred = block.best - block.duration / 2 / DAY_S;
      cursor = Math.max(cursor, Math.min(centred, start + (slots[n] ?? 0)));
      const i = block.tile;
      const tile = tiles[i] as SchedTile;
      // The block's exposures; once the tile's minimum is taken, it goes on until the tile is done.
      for (let e = 0; !done(i) && (e < block.count || (owed[i] ?? 0) === 0); e++) {
        const open = cursor + (e === 0 ? OVERHEAD_NEW_FIELD : OVERHEAD_SAME_FIELD) / DAY_S;
        const weather = drawConditions(rng);
        const missing = plan.efftime - (got[i] ?? 0);
        const minimum = Math.max(owed[i] ?? 0, 1);
        let x = solveExposure(tile.ra, tile.dec, tile.ebv, open, weather, missing / minimum, site);
        if (x.capped) {
          // Longer than the cosmic split allows: share the missing time out between enough exposures.
          const whole = solveExposure(tile.ra, tile.dec, tile.ebv, open, weather, missing, site, Infinity);
          const pieces = Math.max(minimum, Math.ceil(whole.exptime / MAX_EXPTIME - 1e-9));
          x = solveExposure(tile.ra, tile.dec, tile.ebv, open, weather, missing / pieces, site);
        }
        if (open + x.exptime / DAY_S > w.end) break nightLoop;
        if (x.at.targetAltitude < MIN_ALTITUDE) break;
        rows.push({
          night: w.night,
          tile: i,
          flavor: "science",
          mjd: open,
          exptime: x.exptime,
          airmass: x.at.airmass,
          seeing: weather.seeing,
          transparency: weather.transparency,
          moonFraction: x.at.moonFraction,
          moonAltitude: x.at.moonAltitude,
          moonSeparation: x.at.moonSeparation,
          efftime: x.efftime,
        });
        owed[i] = Math.max(0, (owed[i] ?? 0) - 1);
        got[i] = (got[i] ?? 0) + x.efftime;
        cursor = open + x.exptime / DAY_S;
      }
    }
  }
  const short = tiles.reduce((a, _, i) => a + (done(i) ? 0 : 1), 0);
  if (short > 0) {
    const midnight = first + 1 - site.utcOffset / 24;
    const suggest = Math.round(localSiderealTime(midnight, site.longitude) + (plan.nnight / 2) * (SIDEREAL_RATE - 360));
    throw new RangeError(
      `${short} of ${tiles.length} tiles did not reach ${plan.efftime} s of effective time in at least ${nscience} science exposure(s): ` +
        `${totalNeeded()} or more exposures did not fit in ${plan.nnight} night(s) from ${plan.firstNight}: ` +
        `tiles near RA ${plan.ra}°, Dec ${plan.dec}° need dark time above ${MIN_ALTITUDE}° altitude. ` +
        `Add nights, lower ntile or nscience, or centre the footprint near RA ${((suggest % 360) + 360) % 360}° (overhead at local midnight).`,
    );
  }
  return rows;
}
