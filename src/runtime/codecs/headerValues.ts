import type { Header } from "../../../stdlib/io/fits/index.js";
import type { HeaderValue, HeaderValues } from "./ProductValue.js";
import { isReservedKeyword } from "./validateHeader.js";

/**
 * The keywords of a primary header as a product's `header`: every value card the codec does
 * not write itself (structure, EXTNAME, BUNIT, checksums are left out, as are commentary cards
 * and undefined or complex values). FITS integers are numbers when they fit 2^53, bigints
 * otherwise.
 */
export function headerValues(header: Header): HeaderValues {
  const out: HeaderValues = {};
  for (const c of header.cards) {
    if (c.kind !== "value" || isReservedKeyword(c.key) || c.key in out) continue;
    const v = plainValue(c.value);
    if (v !== undefined) out[c.key] = v;
  }
  return out;
}

/** A YAML or FITS value as a header value: integers as numbers when safe, bigints otherwise. */
export function plainValue(v: unknown): HeaderValue | undefined {
  if (typeof v === "bigint") return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return undefined;
}
