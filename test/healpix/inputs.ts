/** Seeded test inputs shared by the healpix test files: directions, edge cases and pixel sets. */
import { makeRng, randomBigInt, type Rng } from "./rng.js";

/** `x` with its bit pattern moved by `step` (the adjacent doubles of a positive `x`). */
function stepBits(x: number, step: bigint): number {
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] = (b[0] ?? 0n) + step;
  return f[0] ?? NaN;
}

/** The next double above `x` (for x ≥ 0). */
export function nextUp(x: number): number {
  return x === 0 ? Number.MIN_VALUE : stepBits(x, 1n);
}

/** The next double below `x` (for x > 0). */
export function nextDown(x: number): number {
  return stepBits(x, -1n);
}

/** The doubles just below and just above any finite `x`. */
export function adjacentDoubles(x: number): [number, number] {
  if (x > 0) return [nextDown(x), nextUp(x)];
  if (x < 0) return [-nextUp(-x), -nextDown(-x)];
  return [-Number.MIN_VALUE, Number.MIN_VALUE];
}

/** `x` and its `k` neighbouring doubles on each side. */
function around(x: number, k: number): number[] {
  const out = [x];
  let up = x;
  let down = x;
  for (let i = 0; i < k; i++) {
    up = nextUp(up);
    down = nextDown(down);
    out.push(up, down);
  }
  return out;
}

/** Directions as columns, with the number of leading uniform random ones. */
export interface Directions {
  readonly theta: Float64Array;
  readonly phi: Float64Array;
  readonly random: number;
}

/**
 * A colatitude whose cosine (as computed here) is exactly `z` when one lies within a few ulps
 * of acos(z), so that the point sits on the ring or vertex itself rather than an ulp away.
 */
export function thetaOfZ(z: number): number {
  const t0 = Math.acos(z);
  return around(t0, 4).find((t) => Math.cos(t) === z) ?? t0;
}

/** Colatitudes that sit on the branch points of the algorithms. */
export function edgeThetas(): number[] {
  return [
    0,
    1e-300,
    1e-12,
    0.001,
    ...around(0.01, 1), // sin θ computed directly below 0.01
    ...around(Math.acos(0.99), 1), // and used only for |z| > 0.99
    ...around(Math.acos(2 / 3), 3),
    thetaOfZ(2 / 3), // cap / equatorial boundary z = 2/3
    Math.PI / 4,
    ...around(Math.PI / 2, 1),
    ...around(Math.acos(-2 / 3), 3),
    thetaOfZ(-2 / 3),
    ...around(Math.acos(-0.99), 1),
    ...around(3.14159 - 0.01, 1),
    Math.PI - 1e-12,
    Math.PI,
    Math.PI + 1e-6, // healpy tolerates θ up to π + 1e-5
  ];
}

/** Longitudes at wrap-around and on face and pixel boundaries. */
export function edgePhis(): number[] {
  const twoPi = 2 * Math.PI;
  const out = [0, -0, 1e-300, -1e-20, -1e-15, twoPi - 1e-15, nextDown(twoPi), twoPi, nextUp(twoPi), 100, -100, 1e6, -Math.PI / 3];
  for (let k = 1; k < 8; k++) out.push((k * Math.PI) / 4);
  for (let k = 1; k < 4; k++) out.push((k * Math.PI) / 128);
  out.push(nextDown(Math.PI / 2), nextUp(Math.PI / 2));
  return out;
}

/**
 * 100,000 directions uniform on the sphere, then every pairing of the edge colatitudes and
 * longitudes, then the pixel-centre/vertex lattice of nside 16 (the z of every ring × longitudes
 * in steps of π/64), whose points lie on pixel edges at every finer nside.
 */
export function directions(seed: number, count = 100_000): Directions {
  const rng: Rng = makeRng(seed);
  const theta: number[] = [];
  const phi: number[] = [];
  for (let i = 0; i < count; i++) {
    theta.push(Math.acos(1 - 2 * rng()));
    phi.push(2 * Math.PI * rng());
  }
  for (const t of edgeThetas()) {
    for (const p of edgePhis()) {
      theta.push(t);
      phi.push(p);
    }
  }
  const n = 16;
  for (let ring = 1; ring < 4 * n; ring++) {
    const z = ring < n ? 1 - (ring * ring) / (3 * n * n) : ring <= 3 * n ? ((2 * n - ring) * 2) / (3 * n) : (4 * n - ring) ** 2 / (3 * n * n) - 1;
    for (let m = 0; m < 8 * n; m++) {
      theta.push(thetaOfZ(z));
      phi.push((m * Math.PI) / (4 * n));
    }
  }
  return { theta: Float64Array.from(theta), phi: Float64Array.from(phi), random: count };
}

/**
 * Pixel numbers to test at `nside`: all of them up to `all` pixels, else the special ones
 * (first and last of the sphere, of each polar cap, of each base face) and `count` random ones.
 */
export function pixelSet(seed: number, nside: number, count: number, all = 65_536): BigInt64Array {
  const n = BigInt(nside);
  const npix = 12n * n * n;
  if (npix <= BigInt(all)) return BigInt64Array.from({ length: Number(npix) }, (_, i) => BigInt(i));
  const ncap = 2n * n * (n - 1n);
  const special = [0n, 1n, 2n, 3n, 4n, ncap - 1n, ncap, ncap + 1n, npix - ncap - 1n, npix - ncap, npix - 4n, npix - 1n, 2n * ncap];
  for (let face = 0n; face < 12n; face++) special.push(face * n * n, face * n * n + n * n - 1n, face * n * n + n - 1n);
  const rng = makeRng(seed);
  const out = [...special.filter((p) => p >= 0n && p < npix)];
  for (let i = 0; i < count; i++) out.push(randomBigInt(rng, npix));
  return BigInt64Array.from(out);
}
