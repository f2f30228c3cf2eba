import type { ByteSource } from "./ByteSource.js";
import { FitsError, withFitsLocation } from "./FitsError.js";
import type { HduInfo } from "./HduInfo.js";
import { describeHdu } from "./describeHdu.js";
import { BLOCK } from "./encodeHeader.js";
import { parseHeaderRecords, splitRecords } from "./parseHeader.js";

/** Header blocks read per call while looking for END. */
const BLOCKS_PER_READ = 4;

/**
 * Walks a FITS file HDU by HDU, reading only headers, and describes each HDU. Throws a
 * {@link FitsError} naming the file and HDU for a non-FITS file, a header without END,
 * data cut short by the end of the file, or unexpected bytes after the last HDU.
 */
export function scanHdus(source: ByteSource): HduInfo[] {
  const path = source.path;
  const infos: HduInfo[] = [];
  let offset = 0;
  if (source.size === 0) throw new FitsError("not a FITS file: the file is empty", { path, hdu: 0 });
  while (offset < source.size) {
    const index = infos.length;
    const head = source.read(offset, Math.min(BLOCK, source.size - offset));
    const start = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 10)).toString("latin1");
    if (index === 0 && !start.startsWith("SIMPLE  =")) {
      throw new FitsError("not a FITS file: it does not start with the card `SIMPLE  = T`", { path, hdu: 0 });
    }
    if (index > 0 && !start.startsWith("XTENSION=")) {
      if (head.every((b) => b === 0)) break; // zero padding after the last HDU
      throw new FitsError(`${source.size - offset} bytes after the last HDU at offset ${offset} do not start an extension (no XTENSION card)`, {
        path,
        hdu: index,
      });
    }
    const { records, dataStart } = readHeaderRecords(source, offset, index);
    const info = withFitsLocation({ path, hdu: index }, () => describeHdu(parseHeaderRecords(records), { index, headerStart: offset, dataStart }));
    if (info.dataStart + info.dataBytes > source.size) {
      throw new FitsError(`the file is truncated: the data needs ${info.dataBytes} bytes from offset ${info.dataStart}, but the file ends at ${source.size}`, {
        path,
        hdu: index,
        ...(info.name !== undefined ? { hduName: info.name } : {}),
      });
    }
    infos.push(info);
    offset = info.end;
  }
  return infos;
}

function readHeaderRecords(source: ByteSource, headerStart: number, index: number): { records: string[]; dataStart: number } {
  const chunks: Uint8Array[] = [];
  let offset = headerStart;
  for (;;) {
    const available = source.size - offset;
    const length = Math.min(BLOCKS_PER_READ * BLOCK, Math.floor(available / BLOCK) * BLOCK);
    if (length <= 0) {
      throw new FitsError("the header has no END card: the file is truncated or not FITS", { path: source.path, hdu: index });
    }
    chunks.push(source.read(offset, length));
    offset += length;
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    const records = splitRecords(all);
    if (records !== undefined) {
      const blocks = Math.ceil(((records.length + 1) * 80) / BLOCK);
      return { records, dataStart: headerStart + blocks * BLOCK };
    }
  }
}
