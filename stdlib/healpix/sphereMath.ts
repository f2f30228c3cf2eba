/**
 * Floating-point steps shared by the pixel functions, written so that each operation (and its
 * order) is the one the HEALPix C++ library performs; a reordering would change results in the
 * last bit and occasionally move a point on a pixel edge into the neighbouring pixel.
 */
import { PI, TWO_PI } from "./constants.js";

/**
 * `v1` modulo `v2` in [0, v2) for `v2 > 0`. JavaScript's `%` on doubles is C's `fmod` (exact),
 * and a result that rounds up to `v2` is folded to 0.
 */
export function fmodulo(v1: number, v2: number): number {
  if (v1 >= 0) return v1 < v2 ? v1 : v1 % v2;
  const tmp = (v1 % v2) + v2;
  return tmp === v2 ? 0 : tmp;
}

/** Cosine of the angle between the directions (z1 = cos θ1, φ1) and (z2, φ2). */
export function cosDistZPhi(z1: number, phi1: number, z2: number, phi2: number): number {
  return z1 * z2 + Math.cos(phi1 - phi2) * Math.sqrt((1 - z1 * z1) * (1 - z2 * z2));
}

/** A direction in spherical coordinates: colatitude θ ∈ [0, π] and longitude φ ∈ [0, 2π). */
export interface Pointing {
  theta: number;
  phi: number;
}

/**
 * Brings (θ, φ) to θ ∈ [0, π], φ ∈ [0, 2π) the way HEALPix does before locating a point: θ
 * modulo 2π, a θ beyond π reflected through the pole (adding π to φ), then φ modulo 2π.
 */
export function normalizePointing(theta: number, phi: number, out: Pointing): void {
  let t = fmodulo(theta, TWO_PI);
  let p = phi;
  if (t > PI) {
    p += PI;
    t = TWO_PI - t;
  }
  out.theta = t;
  out.phi = fmodulo(p, TWO_PI);
}

/**
 * The direction of a (not necessarily unit) vector: θ = atan2(√(x²+y²), z) and φ = atan2(y, x)
 * moved into [0, 2π) (φ = 0 on the z axis), then normalised as {@link normalizePointing} does.
 */
export function vecToPointing(x: number, y: number, z: number, out: Pointing): void {
  const theta = Math.atan2(Math.sqrt(x * x + y * y), z);
  let phi = x === 0 && y === 0 ? 0 : Math.atan2(y, x);
  if (phi < 0) phi += TWO_PI;
  normalizePointing(theta, phi, out);
}

/** The angle between two vectors, atan2(|a × b|, a · b), accurate at all separations. */
export function vectorAngle(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
}

/**
 * The largest angular distance between a pixel centre and any of its corners at `nside`
 * (reached at the corner z = 2/3, φ = π/(4·nside) of the equatorial pixel centred on φ = 0
 * just below the polar cap), in radians. Used as the safety margin of disc queries.
 */
export function maxPixrad(nside: number): number {
  // Corner a at z = 2/3, φ = π/(4 nside); centre b on the meridian φ = 0 at z = 1 − (1 − 1/nside)²/3.
  const za = 2 / 3;
  const sa = Math.sqrt((1 - za) * (1 + za));
  const pa = PI / (4 * nside);
  let t1 = 1 - 1 / nside;
  t1 *= t1;
  const zb = 1 - t1 / 3;
  const sb = Math.sqrt((1 - zb) * (1 + zb));
  return vectorAngle(sa * Math.cos(pa), sa * Math.sin(pa), za, sb * Math.cos(0), sb * Math.sin(0), zb);
}
