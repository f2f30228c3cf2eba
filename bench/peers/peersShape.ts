/**
 * The workflow shape of the planning peers (`test/fixtures/peers/shape.py`, a copy of the
 * shared peers), ported line for line so that dflow's inputs (the exposure table and the pixel
 * map) are computed exactly as the peers' Makefile and Snakefile compute theirs. Everything is
 * deterministic.
 */

/** Exposures per night (shape.py `EXP_PER_NIGHT`). */
export const EXP_PER_NIGHT = 4;
/** Petals 0..9 (shape.py `PETALS`). */
export const PETALS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/** Cameras (shape.py `CAMS`). */
export const CAMS: readonly string[] = ["b", "r", "z"];
/** Pixels each exposure sends cframes to (shape.py `K_PIX`). */
export const K_PIX = 5;

/** The night label of exposure `e`: 20200101 + e // 4 (an 8-digit label, not a calendar date). */
export function nightOf(e: number): number {
  return 20200101 + Math.floor(e / EXP_PER_NIGHT);
}

/** The number of healpix pixels at scale `n`: max(1, n // 2). */
export function nPixels(n: number): number {
  return Math.max(1, Math.floor(n / 2));
}

/** One (pixel, exposure, petal) pair of the many-to-many map: the 3 cframes of (exposure, petal) go to the pixel. */
export interface PixelPair {
  readonly pixel: number;
  readonly expid: number;
  readonly petal: number;
}

/**
 * Every (pixel, exposure, petal) pair of shape.py's `pixel_inputs(n)`, sorted by pixel, then
 * exposure, then petal, without duplicates: exposure e sends petals (e+2k)%10 and (e+2k+1)%10
 * to pixel (7e+k)%P for k = 0..4. Only pixels that receive data appear.
 */
export function pixelPairs(n: number): PixelPair[] {
  const p = nPixels(n);
  const seen = new Set<string>();
  const pairs: PixelPair[] = [];
  for (let e = 0; e < n; e++) {
    for (let k = 0; k < K_PIX; k++) {
      const pixel = (7 * e + k) % p;
      for (const petal of [(e + 2 * k) % 10, (e + 2 * k + 1) % 10]) {
        const id = `${pixel},${e},${petal}`;
        if (seen.has(id)) continue;
        seen.add(id);
        pairs.push({ pixel, expid: e, petal });
      }
    }
  }
  pairs.sort((a, b) => a.pixel - b.pixel || a.expid - b.expid || a.petal - b.petal);
  return pairs;
}

/** The number of nights at scale `n` (shape.py `len(nights(n))`). */
export function nNights(n: number): number {
  return n === 0 ? 0 : Math.floor((n - 1) / EXP_PER_NIGHT) + 1;
}

/**
 * The number of jobs of the shape at scale `n`: 120 n + 2 nights + 2 pixels with data + 1, as
 * shape.py's `expected_jobs` (which stays the reference: the test computes it with Python).
 */
export function expectedJobs(n: number): number {
  const pixels = new Set(pixelPairs(n).map((q) => q.pixel)).size;
  return 120 * n + 2 * nNights(n) + 2 * pixels + 1;
}
