/**
 * One FITS file's worth of HDUs that exercise every dtype, TFORM and header card form the
 * writer supports, with extreme values: the awkward cases next to the DESI products.
 */
import type { Card, FitsHdu, ImageHdu } from "../../stdlib/io/fits/index.js";
import { card, commentCard, historyCard } from "../../stdlib/io/fits/index.js";

/** TARGETIDs above 2^58 and masks with bits 58–62 set, the values that must survive exactly. */
export const BIG_IDS = BigInt64Array.from([
  (1n << 58n) + 1n,
  (1n << 58n) | (9010n << 42n) | (27258n << 22n) | 4095n,
  (1n << 62n) | (1n << 61n) | (1n << 60n) | (1n << 59n) | (1n << 58n),
  (1n << 63n) - 1n,
  -(1n << 63n),
]);

/** Header cards of every type and awkward shape. */
export function edgeCaseCards(): Card[] {
  // A quote where the first CONTINUE cut would fall. (Two adjacent quotes in a long string
  // are misread by astropy 5.2, which un-escapes CONTINUE pieces twice, so none here.)
  const quoteAtBoundary = "q".repeat(66) + "'" + "r".repeat(70) + "'" + "s".repeat(10);
  return [
    card("EXPTIME", 1000, "[s] a whole real keeps its decimal point"),
    card("NIGHT", 20201214n, "an integer"),
    card("BIGINT", (1n << 62n) + 3n, "beyond 2^53"),
    card("HUGEINT", 9223372036854775808n, "2^63, beyond int64"),
    card("NEGZERO", -0),
    card("TINY", 5e-324),
    card("HUGE", 1.7976931348623157e308),
    card("THIRD", 1 / 3),
    card("ELEVEN", 1e-17),
    card("MANYDIG", 123456789012345680000),
    card("HPXNEST", true),
    card("FLAG", false, "a false logical"),
    card("OBJECT", "it's 'quoted'"),
    card("LEADING", "   three leading spaces"),
    card("EMPTY", ""),
    card("CPLX", { re: 1.5, im: -2 }),
    card("LONGSTR", "a very long string value ".repeat(8).trim(), "and a comment that goes with it"),
    card("LONGQ", quoteAtBoundary),
    card("LONGCOM", "short", "a comment far too long for one card, so it continues on CONTINUE cards after the string value ends here"),
    card("ESO DET CHIP NAME", "CCD-1", "a HIERARCH keyword"),
    historyCard("a history line"),
    historyCard("a history line longer than seventy-two characters, which is split over two HISTORY cards"),
    commentCard("a comment card"),
    { kind: "commentary", key: "", text: "a blank-keyword card" },
  ];
}

function img(name: string, shape: number[], data: ImageHdu["data"], cards: Card[] = []): ImageHdu {
  return { kind: "image", name, header: { cards }, shape, data };
}

/** HDUs covering each image dtype, every column type and the header cases above. */
export function edgeCaseProduct(): FitsHdu[] {
  const n = 6;
  return [
    img("EDGE", [2, 3], Float64Array.from([NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308]), edgeCaseCards()),
    img("U8", [4], Uint8Array.from([0, 1, 128, 255])),
    img("I8", [4], Int8Array.from([-128, -1, 0, 127])),
    img("I16", [2, 2], Int16Array.from([-32768, -1, 0, 32767])),
    img("U16", [2, 2], Uint16Array.from([0, 1, 32768, 65535])),
    img("I32", [2, 2], Int32Array.from([-2147483648, -1, 0, 2147483647])),
    img("U32", [2, 2], Uint32Array.from([0, 1, 2147483648, 4294967295])),
    img("I64", [5], BIG_IDS),
    img("U64", [4], BigUint64Array.from([0n, 1n, 1n << 63n, (1n << 64n) - 1n])),
    img("F32", [2, 2, 2], Float32Array.from([NaN, Infinity, -0, 1e-45, 3.4028234663852886e38, 0.1, -2.5, 1])),
    img("EMPTYIMG", [], null, [card("NOTE", "an extension without data")]),
    {
      kind: "table",
      name: "ALLTYPES",
      header: { cards: [card("EXTVER", 2n), historyCard("table history")] },
      nrows: n,
      columns: [
        { name: "TARGETID", data: BigInt64Array.from({ length: n }, (_, i) => BIG_IDS[i % BIG_IDS.length]!) },
        { name: "DESI_TARGET", data: BigInt64Array.from({ length: n }, (_, i) => (1n << BigInt(58 + (i % 5))) | 1n) },
        { name: "U64", data: BigUint64Array.from({ length: n }, (_, i) => (1n << 64n) - 1n - BigInt(i)) },
        { name: "U32", data: Uint32Array.from({ length: n }, (_, i) => 4294967295 - i) },
        { name: "U16", data: Uint16Array.from({ length: n }, (_, i) => 65535 - i) },
        { name: "I8", data: Int8Array.from({ length: n }, (_, i) => -128 + i) },
        { name: "U8", data: Uint8Array.from({ length: n }, (_, i) => 250 + i) },
        { name: "I16", data: Int16Array.from({ length: n }, (_, i) => -32768 + i) },
        { name: "I32", data: Int32Array.from({ length: n }, (_, i) => -2147483648 + i) },
        { name: "F32", data: Float32Array.from({ length: n }, (_, i) => (i === 0 ? NaN : i / 7)), unit: "nanomaggy" },
        { name: "F64", data: Float64Array.from({ length: n }, (_, i) => (i === 0 ? -Infinity : i / 7)), unit: "deg" },
        { name: "OK", data: Array.from({ length: n }, (_, i) => i % 2 === 0) },
        { name: "OBJTYPE", data: Array.from({ length: n }, (_, i) => ["TGT", "SKY", "", "a b", "x'y", "NON"][i]!) },
        { name: "WIDE", data: Array.from({ length: n }, (_, i) => "w".repeat(i)), tform: "12A" },
        { name: "COEFF", data: Float32Array.from({ length: n * 10 }, (_, i) => i * 0.5), shape: [10] },
        { name: "CUBE", data: Float64Array.from({ length: n * 24 }, (_, i) => i - 3.25), shape: [2, 3, 4], unit: "electron" },
        { name: "IMASK", data: Int32Array.from({ length: n * 6 }, (_, i) => i * 1000003), shape: [2, 3] },
        { name: "KVEC", data: BigInt64Array.from({ length: n * 2 }, (_, i) => BIG_IDS[i % BIG_IDS.length]!), shape: [2] },
        { name: "UVEC", data: Uint16Array.from({ length: n * 3 }, (_, i) => 65535 - i), shape: [3] },
        { name: "FLAGS", data: Array.from({ length: n * 4 }, (_, i) => i % 3 === 0), shape: [2, 2] },
        { name: "NAMES", data: Array.from({ length: n * 3 }, (_, i) => ["ab", "cde", "f"][i % 3]!), shape: [3] },
        { name: "ONE", data: Float64Array.from({ length: n }, (_, i) => i), shape: [1] },
      ],
    },
  ];
}
