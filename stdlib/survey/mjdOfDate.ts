/** MJD of the Unix epoch, 1970-01-01 00:00 UTC. */
const MJD_UNIX_EPOCH = 40587;

const DAY_MS = 86_400_000;

/**
 * The modified Julian date at 00:00 UTC of a civil date written YYYYMMDD (DESI's NIGHT format).
 * Throws a RangeError naming `what` for a number that is not an existing date.
 */
export function mjdOfDate(yyyymmdd: number, what = "date"): number {
  const y = Math.floor(yyyymmdd / 10000);
  const m = Math.floor(yyyymmdd / 100) % 100;
  const d = yyyymmdd % 100;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (!Number.isInteger(yyyymmdd) || yyyymmdd < 10000101 || back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`${what} = ${yyyymmdd} is not a date written YYYYMMDD (e.g. 20201214)`);
  }
  return ms / DAY_MS + MJD_UNIX_EPOCH;
}

/** The civil date YYYYMMDD (UTC) of the day holding `mjd`; the inverse of {@link mjdOfDate}. */
export function dateOfMjd(mjd: number): number {
  const t = new Date(Math.floor(mjd - MJD_UNIX_EPOCH) * DAY_MS);
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}
