import type { ByteSource } from "./ByteSource.js";
import { FitsError, withFitsLocation } from "./FitsError.js";
import type { HduInfo } from "./HduInfo.js";
import { describeHdu } from "./describeHdu.js";
import { BLOCK, CARD } from "./encodeHeader.js";
import { parseHeaderRecords } from "./parseHeader.js";

/**
 * Describes a FITS file's HDUs one at a time, in file order, reading only their headers: each
 * header is read a 2880-byte block at a time until its END card, and the data after it is
 * skipped by its size (BITPIX, NAXISn, PCOUNT, GCOUNT), never read.
 */
export interface HduScanner {
  /** The HDUs described so far, in file order. */
  readonly found: readonly HduInfo[];
  /** Whether every HDU of the file has been described. */
  readonly complete: boolean;
  /**
   * Describes the next HDU; `undefined` when the file has no more. Throws a {@link FitsError}
   * naming the file and HDU for a non-FITS file, a header without END, data cut short by the
   * end of the file, or unexpected bytes after the last HDU.
   */
  next(): HduInfo | undefined;
}

/** A scanner over `source`, which has read nothing yet. */
export function hduScanner(source: ByteSource): HduScanner {
  const path = source.path;
  const found: HduInfo[] = [];
  let offset = 0;
  let complete = false;
  if (source.size === 0) throw new FitsError("not a FITS file: the file is empty", { path, hdu: 0 });
  const next = (): HduInfo | undefined => {
    if (complete) return undefined;
    if (offset >= source.size) {
      complete = true;
      return undefined;
    }
    const index = found.length;
    const head = source.read(offset, Math.min(BLOCK, source.size - offset));
    const start = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 10)).toString("latin1");
    if (index === 0 && !start.startsWith("SIMPLE  =")) {
      throw new FitsError("not a FITS file: it does not start with the card `SIMPLE  = T`", { path, hdu: 0 });
    }
    if (index > 0 && !start.startsWith("XTENSION=")) {
      if (head.every((b) => b === 0)) {
        complete = true; // zero padding after the last HDU
        return undefined;
      }
      throw new FitsError(`${source.size - offset} bytes after the last HDU at offset ${offset} do not start an extension (no XTENSION card)`, {
        path,
        hdu: index,
      });
    }
    const { records, dataStart } = readHeaderRecords(source, offset, index, head);
    const info = withFitsLocation({ path, hdu: index }, () => describeHdu(parseHeaderRecords(records), { index, headerStart: offset, dataStart }));
    if (info.dataStart + info.dataBytes > source.size) {
      throw new FitsError(`the file is truncated: the data needs ${info.dataBytes} bytes from offset ${info.dataStart}, but the file ends at ${source.size}`, {
        path,
        hdu: index,
        ...(info.name !== undefined ? { hduName: info.name } : {}),
      });
    }
    found.push(info);
    offset = info.end;
    return info;
  };
  return {
    found,
    get complete() {
      return complete;
    },
    next,
  };
}

/** Every HDU of the file, reading only headers (see {@link hduScanner}). */
export function scanHdus(source: ByteSource): HduInfo[] {
  const scanner = hduScanner(source);
  while (scanner.next() !== undefined);
  return [...scanner.found];
}

/**
 * The records of the header starting at `headerStart`, whose first block `first` has been read:
 * further blocks are read one at a time until the one holding END, so no byte past the header is read.
 */
function readHeaderRecords(source: ByteSource, headerStart: number, index: number, first: Uint8Array): { records: string[]; dataStart: number } {
  const records: string[] = [];
  let block = first;
  let offset = headerStart;
  for (;;) {
    if (block.byteLength < BLOCK) {
      throw new FitsError("the header has no END card: the file is truncated or not FITS", { path: source.path, hdu: index });
    }
    const text = Buffer.from(block.buffer, block.byteOffset, block.byteLength).toString("latin1");
    for (let at = 0; at < BLOCK; at += CARD) {
      const record = text.slice(at, at + CARD);
      if (record.startsWith("END") && record.slice(3).trim() === "") return { records, dataStart: offset + BLOCK };
      records.push(record);
    }
    offset += BLOCK;
    block = source.read(offset, Math.min(BLOCK, source.size - offset));
  }
}
