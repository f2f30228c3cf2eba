/** Validation of direction inputs, with messages that name the value and, in arrays, its index. */
import { THETA_MAX } from "./constants.js";

/** Whether θ passes healpy's range check, 0 ≤ θ ≤ π + 1e-5 (NaN does not). */
export function isThetaValid(theta: number): boolean {
  return theta >= 0 && theta <= THETA_MAX;
}

function where(index: number | undefined): string {
  return index === undefined ? "" : ` at index ${index}`;
}

/** Throws a `RangeError` unless θ is in healpy's range [0, π + 1e-5] and φ is finite. */
export function checkAngles(theta: number, phi: number, index?: number): void {
  if (!isThetaValid(theta)) {
    throw new RangeError(`theta must be a colatitude in [0, π] radians${where(index)}, got ${String(theta)}.`);
  }
  if (!Number.isFinite(phi)) throw new RangeError(`phi must be a finite longitude in radians${where(index)}, got ${String(phi)}.`);
}

/** Throws a `RangeError` unless dec (after conversion to θ) is within [-90, 90] degrees and ra is finite. */
export function checkRaDec(ra: number, dec: number, theta: number, index?: number): void {
  if (!isThetaValid(theta)) throw new RangeError(`dec must be in [-90, 90] degrees${where(index)}, got ${String(dec)}.`);
  if (!Number.isFinite(ra)) throw new RangeError(`ra must be a finite angle in degrees${where(index)}, got ${String(ra)}.`);
}

/** Throws a `RangeError` unless (x, y, z) is a finite non-zero vector. */
export function checkVector(x: number, y: number, z: number, index?: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z) || (x === 0 && y === 0 && z === 0)) {
    throw new RangeError(`vector must be finite and non-zero${where(index)}, got (${String(x)}, ${String(y)}, ${String(z)}).`);
  }
}
