/**
 * Vectorised direction → pixel, for the grouping stage that maps millions of targets: one grid
 * and one set of scratch records per call, no allocation per point.
 */
import { bigintCodec } from "./bigintCodec.js";
import { checkAngles, checkRaDec, checkVector } from "./checkDirection.js";
import { checkNside } from "./checkNside.js";
import { DEG_TO_RAD, HALF_PI } from "./constants.js";
import { makeGrid } from "./Grid.js";
import { newScratch, pixelOfAngles, pixelOfVector } from "./locate.js";
import { numberCodec } from "./numberCodec.js";
import type { PixelCodec } from "./PixelCodec.js";

/** How the two input columns are read: radians (θ, φ) or degrees (ra, dec). */
type AngleColumns = "thetaPhi" | "raDec";

/** Throws a `RangeError` unless all columns have the same length as the first. */
export function checkSameLength(names: readonly string[], columns: readonly ArrayLike<unknown>[]): number {
  const n = columns[0]?.length ?? 0;
  columns.forEach((c, i) => {
    if (c.length !== n) {
      throw new RangeError(`\`${names[i] ?? "?"}\` has ${c.length} elements but \`${names[0] ?? "?"}\` has ${n}; the columns must have the same length.`);
    }
  });
  return n;
}

function fillFromAngles<P extends number | bigint>(
  codec: PixelCodec<P>, nside: number, a: ArrayLike<number>, b: ArrayLike<number>, nest: boolean,
  columns: AngleColumns, out: { [index: number]: P },
): void {
  const g = makeGrid(nside);
  const s = newScratch();
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const ai = a[i] ?? NaN;
    const bi = b[i] ?? NaN;
    let theta: number;
    let phi: number;
    if (columns === "thetaPhi") {
      theta = ai;
      phi = bi;
      checkAngles(theta, phi, i);
    } else {
      theta = HALF_PI - bi * DEG_TO_RAD;
      phi = ai * DEG_TO_RAD;
      checkRaDec(ai, bi, theta, i);
    }
    out[i] = pixelOfAngles(codec, g, theta, phi, nest, s);
  }
}

function outputFor(n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) throw new RangeError(`\`out\` has ${out.length} elements, expected ${n}.`);
  return out;
}

/**
 * Pixel numbers of many directions in radians: element i is `ang2pix(nside, theta[i], phi[i],
 * nest)`. Writes into `out` when given (its length must match). Throws a `RangeError` naming the
 * index of the first invalid angle, or for nside above 2^24 (use {@link ang2pixArrayBig}).
 */
export function ang2pixArray(
  nside: number, theta: ArrayLike<number>, phi: ArrayLike<number>, nest = false, out?: Float64Array,
): Float64Array {
  checkNside(nside, nest, "number", "ang2pixArrayBig");
  const result = outputFor(checkSameLength(["theta", "phi"], [theta, phi]), out);
  fillFromAngles(numberCodec, nside, theta, phi, nest, "thetaPhi", result);
  return result;
}

/**
 * Pixel numbers of many (ra, dec) directions in degrees, element i equal to
 * `radec2pix(nside, ra[i], dec[i], nest)`; DESI's grouping is `radec2pixArray(64, ra, dec, true)`.
 */
export function radec2pixArray(
  nside: number, ra: ArrayLike<number>, dec: ArrayLike<number>, nest = false, out?: Float64Array,
): Float64Array {
  checkNside(nside, nest, "number", "radec2pixArrayBig");
  const result = outputFor(checkSameLength(["ra", "dec"], [ra, dec]), out);
  fillFromAngles(numberCodec, nside, ra, dec, nest, "raDec", result);
  return result;
}

/** {@link ang2pixArray} with BigInt pixel numbers, for every nside up to 2^29. */
export function ang2pixArrayBig(nside: number, theta: ArrayLike<number>, phi: ArrayLike<number>, nest = false): BigInt64Array {
  checkNside(nside, nest, "bigint");
  const result = new BigInt64Array(checkSameLength(["theta", "phi"], [theta, phi]));
  fillFromAngles(bigintCodec, nside, theta, phi, nest, "thetaPhi", result);
  return result;
}

/** {@link radec2pixArray} with BigInt pixel numbers, for every nside up to 2^29. */
export function radec2pixArrayBig(nside: number, ra: ArrayLike<number>, dec: ArrayLike<number>, nest = false): BigInt64Array {
  checkNside(nside, nest, "bigint");
  const result = new BigInt64Array(checkSameLength(["ra", "dec"], [ra, dec]));
  fillFromAngles(bigintCodec, nside, ra, dec, nest, "raDec", result);
  return result;
}

/** Pixel numbers of many direction vectors given as x, y, z columns (healpy's `vec2pix`). */
export function vec2pixArray(
  nside: number, x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, nest = false, out?: Float64Array,
): Float64Array {
  checkNside(nside, nest, "number", "vec2pixBig");
  const result = outputFor(checkSameLength(["x", "y", "z"], [x, y, z]), out);
  const g = makeGrid(nside);
  const s = newScratch();
  for (let i = 0; i < result.length; i++) {
    const xi = x[i] ?? NaN;
    const yi = y[i] ?? NaN;
    const zi = z[i] ?? NaN;
    checkVector(xi, yi, zi, i);
    result[i] = pixelOfVector(numberCodec, g, xi, yi, zi, nest, s);
  }
  return result;
}
