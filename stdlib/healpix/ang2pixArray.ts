/**
 * Vectorised direction → pixel, for the grouping stage that maps millions of targets: one grid
 * per call, validation inline, and for `number` pixel numbers the 32-bit kernel of
 * `pixelOfLocNumber`, which V8 inlines into these loops.
 */
import { bigintCodec } from "./bigintCodec.js";
import { checkAngles, checkRaDec, checkVector } from "./checkDirection.js";
import { checkNside } from "./checkNside.js";
import { DEG_TO_RAD, HALF_PI, THETA_MAX } from "./constants.js";
import { makeGrid, type Grid } from "./Grid.js";
import { newScratch, pixelOfAngles, pixelOfVector } from "./locate.js";
import { pixelOfAnglesNumber, pixelOfVectorNumber } from "./pixelOfLocNumber.js";

/** Throws a `RangeError` unless all columns have the length of the first; returns it. */
function checkSameLength(names: readonly string[], columns: readonly ArrayLike<unknown>[]): number {
  const n = columns[0]?.length ?? 0;
  columns.forEach((c, i) => {
    if (c.length !== n) {
      throw new RangeError(`\`${names[i] ?? "?"}\` has ${c.length} elements but \`${names[0] ?? "?"}\` has ${n}; the columns must have the same length.`);
    }
  });
  return n;
}

function outputFor(n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) throw new RangeError(`\`out\` has ${out.length} elements, expected ${n}.`);
  return out;
}

function fillThetaPhi(g: Grid, theta: ArrayLike<number>, phi: ArrayLike<number>, nest: boolean, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const t = theta[i] ?? NaN;
    const p = phi[i] ?? NaN;
    if (!(t >= 0 && t <= THETA_MAX) || !Number.isFinite(p)) checkAngles(t, p, i);
    out[i] = pixelOfAnglesNumber(g, t, p, nest);
  }
}

function fillRaDec(g: Grid, ra: ArrayLike<number>, dec: ArrayLike<number>, nest: boolean, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const r = ra[i] ?? NaN;
    const d = dec[i] ?? NaN;
    const t = HALF_PI - d * DEG_TO_RAD;
    if (!(t >= 0 && t <= THETA_MAX) || !Number.isFinite(r)) checkRaDec(r, d, t, i);
    out[i] = pixelOfAnglesNumber(g, t, r * DEG_TO_RAD, nest);
  }
}

/**
 * Pixel numbers of many directions in radians: element i is `ang2pix(nside, theta[i], phi[i],
 * nest)`. Writes into `out` when given (its length must match). Throws a `RangeError` naming the
 * index of the first invalid angle, or for nside above 2^24 (use {@link ang2pixArrayBig}).
 */
export function ang2pixArray(nside: number, theta: ArrayLike<number>, phi: ArrayLike<number>, nest = false, out?: Float64Array): Float64Array {
  checkNside(nside, nest, "number", "ang2pixArrayBig");
  const result = outputFor(checkSameLength(["theta", "phi"], [theta, phi]), out);
  fillThetaPhi(makeGrid(nside), theta, phi, nest, result);
  return result;
}

/**
 * Pixel numbers of many (ra, dec) directions in degrees, element i equal to
 * `radec2pix(nside, ra[i], dec[i], nest)`; DESI's grouping is `radec2pixArray(64, ra, dec, true)`.
 */
export function radec2pixArray(nside: number, ra: ArrayLike<number>, dec: ArrayLike<number>, nest = false, out?: Float64Array): Float64Array {
  checkNside(nside, nest, "number", "radec2pixArrayBig");
  const result = outputFor(checkSameLength(["ra", "dec"], [ra, dec]), out);
  fillRaDec(makeGrid(nside), ra, dec, nest, result);
  return result;
}

/** Pixel numbers of many direction vectors given as x, y, z columns (healpy's `vec2pix`). */
export function vec2pixArray(nside: number, x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, nest = false, out?: Float64Array): Float64Array {
  checkNside(nside, nest, "number", "vec2pixBig");
  const result = outputFor(checkSameLength(["x", "y", "z"], [x, y, z]), out);
  const g = makeGrid(nside);
  for (let i = 0; i < result.length; i++) {
    const xi = x[i] ?? NaN;
    const yi = y[i] ?? NaN;
    const zi = z[i] ?? NaN;
    checkVector(xi, yi, zi, i);
    result[i] = pixelOfVectorNumber(g, xi, yi, zi, nest);
  }
  return result;
}

/** {@link ang2pixArray} with BigInt pixel numbers, for every nside up to 2^29. */
export function ang2pixArrayBig(nside: number, theta: ArrayLike<number>, phi: ArrayLike<number>, nest = false): BigInt64Array {
  checkNside(nside, nest, "bigint");
  const result = new BigInt64Array(checkSameLength(["theta", "phi"], [theta, phi]));
  const g = makeGrid(nside);
  const s = newScratch();
  for (let i = 0; i < result.length; i++) {
    const t = theta[i] ?? NaN;
    const p = phi[i] ?? NaN;
    checkAngles(t, p, i);
    result[i] = pixelOfAngles(bigintCodec, g, t, p, nest, s);
  }
  return result;
}

/** {@link radec2pixArray} with BigInt pixel numbers, for every nside up to 2^29. */
export function radec2pixArrayBig(nside: number, ra: ArrayLike<number>, dec: ArrayLike<number>, nest = false): BigInt64Array {
  checkNside(nside, nest, "bigint");
  const result = new BigInt64Array(checkSameLength(["ra", "dec"], [ra, dec]));
  const g = makeGrid(nside);
  const s = newScratch();
  for (let i = 0; i < result.length; i++) {
    const r = ra[i] ?? NaN;
    const d = dec[i] ?? NaN;
    const t = HALF_PI - d * DEG_TO_RAD;
    checkRaDec(r, d, t, i);
    result[i] = pixelOfAngles(bigintCodec, g, t, r * DEG_TO_RAD, nest, s);
  }
  return result;
}

/** {@link vec2pixArray} with BigInt pixel numbers, for every nside up to 2^29. */
export function vec2pixArrayBig(nside: number, x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, nest = false): BigInt64Array {
  checkNside(nside, nest, "bigint");
  const result = new BigInt64Array(checkSameLength(["x", "y", "z"], [x, y, z]));
  const g = makeGrid(nside);
  const s = newScratch();
  for (let i = 0; i < result.length; i++) {
    const xi = x[i] ?? NaN;
    const yi = y[i] ?? NaN;
    const zi = z[i] ?? NaN;
    checkVector(xi, yi, zi, i);
    result[i] = pixelOfVector(bigintCodec, g, xi, yi, zi, nest, s);
  }
  return result;
}
