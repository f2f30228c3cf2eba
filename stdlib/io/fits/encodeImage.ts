import type { Card } from "./Card.js";
import { card } from "./Card.js";
import type { NumericArray, NumericDtype } from "./Dtype.js";
import { dtypeOfArray } from "./Dtype.js";
import { FitsError } from "./FitsError.js";
import type { ImageHdu } from "./FitsHdu.js";
import { bytesOf, toBigEndianInPlace } from "./byteOrder.js";
import { bigEndianSum, onesComplementSum } from "./checksum.js";
import { BLOCK } from "./encodeHeader.js";

/** Structural cards, data checksum and the data unit (streamed) of one HDU. */
export interface EncodedData {
  /** Cards generated from the data, in the order FITS requires. */
  readonly cards: Card[];
  /** The ones' complement sum of the data unit, for DATASUM. */
  readonly datasum: number;
  /**
   * Yields the data unit, padded with zeros to whole 2880-byte blocks, as byte chunks that
   * may be views of `scratch` (whose length is a multiple of 8): each is valid until the
   * next is requested.
   */
  chunks(scratch: Uint8Array): Iterable<Uint8Array>;
}

const BITPIX: Record<NumericDtype, { bitpix: bigint; bzero?: bigint }> = {
  uint8: { bitpix: 8n },
  int8: { bitpix: 8n, bzero: -128n },
  int16: { bitpix: 16n },
  uint16: { bitpix: 16n, bzero: 32768n },
  int32: { bitpix: 32n },
  uint32: { bitpix: 32n, bzero: 2147483648n },
  int64: { bitpix: 64n },
  uint64: { bitpix: 64n, bzero: 9223372036854775808n },
  float32: { bitpix: -32n },
  float64: { bitpix: -64n },
};

/** Validates a numpy-order shape against an element count and returns its product. */
export function checkShape(shape: readonly number[], what: string): number {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new FitsError(`${what} has the invalid shape [${shape.join(", ")}]: dimensions must be non-negative integers`);
  }
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Encodes an image HDU: SIMPLE or XTENSION, BITPIX, NAXISn (the reverse of the numpy
 * shape), EXTEND (primary) or PCOUNT/GCOUNT, BSCALE/BZERO for unsigned and int8 data,
 * and the data big-endian.
 */
export function encodeImage(hdu: ImageHdu, primary: boolean): EncodedData {
  const cards: Card[] = [primary ? card("SIMPLE", true, "conforms to FITS standard") : card("XTENSION", "IMAGE", "image extension")];
  if (hdu.data === null) {
    if (hdu.shape.length !== 0) throw new FitsError(`the image has shape [${hdu.shape.join(", ")}] but no data`);
    cards.push(card("BITPIX", 8n, "array data type"), card("NAXIS", 0n, "number of array dimensions"));
    if (primary) cards.push(card("EXTEND", true));
    else cards.push(card("PCOUNT", 0n), card("GCOUNT", 1n));
    return { cards, datasum: 0, chunks: () => [] };
  }
  const dtype = dtypeOfArray(hdu.data);
  if (dtype === undefined) throw new FitsError("image data must be a typed array (Uint8Array … Float64Array, BigInt64Array)");
  if (hdu.shape.length === 0) throw new FitsError(`image data of ${hdu.data.length} elements needs a shape`);
  if (hdu.shape.length > 999) throw new FitsError(`an image has at most 999 axes, not ${hdu.shape.length}`);
  const elements = checkShape(hdu.shape, "the image");
  if (elements !== hdu.data.length) {
    throw new FitsError(`the image shape [${hdu.shape.join(", ")}] holds ${elements} elements but its data has ${hdu.data.length}`);
  }
  const { bitpix, bzero } = BITPIX[dtype];
  cards.push(card("BITPIX", bitpix, "array data type"), card("NAXIS", BigInt(hdu.shape.length), "number of array dimensions"));
  const axes = [...hdu.shape].reverse();
  axes.forEach((n, i) => cards.push(card(`NAXIS${i + 1}`, BigInt(n))));
  if (primary) cards.push(card("EXTEND", true));
  else cards.push(card("PCOUNT", 0n), card("GCOUNT", 1n));
  if (bzero !== undefined) cards.push(card("BSCALE", 1n), card("BZERO", bzero));
  const data = hdu.data;
  const flipSign = bzero !== undefined;
  // The sum of the big-endian data comes from the host-order bytes directly; only the
  // offset types (unsigned, int8), whose stored bytes differ by more than order, are
  // converted once here to be summed.
  let datasum = 0;
  if (flipSign) {
    const scratch = new Uint8Array(Math.min(data.byteLength + 8, 1 << 20) & ~7);
    for (const chunk of bigEndianChunks(data, true, scratch)) datasum = onesComplementSum(chunk, datasum);
  } else {
    datasum = bigEndianSum(data);
  }
  const padding = Math.ceil(data.byteLength / BLOCK) * BLOCK - data.byteLength;
  return {
    cards,
    datasum,
    *chunks(scratch) {
      yield* bigEndianChunks(data, flipSign, scratch);
      if (padding > 0) yield new Uint8Array(padding);
    },
  };
}

/** `data` big-endian, `scratch.length` bytes at a time, each chunk a view of `scratch`. */
function* bigEndianChunks(data: NumericArray, flipSign: boolean, scratch: Uint8Array): Generator<Uint8Array> {
  const size = data.BYTES_PER_ELEMENT as 1 | 2 | 4 | 8;
  const source = bytesOf(data);
  for (let offset = 0; offset < source.byteLength; offset += scratch.byteLength) {
    const n = Math.min(scratch.byteLength, source.byteLength - offset);
    const view = scratch.subarray(0, n);
    view.set(source.subarray(offset, offset + n));
    toBigEndianInPlace(view, size, flipSign);
    yield view;
  }
}
