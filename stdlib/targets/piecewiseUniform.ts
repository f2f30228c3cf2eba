import type { Rng } from "../kernel.js";

/**
 * A histogram to sample from: equal-width bins starting at `start`, each drawn with probability
 * proportional to its weight and uniformly within it, optionally restricted to [lo, hi).
 */
export interface BinnedDistribution {
  /** Lower edge of the first bin. */
  readonly start: number;
  /** Width of every bin. */
  readonly width: number;
  /** Relative weight of each bin (need not sum to 1). */
  readonly weights: readonly number[];
  /** Values below are never drawn (default: no bound). */
  readonly lo?: number;
  /** Values at or above are never drawn (default: no bound). */
  readonly hi?: number;
}

/** `d` restricted to [lo, hi): each bin's weight scaled by the fraction of it inside the interval. */
export function truncate(d: BinnedDistribution, lo: number, hi: number): BinnedDistribution {
  const weights = d.weights.map((w, i) => {
    const a = d.start + i * d.width;
    const overlap = Math.max(0, Math.min(a + d.width, hi) - Math.max(a, lo));
    return (w * overlap) / d.width;
  });
  return { start: d.start, width: d.width, weights, lo, hi };
}

/**
 * A sampler of the piecewise-uniform distribution `d`: one uniform picks the bin by cumulative
 * weight, a second places the value uniformly in the part of the bin inside [lo, hi).
 */
export function piecewiseUniformSampler(d: BinnedDistribution, rng: Rng): () => number {
  const lo = d.lo ?? -Infinity;
  const hi = d.hi ?? Infinity;
  const cum: number[] = [];
  let total = 0;
  for (const w of d.weights) {
    if (!(w >= 0)) throw new RangeError(`bin weight ${w} is not a non-negative number`);
    total += w;
    cum.push(total);
  }
  if (!(total > 0)) throw new RangeError("the distribution has no weight");
  return () => {
    const u = rng.uniform() * total;
    let i = 0;
    while (i < cum.length - 1 && (cum[i] ?? 0) <= u) i++;
    const a = Math.max(d.start + i * d.width, lo);
    const b = Math.min(d.start + (i + 1) * d.width, hi);
    return a + (b - a) * rng.uniform();
  };
}
