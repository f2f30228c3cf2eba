/**
 * Small, exactly representable coordinates of a pixel, independent of how pixel numbers are
 * stored: the geometry works on these, and a {@link PixelCodec} turns them into `number` or
 * `bigint` pixel numbers. They are mutable scratch records filled by the conversion functions.
 */

/** Face-local coordinates: base face 0..11 and the integer position (ix, iy) inside it, 0..nside−1. */
export interface Xyf {
  face: number;
  ix: number;
  iy: number;
}

/** Ring coordinates: ring 1..4·nside−1 counted from the north pole, and 0-based position `k` in it. */
export interface RingPos {
  ring: number;
  k: number;
}

/**
 * A point as HEALPix computes it: z = cos θ, longitude φ, and sin θ when it was computed
 * directly (near the poles, where deriving it from z loses precision).
 */
export interface Loc {
  z: number;
  phi: number;
  sth: number;
  haveSth: boolean;
}

/** A fresh {@link Xyf} scratch record. */
export function newXyf(): Xyf {
  return { face: 0, ix: 0, iy: 0 };
}

/** A fresh {@link RingPos} scratch record. */
export function newRingPos(): RingPos {
  return { ring: 0, k: 0 };
}

/** A fresh {@link Loc} scratch record. */
export function newLoc(): Loc {
  return { z: 0, phi: 0, sth: 0, haveSth: false };
}
