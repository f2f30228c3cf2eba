/**
 * Test helpers for the example kernels: handles over in-memory products, a seeded `Rng` (sfc32
 * with Box–Muller normals and numpy's PTRS Poisson sampler) and kernel contexts derived, as the
 * runtime derives them, from a seed, the stage and the partition key.
 */
import type { Header, Image } from "../../stdlib/datamodel/values.js";
import type { Handle, KernelContext, PartitionKey, Rng } from "../../stdlib/kernel.js";

/** A lazy handle over a value already in memory. */
export function handle<T extends object>(value: T, key: PartitionKey = {}, path = "memory"): Handle<T> {
  const self: Handle<T> = {
    key,
    path,
    header: async (): Promise<Header> => ("header" in value ? { ...(value.header as Header) } : {}),
    read: async (): Promise<T> => value,
    readRows: async (hdu: string, start: number, end: number, columns?: readonly string[]): Promise<Readonly<Record<string, unknown>>> => {
      const table = (value as Record<string, unknown>)[hdu];
      if (typeof table !== "object" || table === null) throw new Error(`no table HDU ${hdu}`);
      const out: Record<string, unknown> = {};
      for (const [name, col] of Object.entries(table)) {
        if (columns !== undefined && !columns.includes(name)) continue;
        if (name === "header") continue; // the table HDU's own header has no rows, as in a file
        out[name] = (col as { slice(a: number, b: number): unknown }).slice(start, end);
      }
      return out;
    },
    readImageRows: async (hdu: string, start: number, end: number): Promise<Image> => {
      const img = (value as Record<string, unknown>)[hdu] as Image | undefined;
      if (img === undefined || !("shape" in img)) throw new Error(`no image HDU ${hdu}`);
      const per = img.shape.slice(1).reduce((a, b) => a * b, 1);
      const [from, to] = [Math.min(start, img.shape[0] ?? 0), Math.min(end, img.shape[0] ?? 0)];
      return { data: img.data.slice(from * per, to * per), shape: [to - from, ...img.shape.slice(1)] };
    },
    session: async (use) => use(self),
  };
  return self;
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; 15 significant digits). */
function lgamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const y = x - 1;
  let a = c[0] ?? 1;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] ?? 0) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A seeded random source implementing the kernel contract's `Rng`. */
export function testRng(seed: number): Rng {
  let a = fmix32(seed ^ 0x9e3779b9);
  let b = fmix32(Math.floor(seed / 4294967296) ^ 0x243f6a88);
  let c = fmix32(seed + 0xb7e15162);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next();
  const uniform = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const poisson = (lam: number): number => {
    if (!(lam >= 0)) throw new RangeError(`poisson mean ${lam}`);
    if (lam === 0) return 0;
    if (lam < 10) {
      // Knuth: count uniforms until their product drops below e^-λ.
      const limit = Math.exp(-lam);
      let k = 0;
      let p = uniform();
      while (p > limit) {
        k++;
        p *= uniform();
      }
      return k;
    }
    // Hörmann's PTRS (transformed rejection with squeeze), as numpy does.
    const slam = Math.sqrt(lam);
    const loglam = Math.log(lam);
    const bb = 0.931 + 2.53 * slam;
    const aa = -0.059 + 0.02483 * bb;
    const invalpha = 1.1239 + 1.1328 / (bb - 3.4);
    const vr = 0.9277 - 3.6224 / (bb - 2);
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * aa) / us + bb) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(aa / (us * us) + bb) <= -lam + k * loglam - lgamma(k + 1)) return k;
    }
  };
  const uint64 = (): bigint => (BigInt(next()) << 32n) | BigInt(next());
  return { uniform, normal, poisson, uint64 };
}

/** A 32-bit FNV-1a hash of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The key as canonical text: grids sorted by name. */
function canonical(key: PartitionKey): string {
  return Object.keys(key)
    .sort()
    .map((k) => `${k}=${String(key[k])}`)
    .join(",");
}

/** A kernel context whose random source derives from `seed`, `stage` and `key` only; messages go to `logs`. */
export function taskCtx(seed: number, stage: string, key: PartitionKey = {}, logs: string[] = []): KernelContext {
  return { rng: testRng(hash(`${seed}/${stage}/${canonical(key)}`)), key, log: (m) => logs.push(m) };
}
