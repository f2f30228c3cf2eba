/**
 * Independent reference formulae for the survey tests, written from the sources and not from
 * stdlib/survey: the IAU 1982 sidereal time in seconds of time (Aoki et al. 1982), the Sun from
 * Meeus's chapter 25 "low accuracy" series (in Julian centuries, with the apparent-longitude
 * correction), plain spherical trigonometry for altitudes, Krisciunas & Schaefer (1991) moonlight
 * in nanoLamberts, and desispec's EFFTIME_DARK as desispec py/desispec/efftime.py computes it (docs/sources.md#efftime).
 */

const RAD = Math.PI / 180;

/** Julian date of a modified Julian date. */
export const jd = (mjd: number): number => mjd + 2400000.5;

/** MJD of a UTC calendar instant. */
export function mjdOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s) / 86400000 + 40587;
}

/** GMST in degrees, IAU 1982: GMST(0h UT) in seconds plus the sidereal rate times UT. */
export function gmstDeg(mjd: number): number {
  const day = Math.floor(mjd);
  const ut = (mjd - day) * 86400;
  const t0 = (jd(day) - 2451545.0) / 36525;
  const g0 = 24110.54841 + 8640184.812866 * t0 + 0.093104 * t0 * t0 - 6.2e-6 * t0 * t0 * t0;
  const sec = g0 + 1.00273790935 * ut;
  return (((sec / 240) % 360) + 360) % 360;
}

/** The Sun's apparent RA/Dec (deg), Meeus ch. 25 low accuracy. */
export function sunRaDec(mjd: number): { ra: number; dec: number } {
  const T = (jd(mjd) - 2451545.0) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * Math.sin(M * RAD) + (0.019993 - 0.000101 * T) * Math.sin(2 * M * RAD) + 0.000289 * Math.sin(3 * M * RAD);
  const omega = 125.04 - 1934.136 * T;
  const lambda = L0 + C - 0.00569 - 0.00478 * Math.sin(omega * RAD);
  const eps = 23.439291 - 0.0130042 * T + 0.00256 * Math.cos(omega * RAD);
  const ra = Math.atan2(Math.cos(eps * RAD) * Math.sin(lambda * RAD), Math.cos(lambda * RAD)) / RAD;
  const dec = Math.asin(Math.sin(eps * RAD) * Math.sin(lambda * RAD)) / RAD;
  return { ra: (ra + 360) % 360, dec };
}

/** Kitt Peak: the Mayall telescope's coordinates, as stdlib/survey/Site.ts gives them. */
export const LAT = 31.9634;
export const LON = -111.6003;

/** Altitude (deg) of (ra, dec) at `mjd` from Kitt Peak by spherical trigonometry. */
export function altitudeAt(ra: number, dec: number, mjd: number): number {
  const H = (gmstDeg(mjd) + LON - ra) * RAD;
  const s = Math.sin(LAT * RAD) * Math.sin(dec * RAD) + Math.cos(LAT * RAD) * Math.cos(dec * RAD) * Math.cos(H);
  return Math.asin(s) / RAD;
}

/** Krisciunas & Schaefer scattering airmass from an altitude (deg). */
export const ksAirmass = (alt: number): number => 1 / Math.sqrt(1 - 0.96 * Math.sin((90 - alt) * RAD) ** 2);

/** KS91 moonlight in nanoLamberts. */
export function ksNanoLamberts(alphaDeg: number, rhoDeg: number, moonAlt: number, targetAlt: number, k = 0.172): number {
  const mMoon = -12.73 + 0.026 * Math.abs(alphaDeg) + 4e-9 * alphaDeg ** 4; // eq. 9, V magnitude of the Moon
  const istar = 10 ** (-0.4 * (mMoon + 16.57)); // eq. 8, foot-candles
  const fR = 10 ** 5.36 * (1.06 + Math.cos(rhoDeg * RAD) ** 2);
  const fM = 10 ** (6.15 - rhoDeg / 40);
  return (fR + fM) * istar * 10 ** (-0.4 * k * ksAirmass(moonAlt)) * (1 - 10 ** (-0.4 * k * ksAirmass(targetAlt)));
}

/** nanoLamberts to V mag/arcsec² (Garstang 1986). */
export const nlToMag = (b: number): number => (20.7233 - Math.log(b / 34.08)) / 0.92104;

/** ELG fiber acceptance vs seeing, docs/sources.md#fiber-acceptance, linear between and beyond the points. */
export function elgFiberFrac(seeing: number): number {
  const xs = [0.8, 1.0, 1.1, 1.3, 1.5, 2.0];
  const ys = [0.54, 0.46, 0.43, 0.36, 0.31, 0.21];
  let i = 0;
  while (i < 4 && seeing > (xs[i + 1] as number)) i++;
  const x0 = xs[i] as number,
    x1 = xs[i + 1] as number,
    y0 = ys[i] as number,
    y1 = ys[i + 1] as number;
  return Math.max(0.02, y0 + ((y1 - y0) / (x1 - x0)) * (seeing - x0));
}

/** desispec EFFTIME_DARK (py/desispec/efftime.py; docs/sources.md#efftime), written out. */
export function efftimeDark(exptime: number, fiberfacElg: number, airmass: number, sky: number, ebv: number): number {
  const airfac = 10 ** ((0.114 * (airmass - 1)) / 2.5);
  const ebvfac = 10 ** ((2.165 * ebv) / 2.5);
  const effsky = (sky + (0.932 * 1000) / exptime) / (1 + 0.932 / 3.73);
  return (exptime * (fiberfacElg / airfac) ** 2 * (3.73 / effsky)) / ebvfac ** 2;
}
