import type { ExposureList } from "../datamodel/ExposureList.js";
import type { Header } from "../datamodel/values.js";

/**
 * One row of an {@link ExposureList}: what a simulation needs to know about an exposure. FLAVOR
 * is trimmed and lower-cased (`science` or `flat`).
 */
export interface ExposureRow {
  readonly EXPID: number;
  readonly NIGHT: number;
  readonly TILEID: number;
  readonly FLAVOR: string;
  readonly PROGRAM: string;
  readonly MJD: number;
  readonly EXPTIME: number;
  readonly AIRMASS: number;
  readonly SEEING: number;
  readonly TRANSP: number;
  readonly MOONFRAC: number;
  readonly MOONALT: number;
  readonly MOONSEP: number;
}

/**
 * The row of exposure `expid` in `list`; throws an Error naming the exposure and the file when
 * it is not there, or is there twice.
 */
export function exposureRow(list: ExposureList, expid: number, path: string, kernel: string): ExposureRow {
  const i = list.EXPID.indexOf(expid);
  if (i < 0) throw new Error(`${kernel}: exposure ${expid} is not in ${path}`);
  if (list.EXPID.indexOf(expid, i + 1) >= 0) throw new Error(`${kernel}: exposure ${expid} appears more than once in ${path}`);
  // f32 columns are rounded to 7 significant digits, so headers carry the value the file shows.
  const f32 = (a: Float32Array): number => Number((a[i] ?? 0).toPrecision(7));
  return {
    EXPID: expid,
    NIGHT: list.NIGHT[i] ?? 0,
    TILEID: list.TILEID[i] ?? -1,
    FLAVOR: (list.FLAVOR[i] ?? "").trim().toLowerCase(),
    PROGRAM: (list.PROGRAM[i] ?? "").trim(),
    MJD: list.MJD[i] ?? 0,
    EXPTIME: f32(list.EXPTIME),
    AIRMASS: f32(list.AIRMASS),
    SEEING: f32(list.SEEING),
    TRANSP: f32(list.TRANSP),
    MOONFRAC: f32(list.MOONFRAC),
    MOONALT: f32(list.MOONALT),
    MOONSEP: f32(list.MOONSEP),
  };
}

/** MJD of the Unix epoch, 1970-01-01T00:00:00 UTC. */
const MJD_UNIX_EPOCH = 40587;

/**
 * The header keys of SimSpec (and, with CAMERA and SPECGRPH added, of a Frame) taken from an
 * exposure row: NIGHT, EXPID, TILEID, EXPTIME, AIRMASS, SEEING, TRANSP, MOONFRAC, MOONALT,
 * MOONSEP, PROGRAM (lower case, DESI's one spelling: `dark`, as fiber assignment's FAPRGRM),
 * FLAVOR, OBSTYPE (FLAVOR in upper case: `SCIENCE`, `FLAT`, as DESI's raw headers), MJD-OBS and
 * DATE-OBS (MJD-OBS as ISO 8601 UTC, `2025-01-02T06:00:00.000`).
 */
export function exposureHeader(row: ExposureRow): Header {
  return {
    NIGHT: row.NIGHT,
    EXPID: row.EXPID,
    TILEID: row.TILEID,
    EXPTIME: row.EXPTIME,
    AIRMASS: row.AIRMASS,
    SEEING: row.SEEING,
    TRANSP: row.TRANSP,
    MOONFRAC: row.MOONFRAC,
    MOONALT: row.MOONALT,
    MOONSEP: row.MOONSEP,
    PROGRAM: row.PROGRAM.toLowerCase(),
    FLAVOR: row.FLAVOR,
    OBSTYPE: row.FLAVOR.toUpperCase(),
    "MJD-OBS": row.MJD,
    "DATE-OBS": dateObs(row.MJD),
  };
}

/** ISO 8601 UTC date and time of `mjd`, to the millisecond, without a zone suffix (FITS DATE-OBS). */
export function dateObs(mjd: number): string {
  return new Date(Math.round((mjd - MJD_UNIX_EPOCH) * 86400000)).toISOString().replace(/Z$/, "");
}
