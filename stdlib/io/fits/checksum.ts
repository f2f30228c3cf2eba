/**
 * The FITS checksum (Seaman, Pence & Rots, FITS standard 4.0 appendix J): the 32-bit
 * ones' complement sum of the big-endian words of an HDU, and its 16-character ASCII
 * encoding for the CHECKSUM keyword.
 */

const MODULUS = 0xffff_ffffn;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The ones' complement sum of `bytes` (a multiple of 4 long) read as big-endian 32-bit
 * words, continued from `initial` (a previous sum, so blocks can be summed in turn).
 * Returns a value in [0, 2^32 − 1]; 0 only when every word and `initial` are 0.
 */
export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`checksum input must be a multiple of 4 bytes, got ${bytes.byteLength}`);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const n = aligned.byteLength / 4;
  // Sums of each byte position; the word value is b0·2^24 + b1·2^16 + b2·2^8 + b3.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  if (HOST_LITTLE_ENDIAN) {
    const words = new Uint32Array(aligned.buffer, aligned.byteOffset, n);
    // Blocks of 128 words keep both partial sums below 2^31 and each 16-bit lane below
    // 2^16, so the lanes can be pulled apart without carries between them.
    for (let i = 0; i < n; ) {
      const end = Math.min(n, i + 128);
      let even = 0;
      let odd = 0;
      for (; i < end; i++) {
        const v = words[i]!;
        even += v & 0x00ff00ff;
        odd += (v >>> 8) & 0x00ff00ff;
      }
      s0 += even & 0xffff;
      s2 += even >>> 16;
      s1 += odd & 0xffff;
      s3 += odd >>> 16;
    }
  } else {
    for (let i = 0; i < aligned.byteLength; i += 4) {
      s0 += aligned[i]!;
      s1 += aligned[i + 1]!;
      s2 += aligned[i + 2]!;
      s3 += aligned[i + 3]!;
    }
  }
  const total = (BigInt(s0) << 24n) + (BigInt(s1) << 16n) + (BigInt(s2) << 8n) + BigInt(s3) + BigInt(initial);
  if (total === 0n) return 0;
  const folded = total % MODULUS;
  return folded === 0n ? 0xffff_ffff : Number(folded);
}

/** Ones' complement addition of two sums. */
export function addChecksums(a: number, b: number): number {
  const s = a + b;
  return s > 0xffff_ffff ? s - 0xffff_ffff : s;
}

const EXCLUDED = new Set([0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60]);

/**
 * The 16-character CHECKSUM value that makes an HDU whose other bytes sum to `sum` add up
 * to negative zero: each byte of the complement is spread over four characters between
 * `0` and `z`, avoiding punctuation, and the result is rotated one place right.
 */
export function encodeChecksum(sum: number): string {
  const value = 0xffff_ffff - sum;
  const asc = new Array<number>(16).fill(0);
  for (let i = 0; i < 4; i++) {
    const byte = (value >>> (24 - 8 * i)) & 0xff;
    const quotient = Math.floor(byte / 4) + 0x30;
    const remainder = byte % 4;
    const ch = [quotient + remainder, quotient, quotient, quotient];
    for (let changed = true; changed; ) {
      changed = false;
      for (let j = 0; j < 4; j += 2) {
        if (EXCLUDED.has(ch[j]!) || EXCLUDED.has(ch[j + 1]!)) {
          ch[j]!++;
          ch[j + 1]!--;
          changed = true;
        }
      }
    }
    for (let j = 0; j < 4; j++) asc[4 * j + i] = ch[j]!;
  }
  return String.fromCharCode(...asc.map((_, k) => asc[(k + 15) % 16]!));
}
