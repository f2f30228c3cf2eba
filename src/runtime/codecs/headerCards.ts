import type { HeaderKeyInfo } from "../../kernels/index.js";
import type { Card, CardValue } from "../../../stdlib/io/fits/index.js";
import { card } from "../../../stdlib/io/fits/index.js";
import type { HeaderValue, HeaderValues } from "./ProductValue.js";
import { asciiText } from "./asciiText.js";

const CARD = 80;
const STANDARD_KEY = /^[A-Z0-9_-]{1,8}$/;

/**
 * The cards of a product's primary header: the declared keys in declaration order, then the
 * others in sorted order (so the bytes do not depend on how the object was built). Integers
 * are written as FITS integers: a declared `int` always, an undeclared key when its number is
 * a whole number; other numbers are reals. A declared key's comment is its unit in brackets
 * (the FITS convention) and its doc, cut to fit the card.
 */
export function headerCards(declared: readonly HeaderKeyInfo[], header: Readonly<HeaderValues> | undefined): Card[] {
  if (header === undefined) return [];
  const cards: Card[] = [];
  const known = new Map(declared.map((k) => [k.key, k]));
  for (const k of declared) {
    const v = header[k.key];
    if (v === undefined) continue;
    const value = k.type === "int" && typeof v === "number" ? BigInt(v) : v;
    const comment = asciiText(`${k.unit !== undefined ? `[${k.unit}] ` : ""}${k.doc}`);
    cards.push(withComment(k.key, value, comment));
  }
  const others = Object.keys(header)
    .filter((key) => !known.has(key))
    .sort();
  for (const key of others) {
    const v = header[key];
    if (v !== undefined) cards.push(card(key, undeclaredValue(v)));
  }
  return cards;
}

function undeclaredValue(v: HeaderValue): CardValue {
  return typeof v === "number" && Number.isSafeInteger(v) && !Object.is(v, -0) ? BigInt(v) : v;
}

/** The card with as much of `comment` as fits on its one line (none for HIERARCH keys). */
function withComment(key: string, value: HeaderValue, comment: string): Card {
  if (comment === "" || !STANDARD_KEY.test(key)) return card(key, value);
  const valueWidth = typeof value === "string" ? value.replaceAll("'", "''").padEnd(8).length + 2 : String(value).length + 2;
  const room = CARD - 10 - Math.max(20, valueWidth) - 3;
  if (room < 8) return card(key, value);
  if (comment.length <= room) return card(key, value, comment);
  const cut = comment.lastIndexOf(" ", room);
  return card(key, value, comment.slice(0, cut > room / 2 ? cut : room).trimEnd());
}
