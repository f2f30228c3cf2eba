/**
 * Morton (Z-order) bit interleaving on 32-bit integers: the NESTED pixel number of a face
 * position is the interleave of its iy bits (odd positions) and ix bits (even positions).
 */

/** Spreads the low 16 bits of `v` to the even bit positions of a non-negative 31-bit result. */
export function spreadBits16(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x;
}

/** Gathers the even bit positions of the low 32 bits of `v` into a 16-bit result. */
export function compactBits32(v: number): number {
  let x = v & 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}
