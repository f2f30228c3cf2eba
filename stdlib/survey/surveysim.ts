import type { ExposureList } from "../datamodel/ExposureList.js";
import type { TileTable } from "../datamodel/TileTable.js";
import type { KernelContext, date, float, int } from "../kernel.js";
import { ebvMedian } from "./ebvMedian.js";
import { layTiles } from "./layTiles.js";
import { mjdOfDate, dateOfMjd } from "./mjdOfDate.js";
import { scheduleSurvey } from "./scheduleSurvey.js";
import { KITT_PEAK } from "./Site.js";

/** Effective time a DARK tile aims at over all its exposures, s (desisurvey config-main.yaml; docs/sources.md#observing). */
const DARK_EFFTIME = 1000;

/** Radius of a tile's field, deg (desisurvey's tile_radius 1.62°, rounded; docs/sources.md#telescope). */
const TILE_RADIUS = 1.6;

/** TILEID of the first tile; the others follow pass by pass. */
const FIRST_TILEID = 1000;

/** EXPID of the first exposure; the others follow in time order. */
const FIRST_EXPID = 1000;

/** The years over which the low-precision Sun and Moon formulae hold (Astronomical Almanac). */
const FIRST_YEAR = 1950;
const LAST_YEAR = 2050;

function checkCount(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} = ${v} is not an integer in [${min}, ${max}]`);
}

function checkRange(name: string, v: number, min: number, max: number, unit: string, why: string): void {
  if (!(v >= min && v < max)) throw new RangeError(`${name} = ${v} ${unit} is not in [${min}, ${max}): ${why}`);
}

/**
 * Simulates a reduced DESI-like survey from Kitt Peak: lays `ntile` DARK tiles in `npass`
 * overlapping passes around (`ra`, `dec`), then schedules `nnight` consecutive nights from
 * `firstNight`, each opening with one flat, until every tile has at least `nscience` science
 * exposures and 1000 s of effective time summed over them.
 * Each science exposure has real circumstances (low-precision Sun and Moon ephemerides, airmass
 * at mid-exposure, Moon phase, altitude and separation), drawn seeing and transparency, a sky
 * brightness from the dark sky plus Krisciunas & Schaefer (1991) moonlight, and an exposure time
 * solved from desispec's dark effective-time formula for the tile's missing effective time
 * shared over its remaining `nscience` exposures. No exposure is longer than 30 min: when
 * conditions (seeing, transparency, moonlight, airmass) need longer, the tile gets more
 * exposures, on the same or later nights, until their EFFTIME sums to 1000 s (desisurvey's
 * cosmic split; docs/sources.md#observing, #efftime). Every draw comes from `ctx.rng`.
 *
 * Tiles: TILEID from 1000, EBV_MED from a cosecant dust law (smooth, not SFD), IN_DESI 1, all
 * PROGRAM DARK (BRIGHT tiles, 180 s in desisurvey's config, are not simulated). Flats: TILEID -1, PROGRAM CALIB,
 * EXPTIME 120 s, EFFTIME 0, AIRMASS, SEEING, TRANSP and MOONSEP 0 (not pointed at the sky),
 * MOONFRAC and MOONALT at the flat's time. Throws a RangeError for impossible params or when
 * the nights cannot hold the exposures.
 */
export function surveysim(
  _inputs: Readonly<Record<string, never>>,
  params: {
    /**
     * Tiles in the reduced footprint (all passes together).
     * @default 2
     */
    readonly ntile: int;
    /**
     * Nights observed, consecutive from `firstNight`.
     * @default 2
     */
    readonly nnight: int;
    /**
     * Science exposures each tile receives at least; together they aim at 1000 s of effective
     * time, and a tile that falls short of it in them gets more.
     * @default 2
     */
    readonly nscience: int;
    /**
     * Passes (layers of the tiling, offset into each other's gaps); tiles are shared out
     * between them, pass 0 first.
     * @default 2
     */
    readonly npass: int;
    /**
     * The first night, YYYYMMDD: local (MST) date at the start of the night, 1950 to 2050.
     * @default 20210211
     */
    readonly firstNight: date;
    /**
     * Right ascension of the footprint's centre.
     * @unit deg
     * @default 150.1
     */
    readonly ra: float;
    /**
     * Declination of the footprint's centre.
     * @unit deg
     * @default 2.2
     */
    readonly dec: float;
    /**
     * Distance between neighbouring tile centres of a pass; below twice the 1.6° field radius
     * so that neighbours overlap, below 2.77° (√3 × 1.6°) so that one pass leaves no holes.
     * @unit deg
     * @default 2.7
     */
    readonly spacing: float;
  },
  ctx: KernelContext,
): { tiles: TileTable; exposures: ExposureList } {
  const { ntile, nnight, nscience, npass, firstNight, ra, dec, spacing } = params;
  checkCount("ntile", ntile, 1, 100000);
  checkCount("nnight", nnight, 1, 3660);
  checkCount("nscience", nscience, 1, 100);
  checkCount("npass", npass, 1, 64);
  const first = mjdOfDate(firstNight, "firstNight");
  if (Math.floor(firstNight / 10000) < FIRST_YEAR || Math.floor(dateOfMjd(first + nnight) / 10000) > LAST_YEAR) {
    throw new RangeError(`firstNight = ${firstNight} with nnight = ${nnight} leaves ${FIRST_YEAR}–${LAST_YEAR}, where the Sun and Moon formulae hold`);
  }
  checkRange("ra", ra, 0, 360, "deg", "a right ascension");
  checkRange("dec", dec, -90, 90, "deg", "a declination");
  if (!(spacing > 0 && spacing < 2 * TILE_RADIUS)) {
    throw new RangeError(`spacing = ${spacing} deg must be in (0, ${2 * TILE_RADIUS}) so that neighbouring ${TILE_RADIUS}° tiles overlap`);
  }

  const centres = layTiles(ntile, npass, spacing, ra, dec);
  const n = centres.length;
  const tiles: TileTable = {
    meta: { RADIUS: TILE_RADIUS, NPASS: BigInt(npass), SPACING: spacing, EBVMODEL: "0.015 csc|b|, |b| >= 10 deg" },
    TILEID: Int32Array.from(centres, (_, i) => FIRST_TILEID + i),
    RA: Float64Array.from(centres, (c) => c.ra),
    DEC: Float64Array.from(centres, (c) => c.dec),
    PASS: Int16Array.from(centres, (c) => c.pass),
    PROGRAM: centres.map(() => "DARK"),
    IN_DESI: new Int16Array(n).fill(1),
    EBV_MED: Float32Array.from(centres, (c) => ebvMedian(c.ra, c.dec)),
  };

  const rows = scheduleSurvey(
    {
      tiles: centres.map((c, i) => ({ ra: c.ra, dec: c.dec, ebv: tiles.EBV_MED[i] ?? 0 })),
      ra,
      dec,
      firstNight,
      nnight,
      nscience,
      efftime: DARK_EFFTIME,
      site: KITT_PEAK,
    },
    ctx.rng,
  );
  const m = rows.length;
  const exposures: ExposureList = {
    meta: {
      OBSERVAT: "KPNO",
      OBS_LAT: KITT_PEAK.latitude,
      OBS_LON: KITT_PEAK.longitude,
      OBS_ELEV: KITT_PEAK.elevation,
      EFFTARG: DARK_EFFTIME,
      NSCIENCE: BigInt(nscience),
    },
    EXPID: Int32Array.from(rows, (_, i) => FIRST_EXPID + i),
    NIGHT: Int32Array.from(rows, (r) => r.night),
    TILEID: Int32Array.from(rows, (r) => (r.tile < 0 ? -1 : FIRST_TILEID + r.tile)),
    FLAVOR: rows.map((r) => r.flavor),
    PROGRAM: rows.map((r) => (r.tile < 0 ? "CALIB" : (tiles.PROGRAM[r.tile] ?? "DARK"))),
    MJD: Float64Array.from(rows, (r) => r.mjd),
    EXPTIME: Float32Array.from(rows, (r) => r.exptime),
    AIRMASS: Float32Array.from(rows, (r) => r.airmass),
    SEEING: Float32Array.from(rows, (r) => r.seeing),
    TRANSP: Float32Array.from(rows, (r) => r.transparency),
    MOONFRAC: Float32Array.from(rows, (r) => r.moonFraction),
    MOONALT: Float32Array.from(rows, (r) => r.moonAltitude),
    MOONSEP: Float32Array.from(rows, (r) => r.moonSeparation),
    EFFTIME: Float32Array.from(rows, (r) => r.efftime),
  };
  ctx.log(`surveysim: ${n} tiles in ${npass} pass(es), ${m} exposures (${m - nnight} science) on ${nnight} night(s) from ${firstNight}`);
  return { tiles, exposures };
}
