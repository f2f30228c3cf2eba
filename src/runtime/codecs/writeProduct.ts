import type { ProductTypeInfo } from "../../kernels/index.js";
import { CodecError } from "./CodecError.js";
import { hashChunks } from "./contentHash.js";
import { encodeProduct } from "./encodeProduct.js";
import { AtomicFile } from "../../util/writeFileAtomic.js";

/** What writing a product produced: its content hash and size. */
export interface WrittenProduct {
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * Validates, encodes and writes a product to `path` atomically (a temporary name, fsync,
 * rename: see {@link AtomicFile}), hashing the bytes as they are written. Throws a
 * {@link CodecError} for an invalid value or a file that cannot be created; `path` is then
 * left as it was.
 */
export function writeProduct(t: ProductTypeInfo, value: unknown, path: string): WrittenProduct {
  const chunks = hashChunks(encodeProduct(t, value, { path }));
  let file: AtomicFile;
  try {
    file = new AtomicFile(path, { mkdir: false });
  } catch (error) {
    throw new CodecError([`The file cannot be created: ${(error as Error).message}.`], path, { cause: error });
  }
  try {
    for (const chunk of chunks) file.write(chunk);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
  return { sha256: chunks.hex(), bytes: chunks.bytes() };
}
