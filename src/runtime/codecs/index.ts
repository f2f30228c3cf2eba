/**
 * Product codecs of the runtime: validate a kernel's in-memory product value against its type
 * (docs/datamodel.md), encode it as deterministic FITS, ECSV or JSON bytes (in chunks, hashed
 * as they are written), decode a file back into the same layout, and open a file lazily for a
 * kernel's handle. The only public door of `src/runtime/codecs`.
 */
export { CODEC_VERSION } from "./codecVersion.js";
export { CodecError } from "./CodecError.js";
export { contentHash, hashChunks } from "./contentHash.js";
export type { HashedChunks } from "./contentHash.js";
export { decodeProduct } from "./decodeProduct.js";
export { encodeProduct } from "./encodeProduct.js";
export type { EncodeProductOptions } from "./encodeProduct.js";
export { encodeProductBytes } from "./encodeProductBytes.js";
export { ioCount, resetIoCount } from "./ioCounter.js";
export type { IoCount } from "./ioCounter.js";
export { openProduct } from "./openProduct.js";
export type { ProductFile, ProductReader } from "./openProduct.js";
export type { ColumnValue, HeaderValue, HeaderValues, ImageValue, NumericArray, ProductValue } from "./ProductValue.js";
export { validateProduct } from "./validateProduct.js";
export { writeProduct } from "./writeProduct.js";
export type { WrittenProduct } from "./writeProduct.js";
