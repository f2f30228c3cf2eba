/** A small seeded generator for test inputs (mulberry32, two draws per 53-bit double). */

/** A source of uniform doubles in [0, 1), fully determined by its seed. */
export type Rng = () => number;

/** Creates the generator for `seed`. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/** A uniform integer in [0, n) for n ≤ 2^53. */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** A uniform BigInt in [0, n) for any n ≤ 2^106. */
export function randomBigInt(rng: Rng, n: bigint): bigint {
  const hi = BigInt(Math.floor(rng() * 2 ** 53));
  const lo = BigInt(Math.floor(rng() * 2 ** 53));
  return ((hi << 53n) | lo) % n;
}
