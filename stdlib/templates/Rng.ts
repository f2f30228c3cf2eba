/**
 * The library's only source of randomness: xoshiro128** (Blackman & Vigna 2018) on four 32-bit
 * words, seeded from a truth row's 64-bit SEED by splitmix64 in BigInt arithmetic. Each
 * physical ingredient draws from its own numbered stream, so adding a draw to one (say the
 * BAL troughs) never changes another (the emission lines): a BAL quasar and its non-BAL twin
 * with the same SEED differ only by their troughs.
 */
export interface Rng {
  /** A uniform deviate in (0, 1). */
  uniform(): number;
  /** A uniform deviate in (lo, hi). */
  between(lo: number, hi: number): number;
  /** A standard normal deviate (Box–Muller). */
  normal(): number;
}

/** Streams of {@link seededRng}: one per ingredient that draws random numbers. */
export type RngStream = "params" | "bal" | "forest" | "host" | "lls";

const STREAM_IDS: Readonly<Record<RngStream, bigint>> = { params: 1n, bal: 2n, forest: 3n, host: 4n, lls: 5n };
const MASK64 = (1n << 64n) - 1n;
const GOLDEN = 0x9e3779b97f4a7c15n;

/** The `k`-th output of splitmix64 started at `seed` (Steele, Lea & Flood 2014). */
function splitmix64(seed: bigint, k: bigint): bigint {
  let z = (seed + k * GOLDEN) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/**
 * Four 32-bit words derived from `seed` for `stream`: what {@link seededRng} starts from and
 * what the forest's counter-based hash mixes in.
 */
export function seedWords(seed: bigint, stream: RngStream): Uint32Array {
  const base = (BigInt.asUintN(64, seed) ^ (STREAM_IDS[stream] * 0xd1b54a32d192ed03n)) & MASK64;
  const a = splitmix64(base, 1n);
  const b = splitmix64(base, 2n);
  const words = new Uint32Array([Number(a & 0xffffffffn), Number(a >> 32n), Number(b & 0xffffffffn), Number(b >> 32n)]);
  if (words.every((w) => w === 0)) words[0] = 1;
  return words;
}

/** A deterministic generator for `stream` of the 64-bit `seed`. */
export function seededRng(seed: bigint, stream: RngStream): Rng {
  const s = seedWords(seed, stream);
  let s0 = s[0] as number;
  let s1 = s[1] as number;
  let s2 = s[2] as number;
  let s3 = s[3] as number;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = (): number => (next32() + 0.5) / 4294967296;
  return {
    uniform,
    between: (lo, hi) => lo + (hi - lo) * uniform(),
    normal: () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Chris Wellons' `lowbias32` integer hash: a cheap, well-mixed 32-bit permutation. */
function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A standard normal deviate that depends only on `words` and the integer counter `k`: a
 * counter-based draw, so a random field can be evaluated at any wavelength in any order
 * and still be the same field.
 */
export function hashNormal(words: Uint32Array, k: number): number {
  const h1 = lowbias32((words[0] as number) ^ lowbias32((k ^ (words[1] as number)) >>> 0));
  const h2 = lowbias32(h1 ^ (words[2] as number) ^ 0x5bd1e995);
  const h3 = lowbias32(h2 ^ (words[3] as number));
  const u1 = (h2 + 0.5) / 4294967296;
  const u2 = (h3 + 0.5) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
