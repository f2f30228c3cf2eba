/**
 * Seeded sample values of any product type, built from its `ProductTypeInfo` alone: every
 * declared header key, image and column filled with values that exercise the codecs (64-bit
 * IDs at and above 2^58, bit 62 set, integer extremes, empty and full-width strings).
 */
import type { ColumnInfo, DimInfo, Dtype, HeaderKeyInfo, ProductTypeInfo } from "../../../src/kernels/index.js";

/** Sizes of named axes and of table rows. */
export interface SampleSizes {
  /** Size of each named axis (`fiber`, `wave`); 3 when not given. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Rows of every table (default 4), or per table member. */
  readonly rows?: number | Readonly<Record<string, number>>;
  readonly seed?: number;
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+.";

/** A value of `t` with sizes from `sizes`. */
export function sampleValue(t: ProductTypeInfo, sizes: SampleSizes = {}): Record<string, unknown> {
  const rng = makeRng(sizes.seed ?? 1);
  const dimSize = (d: DimInfo): number => d.size ?? sizes.dims?.[d.name] ?? 3;
  const rowsOf = (member: string): number => (typeof sizes.rows === "number" ? sizes.rows : (sizes.rows?.[member] ?? 4));
  const out: Record<string, unknown> = {};
  if (t.format === "fits") {
    out["header"] = sampleHeader(t.header, rng);
    for (const hdu of t.hdus) {
      if (hdu.kind === "image") {
        const shape = (hdu.dims ?? [{ name: "x" }]).map(dimSize);
        const n = shape.reduce((a, b) => a * b, 1);
        out[hdu.member] = { data: sampleArray(hdu.dtype ?? "f32", n, rng), shape };
      } else {
        const rows = rowsOf(hdu.member);
        const table: Record<string, unknown> = Object.fromEntries((hdu.columns ?? []).map((c) => [c.name, sampleColumn(c, rows, dimSize, rng)]));
        // The table HDU's own keywords, drawn after its columns so types without them sample as before.
        if ((hdu.header ?? []).length > 0) table["header"] = sampleHeader(hdu.header ?? [], rng);
        out[hdu.member] = table;
      }
    }
  } else if (t.format === "ecsv") {
    out["meta"] = sampleHeader(t.meta, rng);
    const rows = rowsOf("");
    for (const c of t.columns) out[c.name] = sampleColumn(c, rows, dimSize, rng);
  } else {
    for (const f of t.fields) out[f.name] = f.tsType === "number" ? Math.round(rng() * 1000) : f.tsType === "string" ? "x" : null;
  }
  return out;
}

function sampleHeader(keys: readonly HeaderKeyInfo[], rng: () => number): Record<string, string | number | boolean | bigint> {
  const out: Record<string, string | number | boolean | bigint> = {};
  keys.forEach((k, i) => {
    switch (k.type) {
      case "int":
        out[k.key] = 20210101 + i;
        break;
      case "float":
        out[k.key] = i % 2 === 0 ? Math.round(rng() * 1e6) / 1e3 : 900;
        break;
      case "str":
        out[k.key] = `value ${i}`;
        break;
      case "bool":
        out[k.key] = i % 2 === 0;
        break;
    }
  });
  return out;
}

function sampleColumn(c: ColumnInfo, rows: number, dimSize: (d: DimInfo) => number, rng: () => number): unknown {
  const cell = c.dims.map(dimSize).reduce((a, b) => a * b, 1);
  const n = rows * cell;
  if (c.dtype === "str" || c.dtype.startsWith("str")) {
    const max = c.dtype === "str" ? 12 : Number(c.dtype.slice(3));
    return Array.from({ length: n }, (_, i) => {
      const length = i === 0 ? max : i === 1 ? 0 : 1 + Math.floor(rng() * max);
      let s = "";
      for (let k = 0; k < length; k++) s += LETTERS[Math.floor(rng() * LETTERS.length)] ?? "A";
      return s.replace(/ +$/, "");
    });
  }
  return sampleArray(c.dtype, n, rng);
}

/** `n` values of `dtype` in its typed-array class. */
export function sampleArray(dtype: Dtype, n: number, rng: () => number): unknown {
  const ints = (lo: number, hi: number) => (i: number) => (i === 0 ? lo : i === 1 ? hi : Math.floor(lo + rng() * (hi - lo)));
  switch (dtype) {
    case "bool":
      return Uint8Array.from({ length: n }, (_, i) => i % 2);
    case "u8":
      return Uint8Array.from({ length: n }, (_, i) => ints(0, 255)(i));
    case "i16":
      return Int16Array.from({ length: n }, (_, i) => ints(-32768, 32767)(i));
    case "u16":
      return Uint16Array.from({ length: n }, (_, i) => ints(0, 65535)(i));
    case "i32":
      return Int32Array.from({ length: n }, (_, i) => ints(-2147483648, 2147483647)(i));
    case "u32":
      return Uint32Array.from({ length: n }, (_, i) => ints(0, 4294967295)(i));
    case "i64":
      // Mock TARGETIDs (bit 58) and bit masks up to bit 62, and -1 as on a flat.
      return BigInt64Array.from({ length: n }, (_, i) => (i === 0 ? -1n : (1n << 58n) | (i % 2 === 1 ? 1n << 62n : 0n) | BigInt(Math.floor(rng() * 2 ** 40))));
    case "u64":
      return BigUint64Array.from({ length: n }, (_, i) => (1n << 63n) + BigInt(i) * 12345678901n);
    case "f32":
      return Float32Array.from({ length: n }, (_, i) => (i === 0 ? -0 : i === 1 ? 3.4e38 : (rng() - 0.5) * 1e4));
    case "f64":
      return Float64Array.from({ length: n }, (_, i) => (i === 0 ? Number.MIN_VALUE : i === 1 ? 1e300 : (rng() - 0.5) * 1e6));
    default:
      throw new Error(`no sample array of ${dtype}`);
  }
}
