import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { FitsError } from "./FitsError.js";

/**
 * Random access to the bytes of a FITS file: a file descriptor read at offsets, or bytes
 * already in memory. `read` always returns a fresh buffer starting at byte offset 0 (so
 * typed-array views over it are aligned and it may be byte-swapped in place).
 */
export interface ByteSource {
  /** The file path, or a label such as `<memory>`. */
  readonly path: string;
  readonly size: number;
  /** The bytes read so far (every `read`'s length), for counting what a reader costs. */
  readonly bytesRead: number;
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

/** A source reading `path` with pread-style `readSync` calls; nothing is read up front. */
export function fileSource(path: string): ByteSource {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new FitsError(`cannot open the file: ${(error as Error).message}`, { path });
  }
  const size = fstatSync(fd).size;
  let open = true;
  let bytesRead = 0;
  return {
    path,
    size,
    get bytesRead() {
      return bytesRead;
    },
    read(offset, length) {
      if (!open) throw new FitsError("the file has been closed", { path });
      bytesRead += length;
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, offset + done);
        if (n === 0) throw new FitsError(`the file ends at byte ${offset + done}, before the ${length} bytes wanted at offset ${offset}`, { path });
        done += n;
      }
      return out;
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** A source over bytes in memory; reads copy, so the caller's bytes are never modified. */
export function bytesSource(bytes: Uint8Array, path = "<memory>"): ByteSource {
  let bytesRead = 0;
  return {
    path,
    size: bytes.byteLength,
    get bytesRead() {
      return bytesRead;
    },
    read(offset, length) {
      if (offset + length > bytes.byteLength) {
        throw new FitsError(`the data ends at byte ${bytes.byteLength}, before the ${length} bytes wanted at offset ${offset}`, { path });
      }
      bytesRead += length;
      // A copy at byte offset 0: `slice` on a Node Buffer is a view, so copy explicitly.
      const out = new Uint8Array(length);
      out.set(bytes.subarray(offset, offset + length));
      return out;
    },
    close() {},
  };
}
