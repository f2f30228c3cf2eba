import type { NumericArray } from "./Dtype.js";

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Converts `bytes` in place from host order to big-endian, `size` bytes per element, in
 * bulk (Buffer.swap16/32/64), then flips the top bit of each element when `flipSign` is
 * set: that is how an unsigned value becomes the signed one stored with BZERO/TZERO =
 * 2^(n−1), and an `int8` the byte stored with BZERO = −128.
 */
export function toBigEndianInPlace(bytes: Uint8Array, size: 1 | 2 | 4 | 8, flipSign: boolean): void {
  swapBytes(bytes, size);
  if (flipSign) flipTopBits(bytes, size);
}

/** The inverse of {@link toBigEndianInPlace}: big-endian stored values to host-order values. */
export function fromBigEndianInPlace(bytes: Uint8Array, size: 1 | 2 | 4 | 8, flipSign: boolean): void {
  if (flipSign) flipTopBits(bytes, size);
  swapBytes(bytes, size);
}

function swapBytes(bytes: Uint8Array, size: 1 | 2 | 4 | 8): void {
  if (!HOST_LITTLE_ENDIAN || size === 1) return;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size === 2) b.swap16();
  else if (size === 4) b.swap32();
  else b.swap64();
}

/** Flips the most significant bit of each big-endian element (its first byte). */
function flipTopBits(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes[i]! ^= 0x80;
}

/** The bytes of a typed array, as a Uint8Array over the same memory. */
export function bytesOf(data: NumericArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
