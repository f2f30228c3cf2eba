/**
 * A deterministic random stream keyed by a seed and integer labels, for the simulation's hidden
 * truth that several kernels must recompute identically (target positions and spectra, fiber
 * throughputs). The seed itself comes from `ctx.rng` (it is `SIMSEED` in the exposures table,
 * drawn by `schedule`), so every draw still derives from the pipeline seed; noise is drawn from
 * `ctx.rng`, never from here.
 */
import { fmix32 } from "../math/index.js";

/** Uniform and normal draws from one truth stream. */
export interface TruthStream {
  /** Uniform in [0, 1), with 53 random bits. */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

const TWO_32 = 4294967296;

/**
 * The stream for `seed` (a non-negative integer below 2^53) and `labels` (integers, e.g. a
 * domain number, a tile, a camera index). Distinct label lists give independent-looking
 * streams; the same arguments always give the same draws. The generator is Chris Doty-Humphrey's
 * sfc32 (PractRand-clean), seeded by hashing the arguments.
 */
export function truthStream(seed: number, ...labels: readonly number[]): TruthStream {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`truth seed ${seed} is not a non-negative safe integer`);
  const words = [seed % TWO_32, Math.floor(seed / TWO_32), labels.length];
  for (const l of labels) {
    if (!Number.isSafeInteger(l)) throw new RangeError(`truth label ${l} is not a safe integer`);
    const u = l < 0 ? l + 2 ** 53 : l;
    words.push(u % TWO_32, Math.floor(u / TWO_32));
  }
  // Four state words, each a hash of every argument word under a different key.
  const state = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x6a09e667].map((key) => {
    let h = key;
    for (const w of words) h = fmix32(Math.imul(h ^ w, 0x01000193) + 0x7f4a7c15);
    return h;
  });
  let a = state[0] ?? 0;
  let b = state[1] ?? 0;
  let c = state[2] ?? 0;
  let d = state[3] ?? 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  const uniform = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  return {
    uniform,
    normal(): number {
      // 1 - u is in (0, 1], so the logarithm is finite.
      const u = 1 - uniform();
      const v = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
