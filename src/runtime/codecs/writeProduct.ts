import { closeSync, openSync, writeSync } from "node:fs";
import type { ProductTypeInfo } from "../../kernels/index.js";
import { CodecError } from "./CodecError.js";
import { hashChunks } from "./contentHash.js";
import { encodeProduct } from "./encodeProduct.js";

/** What writing a product produced: its content hash and size. */
export interface WrittenProduct {
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * Validates, encodes and writes a product to `path` (created or truncated), hashing the bytes
 * as they are written. Not atomic: the runtime writes to a temporary name and renames it once
 * this returns. Throws a {@link CodecError} for an invalid value (before creating the file) or
 * a file that cannot be written.
 */
export function writeProduct(t: ProductTypeInfo, value: unknown, path: string): WrittenProduct {
  const chunks = hashChunks(encodeProduct(t, value, { path }));
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    throw new CodecError([`The file cannot be created: ${(error as Error).message}.`], path, { cause: error });
  }
  try {
    for (const chunk of chunks) {
      let done = 0;
      while (done < chunk.byteLength) done += writeSync(fd, chunk, done, chunk.byteLength - done);
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: chunks.hex(), bytes: chunks.bytes() };
}
