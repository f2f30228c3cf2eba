import type { Card, CardValue, ValueCard } from "./Card.js";
import { FitsError } from "./FitsError.js";

/** Bytes in a FITS block; headers and data are padded to a multiple of it. */
export const BLOCK = 2880;
/** Bytes in a header card. */
export const CARD = 80;

const STANDARD_KEY = /^[A-Z0-9_-]{1,8}$/;
const HIERARCH_KEY = /^[ -<>-~]+$/; // printable ASCII without `=`
const PRINTABLE = /^[ -~]*$/;
/** Longest string chunk on one card: 80 − `KEYWORD= ` − two quotes − the `&`. */
const CHUNK = 67;
/** Longest comment chunk on a CONTINUE card: 80 − `CONTINUE  '&' / `. */
const COMMENT_CHUNK = 64;

/**
 * Encodes cards as a header: 80-character ASCII records, an END card and space padding
 * to a whole number of 2880-byte blocks. Values use the fixed format (strings from column
 * 11, numbers right-justified to column 30); long strings use the CONTINUE convention.
 */
export function encodeHeader(cards: readonly Card[]): Uint8Array {
  const records: string[] = [];
  for (const c of cards) records.push(...formatCard(c));
  records.push("END".padEnd(CARD));
  const size = Math.ceil((records.length * CARD) / BLOCK) * BLOCK;
  const out = new Uint8Array(size).fill(0x20);
  let offset = 0;
  for (const r of records) {
    for (let i = 0; i < CARD; i++) out[offset + i] = r.charCodeAt(i);
    offset += CARD;
  }
  return out;
}

/** The 80-character records for one card (more than one for long strings and texts). */
export function formatCard(c: Card): string[] {
  return c.kind === "commentary" ? formatCommentary(c.key, c.text) : formatValueCard(c);
}

/** True when `value` is a string that needs CONTINUE cards in the fixed format. */
export function needsLongString(c: Card): boolean {
  return c.kind === "value" && typeof c.value === "string" && formatValueCard(c).length > 1;
}

function formatCommentary(key: string, text: string): string[] {
  if (!STANDARD_KEY.test(key) && key !== "") {
    throw new FitsError(`commentary keyword \`${key}\` is not a valid FITS keyword (1–8 of A–Z, 0–9, _ and -)`);
  }
  if (!PRINTABLE.test(text)) throw new FitsError(`${key || "blank"} card text contains characters outside printable ASCII`);
  const width = CARD - 8;
  const out: string[] = [];
  for (let i = 0; i === 0 || i < text.length; i += width) {
    out.push((key.padEnd(8) + text.slice(i, i + width)).padEnd(CARD));
  }
  return out;
}

function keyPrefix(key: string): string {
  if (STANDARD_KEY.test(key)) return key.padEnd(8) + "= ";
  if (HIERARCH_KEY.test(key) && key.trim() === key && key.length > 0) return `HIERARCH ${key} = `;
  throw new FitsError(`keyword \`${key}\` cannot be written: use A–Z, 0–9, _ and -, or printable ASCII without \`=\` for a HIERARCH keyword`);
}

function formatValueCard(c: ValueCard): string[] {
  const prefix = keyPrefix(c.key);
  const comment = c.comment ?? "";
  if (!PRINTABLE.test(comment)) throw new FitsError(`the comment of \`${c.key}\` contains characters outside printable ASCII`);
  if (typeof c.value === "string") return formatStringCard(c.key, prefix, c.value, comment);
  const fixed = formatFixedValue(c.key, c.value);
  for (const value of [fixed.padStart(20), fixed]) {
    const line = comment === "" ? prefix + value : `${prefix}${value} / ${comment}`;
    if (line.length <= CARD) return [line.padEnd(CARD)];
  }
  throw new FitsError(
    `the card \`${c.key}\` does not fit in 80 characters: shorten its comment to ${Math.max(0, CARD - prefix.length - fixed.length - 3)} characters`,
  );
}

function formatFixedValue(key: string, v: Exclude<CardValue, string>): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "T" : "F";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return formatReal(key, v);
  return `(${formatReal(key, v.re)}, ${formatReal(key, v.im)})`;
}

/**
 * A FITS real: the shortest decimal that reads back as the same float64, always with a
 * decimal point and an upper-case exponent letter so it is never taken for an integer.
 */
export function formatReal(key: string, x: number): string {
  if (!Number.isFinite(x)) throw new FitsError(`keyword \`${key}\` has the value ${x}, which a FITS header cannot hold`);
  if (Object.is(x, -0)) return "-0.0";
  let s = String(x);
  if (s.length > 20 && !s.includes("e")) s = x.toExponential();
  const e = s.indexOf("e");
  if (e < 0) return s.includes(".") ? s : `${s}.0`;
  const mantissa = s.slice(0, e);
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${s.slice(e + 1)}`;
}

function formatStringCard(key: string, prefix: string, value: string, comment: string): string[] {
  if (!PRINTABLE.test(value)) throw new FitsError(`the string value of \`${key}\` contains characters outside printable ASCII`);
  const escaped = value.replaceAll("'", "''");
  const single = `'${escaped.padEnd(8)}'`.padEnd(20);
  const line = comment === "" ? prefix + single : `${prefix}${single} / ${comment}`;
  if (line.length <= CARD) return [line.trimEnd().padEnd(CARD)];
  if (prefix.length !== 10) {
    throw new FitsError(`the HIERARCH card \`${key}\` does not fit in 80 characters; long strings need a standard keyword`);
  }
  const chunks = splitEscaped(escaped);
  const out: string[] = [];
  chunks.forEach((chunk, i) => {
    const last = i === chunks.length - 1;
    const lead = i === 0 ? prefix : "CONTINUE  ";
    if (!last) {
      out.push(`${lead}'${chunk}&'`.padEnd(CARD));
      return;
    }
    const closing = `${lead}'${chunk}'`;
    if (comment === "" || closing.length + 3 + comment.length <= CARD) {
      out.push((comment === "" ? closing : `${closing} / ${comment}`).padEnd(CARD));
      return;
    }
    out.push(`${lead}'${chunk}&'`.padEnd(CARD));
    const parts = splitComment(comment);
    parts.forEach((part, j) => {
      const amp = j === parts.length - 1 ? "" : "&";
      out.push(`CONTINUE  '${amp}' / ${part}`.padEnd(CARD));
    });
  });
  return out;
}

/** Splits an escaped string into chunks of at most {@link CHUNK} characters, never inside a `''` pair. */
function splitEscaped(escaped: string): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < escaped.length || chunks.length === 0) {
    let end = Math.min(escaped.length, i + CHUNK);
    // Count the quotes just before the cut: an odd run means the cut splits a `''` pair.
    let quotes = 0;
    while (end - 1 - quotes >= i && escaped[end - 1 - quotes] === "'") quotes++;
    if (quotes % 2 === 1 && end < escaped.length) end -= 1;
    chunks.push(escaped.slice(i, end));
    i = end;
  }
  return chunks;
}

/**
 * Splits a comment into CONTINUE-sized pieces at spaces; readers (astropy's and ours)
 * join the pieces with one space, so the space at each cut is the one dropped.
 */
function splitComment(comment: string): string[] {
  const parts: string[] = [];
  let rest = comment;
  while (rest.length > COMMENT_CHUNK) {
    const cut = rest.lastIndexOf(" ", COMMENT_CHUNK);
    if (cut <= 0) {
      parts.push(rest.slice(0, COMMENT_CHUNK));
      rest = rest.slice(COMMENT_CHUNK);
    } else {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
  }
  parts.push(rest);
  return parts;
}
