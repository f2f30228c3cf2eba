import { closeSync, openSync, writeSync } from "node:fs";
import type { Card } from "./Card.js";
import { card } from "./Card.js";
import { FitsError, withFitsLocation } from "./FitsError.js";
import type { FitsHdu, ImageHdu } from "./FitsHdu.js";
import { headerString } from "./Header.js";
import { addChecksums, encodeChecksum, onesComplementSum } from "./checksum.js";
import { CARD, encodeHeader } from "./encodeHeader.js";
import type { EncodedData } from "./encodeImage.js";
import { encodeImage } from "./encodeImage.js";
import { encodeTable } from "./encodeTable.js";
import { userCards } from "./userCards.js";

/** Options for encoding FITS files. */
export interface EncodeFitsOptions {
  /** Names the output in error messages (writeFits passes its path). */
  readonly path?: string;
}

const EMPTY_PRIMARY: ImageHdu = { kind: "image", header: { cards: [] }, shape: [], data: null };
const PLACEHOLDER = "0".repeat(16);

/** Bytes of image data converted to big-endian per chunk while streaming. */
const SCRATCH_BYTES = 4 << 20;

/**
 * Encodes HDUs as FITS, one HDU at a time: for each, its header blocks then its data
 * blocks. Every HDU gets DATASUM and CHECKSUM; nothing else is added (no dates), so equal
 * input gives equal bytes. A table first in `hdus` gets an empty primary HDU before it.
 * Image data is converted a few megabytes at a time into one reused buffer, so a chunk is
 * valid only until the next is requested: write or copy each one first. Throws a
 * {@link FitsError} naming the HDU when one cannot be written.
 */
export function* encodeFitsChunks(hdus: readonly FitsHdu[], options: EncodeFitsOptions = {}): Generator<Uint8Array> {
  const all = hdus.length === 0 || hdus[0]!.kind === "table" ? [EMPTY_PRIMARY, ...hdus] : hdus;
  let scratch: Uint8Array | undefined;
  for (let index = 0; index < all.length; index++) {
    const hdu = all[index]!;
    const name = hdu.name ?? safeExtname(hdu);
    const where = { ...(options.path !== undefined ? { path: options.path } : {}), hdu: index, ...(name !== undefined ? { hduName: name } : {}) };
    const { header, data } = withFitsLocation(where, () => encodeHdu(hdu, index === 0, name));
    yield header;
    scratch ??= new Uint8Array(SCRATCH_BYTES);
    yield* data.chunks(scratch);
  }
}

/** Encodes HDUs as one FITS byte array (see {@link encodeFitsChunks}). */
export function encodeFits(hdus: readonly FitsHdu[], options: EncodeFitsOptions = {}): Uint8Array {
  const chunks = Array.from(encodeFitsChunks(hdus, options), (c) => c.slice());
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * Writes HDUs to `path` (created or truncated), streaming one HDU at a time. Writing is
 * not atomic: the runtime writes to a temporary name and renames.
 */
export function writeFits(path: string, hdus: readonly FitsHdu[]): void {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    throw new FitsError(`cannot create the file: ${(error as Error).message}`, { path });
  }
  try {
    for (const chunk of encodeFitsChunks(hdus, { path })) {
      let done = 0;
      while (done < chunk.byteLength) done += writeSync(fd, chunk, done, chunk.byteLength - done);
    }
  } finally {
    closeSync(fd);
  }
}

function safeExtname(hdu: FitsHdu): string | undefined {
  try {
    return headerString(hdu.header, "EXTNAME");
  } catch {
    return undefined;
  }
}

function encodeHdu(hdu: FitsHdu, primary: boolean, name: string | undefined): { header: Uint8Array; data: EncodedData } {
  const encoded = hdu.kind === "image" ? encodeImage(hdu, primary) : encodeTable(hdu);
  const datasum = encoded.datasum;
  const cards: Card[] = [
    ...encoded.cards,
    ...(name !== undefined ? [card("EXTNAME", name, "extension name")] : []),
    ...userCards(hdu.header),
    card("CHECKSUM", PLACEHOLDER, "HDU checksum"),
    card("DATASUM", String(datasum), "data unit checksum"),
  ];
  const header = encodeHeader(cards);
  const checksumAt = findChecksumValue(header);
  const total = addChecksums(onesComplementSum(header), datasum);
  const ascii = encodeChecksum(total);
  for (let i = 0; i < 16; i++) header[checksumAt + i] = ascii.charCodeAt(i);
  return { header, data: encoded };
}

/** Offset of the 16 characters inside the quotes of the CHECKSUM card. */
function findChecksumValue(header: Uint8Array): number {
  const text = Buffer.from(header.buffer, header.byteOffset, header.byteLength).toString("latin1");
  for (let offset = 0; offset < text.length; offset += CARD) {
    if (text.startsWith("CHECKSUM= '", offset)) return offset + 11;
  }
  throw new FitsError("internal: the CHECKSUM card was not written");
}
