/** Shapes of the values the HEALPix functions take and return. */

/** A direction in radians: colatitude θ ∈ [0, π] (0 at the north pole) and longitude φ. */
export interface Angles {
  readonly theta: number;
  readonly phi: number;
}

/** A direction in degrees, healpy's `lonlat=True` convention: right ascension and declination. */
export interface RaDec {
  readonly ra: number;
  readonly dec: number;
}

/** A 3-vector (x, y, z); directions need not be unit vectors where a function says so. */
export type Vec3 = readonly [number, number, number];

/** Columns of directions in radians, as returned by the array functions. */
export interface AnglesArrays {
  readonly theta: Float64Array;
  readonly phi: Float64Array;
}

/** Columns of directions in degrees, as returned by the array functions. */
export interface RaDecArrays {
  readonly ra: Float64Array;
  readonly dec: Float64Array;
}
