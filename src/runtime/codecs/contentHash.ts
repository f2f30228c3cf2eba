import { createHash } from "node:crypto";

/** A stream of chunks that hashes each one as it passes, for writing and hashing in one pass. */
export interface HashedChunks extends Iterable<Uint8Array> {
  /** SHA-256 (lower-case hex) of every byte passed so far; the product's hash once the chunks are exhausted. */
  hex(): string;
  /** Bytes passed so far. */
  bytes(): number;
}

/**
 * Wraps `chunks` so that each chunk is hashed as it is handed on (before the next is asked
 * for, so chunks that share a buffer are hashed correctly). Iterate it once, writing each
 * chunk, then read `hex()`: the content hash the runtime stores beside the product.
 */
export function hashChunks(chunks: Iterable<Uint8Array>): HashedChunks {
  const hash = createHash("sha256");
  let total = 0;
  return {
    *[Symbol.iterator]() {
      for (const chunk of chunks) {
        hash.update(chunk);
        total += chunk.byteLength;
        yield chunk;
      }
    },
    hex: () => hash.copy().digest("hex"),
    bytes: () => total,
  };
}

/** SHA-256 (lower-case hex) of the concatenated chunks, consuming them. */
export function contentHash(chunks: Iterable<Uint8Array>): string {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
}
