import type { Card, CardValue, ValueCard } from "./Card.js";
import { FitsError } from "./FitsError.js";

/**
 * A FITS header: its cards in file order. A header read from a file holds every card,
 * structural ones (BITPIX, NAXISn, TFORMn, CHECKSUM…) included; when writing, structural
 * cards are generated from the data and any in `cards` are ignored.
 */
export interface Header {
  readonly cards: readonly Card[];
}

/** Makes a header from cards in order. */
export function makeHeader(cards: Iterable<Card>): Header {
  return { cards: [...cards] };
}

/** The first value card named `key` (case-insensitive), or `undefined`. */
export function findCard(header: Header, key: string): ValueCard | undefined {
  const k = key.toUpperCase();
  for (const c of header.cards) {
    if (c.kind === "value" && c.key === k) return c;
  }
  return undefined;
}

/** The value of the first card named `key`, or `undefined` when there is none. */
export function headerValue(header: Header, key: string): CardValue | undefined {
  return findCard(header, key)?.value;
}

/** The string value of `key`; `undefined` when absent; a {@link FitsError} when it is not a string. */
export function headerString(header: Header, key: string): string | undefined {
  const v = headerValue(header, key);
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw wrongType(key, v, "a string");
  return v;
}

/** The boolean value of `key`; `undefined` when absent; a {@link FitsError} when it is not a logical. */
export function headerBoolean(header: Header, key: string): boolean | undefined {
  const v = headerValue(header, key);
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw wrongType(key, v, "a logical");
  return v;
}

/**
 * The integer value of `key` as a bigint; `undefined` when absent; a {@link FitsError}
 * when it is not a FITS integer.
 */
export function headerBigInt(header: Header, key: string): bigint | undefined {
  const v = headerValue(header, key);
  if (v === undefined) return undefined;
  if (typeof v !== "bigint") throw wrongType(key, v, "an integer");
  return v;
}

/**
 * The numeric value of `key` (integer or real) as a number; `undefined` when absent; a
 * {@link FitsError} when it is not numeric or is an integer beyond 2^53.
 */
export function headerNumber(header: Header, key: string): number | undefined {
  const v = headerValue(header, key);
  if (v === undefined) return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new FitsError(`keyword \`${key.toUpperCase()}\` = ${v} does not fit a JavaScript number; read it with headerBigInt`);
    }
    return Number(v);
  }
  throw wrongType(key, v, "a number");
}

/** The texts of all commentary cards named `key` (`HISTORY`, `COMMENT`), in order. */
export function commentaryTexts(header: Header, key: string): string[] {
  const k = key.toUpperCase();
  const out: string[] = [];
  for (const c of header.cards) if (c.kind === "commentary" && c.key === k) out.push(c.text);
  return out;
}

function wrongType(key: string, value: CardValue, expected: string): FitsError {
  return new FitsError(`keyword \`${key.toUpperCase()}\` is ${describeValue(value)}, expected ${expected}`);
}

function describeValue(v: CardValue): string {
  if (v === null) return "undefined (no value)";
  if (typeof v === "string") return `the string '${v}'`;
  if (typeof v === "boolean") return `the logical ${v ? "T" : "F"}`;
  if (typeof v === "bigint") return `the integer ${v}`;
  if (typeof v === "number") return `the real ${v}`;
  return `the complex (${v.re}, ${v.im})`;
}
