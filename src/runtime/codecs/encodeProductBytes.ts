import type { ProductTypeInfo } from "../../kernels/index.js";
import type { EncodeProductOptions } from "./encodeProduct.js";
import { encodeProduct } from "./encodeProduct.js";

/**
 * The whole file of a product as one byte array (see {@link encodeProduct}); for small products
 * and tests, since a large product is better streamed chunk by chunk.
 */
export function encodeProductBytes(t: ProductTypeInfo, value: unknown, options: EncodeProductOptions = {}): Uint8Array {
  const chunks = Array.from(encodeProduct(t, value, options), (c) => c.slice());
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
