/**
 * DESI's human-readable name of a sky position, as desiutil's `radec_to_desiname` forms it
 * (desihub/desiutil py/desiutil/names.py): `DESI J` + RA in degrees truncated (not rounded) to 4
 * decimals with 3 integer digits + the sign + Dec truncated to 4 decimals with 2 integer digits,
 * e.g. `DESI J150.0001+02.0001`, at most 22 characters. Throws a RangeError for RA outside
 * [0, 360), Dec outside [−90, 90] or a value that is not finite, as desiutil raises.
 */
export function desiName(ra: number, dec: number): string {
  if (!Number.isFinite(ra) || ra < 0 || ra >= 360) throw new RangeError(`desiName: RA ${ra} is not in [0, 360)`);
  if (!Number.isFinite(dec) || dec < -90 || dec > 90) throw new RangeError(`desiName: Dec ${dec} is not in [-90, 90]`);
  const r = String(Math.trunc(1e4 * ra)).padStart(7, "0");
  const d = Math.trunc(1e4 * dec);
  const digits = String(Math.abs(d)).padStart(6, "0");
  // desiutil keeps the sign of a negative value that truncates to 0 only when the integer is
  // negative, so −0.00001 is written +00.0000, as numpy's int conversion gives 0.
  const sign = d < 0 ? "-" : "+";
  return `DESI J${r.slice(0, -4)}.${r.slice(-4)}${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** The Sérsic index of a Legacy Surveys MORPHTYPE: PSF 0, REX and EXP 1, DEV 4, anything else 0. */
export function sersicOf(morphtype: string): number {
  switch (morphtype.trim()) {
    case "REX":
    case "EXP":
      return 1;
    case "DEV":
      return 4;
    default:
      return 0;
  }
}
