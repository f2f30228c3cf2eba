import { createHash } from "node:crypto";
import type { Rng } from "../../stdlib/kernel.js";

/**
 * The seed of one task's random stream: SHA-256 of the pipeline seed, the stage and the
 * canonical partition key, so draws never depend on execution order, worker count or backend.
 */
export function taskSeed(seed: number | string, stage: string, key: string): Uint32Array {
  const h = createHash("sha256").update(`dflow-rng-1\0${seed}\0${stage}\0${key}`).digest();
  return new Uint32Array([h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)]);
}

/** xoshiro128** over a 128-bit state: fast 32-bit output, period 2^128 − 1. */
export function makeRng(state: Uint32Array): Rng {
  const s = Uint32Array.from(state);
  if (s[0] === 0 && s[1] === 0 && s[2] === 0 && s[3] === 0) s[0] = 1;
  const next = (): number => {
    const r = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return r;
  };
  let spare: number | undefined;
  const uniform = (): number => (next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53;
  const normal = (): number => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * f;
    return u * f;
  };
  return {
    uniform,
    normal,
    poisson(lambda: number): number {
      if (!(lambda > 0)) return 0;
      if (lambda < 30) {
        // Knuth's multiplication method, in log space for stability.
        const l = Math.exp(-lambda);
        let k = 0;
        let p = uniform();
        while (p > l) {
          k++;
          p *= uniform();
        }
        return k;
      }
      // PTRS: transformed rejection with squeeze (Hörmann 1993), exact for lambda >= 10.
      const slam = Math.sqrt(lambda);
      const loglam = Math.log(lambda);
      const b = 0.931 + 2.53 * slam;
      const a = -0.059 + 0.02483 * b;
      const invalpha = 1.1239 + 1.1328 / (b - 3.4);
      const vr = 0.9277 - 3.6224 / (b - 2);
      for (;;) {
        const u = uniform() - 0.5;
        const v = uniform();
        const us = 0.5 - Math.abs(u);
        const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= vr) return k;
        if (k < 0 || (us < 0.013 && v > us)) continue;
        if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
      }
    },
    uint64(): bigint {
      return (BigInt(next()) << 32n) | BigInt(next());
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const LOG_FACT: number[] = [0];
/** log(k!) exactly for small k, Stirling's series beyond. */
function logFactorial(k: number): number {
  if (k < 256) {
    while (LOG_FACT.length <= k) LOG_FACT.push(LOG_FACT[LOG_FACT.length - 1]! + Math.log(LOG_FACT.length));
    return LOG_FACT[k]!;
  }
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k ** 3);
}
