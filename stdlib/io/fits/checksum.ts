/**
 * The FITS checksum (Seaman, Pence & Rots, FITS standard 4.0 appendix J): the 32-bit
 * ones' complement sum of the big-endian words of an HDU, and its 16-character ASCII
 * encoding for the CHECKSUM keyword.
 */

const MODULUS = 0xffff_ffffn;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The ones' complement sum of `bytes` read as big-endian 32-bit words (a short last word
 * is zero-padded, as FITS pads its blocks), continued from `initial` (a previous sum, so
 * blocks whose lengths are multiples of 4 can be summed in turn). Returns a value in
 * [0, 2^32 − 1]; 0 only when every word and `initial` are 0.
 */
export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  return foldLaneSums(laneSums(bytes), initial);
}

/**
 * The ones' complement sum of the big-endian encoding of a typed array (zero padding adds
 * nothing), computed from its host-order bytes without converting them: byte-swapping
 * only permutes which lane of a 32-bit word each byte lands in.
 */
export function bigEndianSum(data: {
  readonly buffer: ArrayBufferLike;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly BYTES_PER_ELEMENT: number;
}): number {
  const lanes = laneSums(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const size = HOST_LITTLE_ENDIAN ? data.BYTES_PER_ELEMENT : 1;
  // Big-endian byte s of the stream is host byte s XOR (size − 1) (XOR 3 for 8-byte
  // elements as far as the lane, s mod 4, is concerned).
  const flip = size === 1 ? 0 : size === 2 ? 1 : 3;
  return foldLaneSums([lanes[0 ^ flip]!, lanes[1 ^ flip]!, lanes[2 ^ flip]!, lanes[3 ^ flip]!], 0);
}

/**
 * Sums of the bytes at each position modulo 4 of `bytes` (position 0 is its first byte),
 * whatever its length and alignment: the aligned middle is read as 32-bit words.
 */
function laneSums(bytes: Uint8Array): [number, number, number, number] {
  const sums = [0, 0, 0, 0];
  const length = bytes.byteLength;
  const head = Math.min(length, (4 - (bytes.byteOffset % 4)) % 4);
  for (let i = 0; i < head; i++) sums[i] = sums[i]! + bytes[i]!;
  const n = Math.floor((length - head) / 4);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, n);
  // Lanes as they sit in a word read on this host: memory byte j of each word.
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  // Blocks of 128 words keep both partial sums below 2^31 and each 16-bit half below
  // 2^16, so the halves can be pulled apart without carries between them.
  for (let i = 0; i < n;) {
    const end = Math.min(n, i + 128);
    let even = 0;
    let odd = 0;
    for (; i < end; i++) {
      const v = words[i]!;
      even += v & 0x00ff00ff;
      odd += (v >>> 8) & 0x00ff00ff;
    }
    m0 += even & 0xffff;
    m2 += even >>> 16;
    m1 += odd & 0xffff;
    m3 += odd >>> 16;
  }
  // On a little-endian host the low byte of a word is memory byte 0; on a big-endian one, 3.
  const memory = HOST_LITTLE_ENDIAN ? [m0, m1, m2, m3] : [m3, m2, m1, m0];
  for (let j = 0; j < 4; j++) sums[(head + j) % 4] = sums[(head + j) % 4]! + memory[j]!;
  for (let i = head + 4 * n; i < length; i++) sums[i % 4] = sums[i % 4]! + bytes[i]!;
  return [sums[0]!, sums[1]!, sums[2]!, sums[3]!];
}

/** The ones' complement sum of words whose byte lanes (most significant first) sum to `lanes`, plus `initial`. */
function foldLaneSums(lanes: readonly [number, number, number, number], initial: number): number {
  const total = (BigInt(lanes[0]) << 24n) + (BigInt(lanes[1]) << 16n) + (BigInt(lanes[2]) << 8n) + BigInt(lanes[3]) + BigInt(initial);
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
    for (let changed = true; changed;) {
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
