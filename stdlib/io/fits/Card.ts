/** A complex header value, written `(re, im)` in a card. */
export interface FitsComplex {
  readonly re: number;
  readonly im: number;
}

/**
 * The value of a header keyword. The JavaScript type is the FITS type: `bigint` is a FITS
 * integer, `number` a FITS real (written with a decimal point even when it is whole, so
 * `EXPTIME = 1000.0` stays a real), `boolean` a logical, `string` a character string
 * (long ones are written with CONTINUE cards) and `null` an undefined value.
 */
export type CardValue = string | boolean | number | bigint | FitsComplex | null;

/** A `KEYWORD = value / comment` card. Keywords longer than 8 characters use HIERARCH. */
export interface ValueCard {
  readonly kind: "value";
  readonly key: string;
  readonly value: CardValue;
  readonly comment?: string;
}

/**
 * A card without a value: COMMENT, HISTORY, a blank keyword, or any other keyword whose
 * columns 9–10 are not `= `. Text longer than 72 characters is written over several cards.
 */
export interface CommentaryCard {
  readonly kind: "commentary";
  readonly key: string;
  readonly text: string;
}

/** One header card, in the order it appears in the header. */
export type Card = ValueCard | CommentaryCard;

/** Makes a value card; `key` is upper-cased, as FITS keywords are. */
export function card(key: string, value: CardValue, comment?: string): ValueCard {
  const k = key.toUpperCase();
  return comment === undefined ? { kind: "value", key: k, value } : { kind: "value", key: k, value, comment };
}

/** Makes a COMMENT card. */
export function commentCard(text: string): CommentaryCard {
  return { kind: "commentary", key: "COMMENT", text };
}

/** Makes a HISTORY card. */
export function historyCard(text: string): CommentaryCard {
  return { kind: "commentary", key: "HISTORY", text };
}
