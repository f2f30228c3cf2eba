import type { Rng } from "../kernel.js";

/** Uniform in [a, b). */
export function uniformIn(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng.uniform();
}

/** Normal with mean `mu` and deviation `sigma`. */
export function normalOf(rng: Rng, mu: number, sigma: number): number {
  return mu + sigma * rng.normal();
}

/**
 * Normal with mean `mu` and deviation `sigma` restricted to [lo, hi], by rejection (the
 * intervals used here keep at least a quarter of the mass); after 1000 misses, uniform in the
 * interval so a caller's mistake cannot hang a task.
 */
export function truncatedNormal(rng: Rng, mu: number, sigma: number, lo: number, hi: number): number {
  for (let i = 0; i < 1000; i++) {
    const x = mu + sigma * rng.normal();
    if (x >= lo && x <= hi) return x;
  }
  return uniformIn(rng, lo, hi);
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng.uniform() < p;
}
