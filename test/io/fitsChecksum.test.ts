/**
 * DATASUM computed from host-order data (lanes permuted, no byte swap) equals the sum of
 * the bytes actually written, for every element size, odd lengths and unaligned views.
 */
import { describe, expect, it } from "vitest";
import type { FitsHdu, NumericArray } from "../../stdlib/io/fits/index.js";
import { encodeFits, readFits } from "../../stdlib/io/fits/index.js";
import { makeRng } from "./desiProducts.js";

function views(): NumericArray[] {
  const rng = makeRng(11);
  const bytes = Uint8Array.from({ length: 4096 + 64 }, () => Math.floor(rng() * 256));
  const b = bytes.buffer;
  return [
    new Uint8Array(b, 1, 4093),
    new Int8Array(b, 3, 7),
    new Int16Array(b, 2, 1001),
    new Uint16Array(b, 6, 3),
    new Int32Array(b, 4, 999),
    new Uint32Array(b, 12, 5),
    new Float32Array(b, 8, 1003),
    new Float64Array(b, 8, 501),
    new BigInt64Array(b, 16, 3),
    new BigUint64Array(b, 24, 7),
  ];
}

describe("DATASUM of images", () => {
  it("matches the written bytes for every dtype, odd length and unaligned view", () => {
    const hdus: FitsHdu[] = views().map((data, i) => ({ kind: "image", name: `V${i}`, header: { cards: [] }, shape: [data.length], data }));
    const bytes = encodeFits(hdus);
    const back = readFits(bytes, { checksum: "require" });
    back.forEach((hdu, i) => {
      expect(hdu.kind === "image" && hdu.data, `V${i}`).toEqual(views()[i]!.slice());
    });
  });
});
