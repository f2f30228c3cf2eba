/**
 * Degree-based trigonometry for the survey's spherical astronomy: the formulae of the
 * Astronomical Almanac and Meeus are written in degrees, and so is every angle of the tables.
 */

/** Radians per degree. */
export const DEG = Math.PI / 180;

/** Sine of an angle in degrees. */
export const sind = (x: number): number => Math.sin(x * DEG);

/** Cosine of an angle in degrees. */
export const cosd = (x: number): number => Math.cos(x * DEG);

/** An angle in degrees reduced to [0, 360). */
export function wrap360(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

/** An angle in degrees reduced to [-180, 180). */
export function wrap180(x: number): number {
  return wrap360(x + 180) - 180;
}
