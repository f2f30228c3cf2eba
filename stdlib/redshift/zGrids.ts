/**
 * redrock's default coarse redshift grids (docs/sources.md#redrock): uniform in log10(1 + z)
 * for galaxies (−0.005 ≤ z < 1.7, step 3e-4: 1446 values) and quasars (0.05 ≤ z < 6, step 5e-4),
 * linear for stars (−0.002 … 0.002, step 4e-5: 101 values). Values follow numpy's
 * `arange(start, stop, step)`: ⌈(stop − start) / step⌉ points, start + i·step.
 */
export function logGrid(zmin: number, zmax: number, dlog10: number): Float64Array {
  const a = Math.log10(1 + zmin);
  const n = Math.ceil((Math.log10(1 + zmax) - a) / dlog10);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 10 ** (a + i * dlog10) - 1;
  return out;
}

/** A grid linear in z, numpy `arange(zmin, zmax, dz)`. */
export function linearGrid(zmin: number, zmax: number, dz: number): Float64Array {
  const n = Math.ceil((zmax - zmin) / dz);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = zmin + i * dz;
  return out;
}

/** GALAXY: log10(1+z) from log10(0.995) to log10(2.7) by 3e-4 (1446 values). */
export const galaxyGrid = (): Float64Array => logGrid(-0.005, 1.7, 3e-4);
/** QSO without a REDSHIFTS HDU: log10(1+z) from log10(1.05) to log10(7) by 5e-4. */
export const qsoGrid = (): Float64Array => logGrid(0.05, 6.0, 5e-4);
/** STAR: −0.002 to 0.002 by 4e-5 (101 values, the stop nudged as redrock's 0.00201). */
export const starGrid = (): Float64Array => linearGrid(-0.002, 0.00201, 4e-5);
