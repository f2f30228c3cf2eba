import { SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";

const H0 = 70;
const OMEGA_M = 0.3;
const Z_STEP = 0.01;
const Z_MAX = 10;

let comoving: Float64Array | undefined;

/**
 * Distance modulus 5 log10(D_L / 10 pc) in a flat ΛCDM cosmology with H0 = 70 km/s/Mpc and
 * Ωm = 0.3 (a conventional round cosmology, not a fit; distance measures as in Hogg 1999,
 * arXiv:astro-ph/9905116), from a comoving-distance table (trapezoid in steps of 0.001 in z, kept every
 * 0.01) built on first use. Used only to make quasar properties depend on a luminosity.
 */
export function distanceModulus(z: number): number {
  if (comoving === undefined) {
    const n = Math.round(Z_MAX / Z_STEP) + 1;
    const table = new Float64Array(n);
    const invE = (x: number): number => 1 / Math.sqrt(OMEGA_M * (1 + x) ** 3 + 1 - OMEGA_M);
    let dc = 0;
    const sub = 10;
    const h = Z_STEP / sub;
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < sub; j++) {
        const x = (i - 1) * Z_STEP + j * h;
        dc += 0.5 * h * (invE(x) + invE(x + h));
      }
      table[i] = (dc * SPEED_OF_LIGHT_KM_PER_S) / H0; // Mpc
    }
    comoving = table;
  }
  const zz = Math.min(Math.max(z, 1e-4), Z_MAX);
  const x = zz / Z_STEP;
  const k = Math.min(Math.floor(x), comoving.length - 2);
  const a = comoving[k] as number;
  const dc = a + ((comoving[k + 1] as number) - a) * (x - k);
  return 5 * Math.log10((dc * (1 + zz) * 1e6) / 10);
}
