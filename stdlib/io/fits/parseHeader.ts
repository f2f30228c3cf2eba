import type { Card, CardValue } from "./Card.js";
import { FitsError } from "./FitsError.js";

const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EDed][+-]?\d+)?$/;
const COMPLEX = /^\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/;

/** A string value as written between its quotes, `''` pairs not yet undone. */
interface RawString {
  readonly raw: string;
  readonly comment?: string;
}

/** A parsed record before CONTINUE cards are joined to the string they continue. */
type ParsedRecord =
  | Card
  | { readonly kind: "string"; readonly key: string; readonly str: RawString }
  | { readonly kind: "continue"; readonly str: RawString; readonly text: string };

/**
 * Parses header records (80 characters each, END excluded) into cards, joining long
 * strings written with the CONTINUE convention into one value card. The pieces are joined
 * before `''` is undone, so a quote pair split across two cards (as astropy writes them)
 * reads back as one quote.
 */
export function parseHeaderRecords(records: readonly string[]): Card[] {
  const parsed = records.map(parseRecord);
  const cards: Card[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const r = parsed[i]!;
    if (r.kind === "continue") {
      cards.push({ kind: "commentary", key: "CONTINUE", text: r.text });
      continue;
    }
    if (r.kind !== "string") {
      cards.push(r);
      continue;
    }
    let raw = r.str.raw.trimEnd();
    const comments: string[] = r.str.comment !== undefined ? [r.str.comment] : [];
    let j = i + 1;
    for (;;) {
      const next = parsed[j];
      if (!raw.endsWith("&") || next === undefined || next.kind !== "continue") break;
      raw = raw.slice(0, -1) + next.str.raw.trimEnd();
      if (next.str.comment !== undefined) comments.push(next.str.comment);
      j++;
    }
    const value = raw.replaceAll("''", "'").trimEnd();
    cards.push(comments.length > 0 ? { kind: "value", key: r.key, value, comment: comments.join(" ") } : { kind: "value", key: r.key, value });
    i = j - 1;
  }
  return cards;
}

function parseRecord(record: string): ParsedRecord {
  const key = record.slice(0, 8).trimEnd();
  const text = record.slice(8).trimEnd();
  if (key === "CONTINUE") {
    const body = record.slice(8);
    if (body.trimStart().startsWith("'")) return { kind: "continue", str: parseRawString("CONTINUE", body), text };
    return { kind: "commentary", key, text };
  }
  if (key === "HIERARCH") {
    const eq = record.indexOf("=", 8);
    if (eq > 0) return valueRecord(record.slice(9, eq).trim().toUpperCase(), record.slice(eq + 1));
  }
  if (record.slice(8, 10) === "= " && key !== "COMMENT" && key !== "HISTORY" && key !== "") return valueRecord(key, record.slice(10));
  return { kind: "commentary", key, text };
}

function valueRecord(key: string, field: string): ParsedRecord {
  if (field.trimStart().startsWith("'")) return { kind: "string", key, str: parseRawString(key, field) };
  const slash = field.indexOf("/");
  const valueText = (slash < 0 ? field : field.slice(0, slash)).trim();
  const comment = slash < 0 ? undefined : commentOf(field.slice(slash));
  const value = parseScalar(key, valueText);
  return comment === undefined ? { kind: "value", key, value } : { kind: "value", key, value, comment };
}

/**
 * The text between the quotes of a string value. The closing quote is the first lone
 * quote (not part of `''`); when that is followed by anything but spaces or a comment,
 * the closing quote is taken to be the last quote followed by spaces, a comment or the
 * end of the card, as astropy reads it.
 */
function parseRawString(key: string, field: string): RawString {
  const s = field.trimStart();
  let i = 1;
  for (;;) {
    if (i >= s.length) throw new FitsError(`the string value of \`${key}\` has no closing quote`);
    if (s[i] === "'") {
      if (s[i + 1] === "'") {
        i += 2;
        continue;
      }
      break;
    }
    i++;
  }
  const rest = s.slice(i + 1);
  if (rest.trim() === "" || rest.trimStart().startsWith("/")) return withComment(s.slice(1, i), rest);
  const m = /'( *(?:\/.*)?)$/.exec(s.slice(i + 1));
  if (m === null) throw new FitsError(`the string value of \`${key}\` is followed by \`${rest.trim()}\`, which is neither a comment nor a string`);
  const close = i + 1 + m.index;
  return withComment(s.slice(1, close), s.slice(close + 1));
}

function withComment(raw: string, rest: string): RawString {
  const comment = commentOf(rest);
  return comment === undefined ? { raw } : { raw, comment };
}

function commentOf(rest: string): string | undefined {
  const t = rest.trim();
  if (!t.startsWith("/")) return undefined;
  const c = t.slice(1).trim();
  return c === "" ? undefined : c;
}

function parseScalar(key: string, text: string): CardValue {
  if (text === "") return null;
  if (text === "T") return true;
  if (text === "F") return false;
  if (INTEGER.test(text)) return BigInt(text);
  if (REAL.test(text)) return Number(text.replace(/[Dd]/, "E"));
  const m = COMPLEX.exec(text);
  if (m !== null) {
    const re = m[1]!;
    const im = m[2]!;
    if ((REAL.test(re) || INTEGER.test(re)) && (REAL.test(im) || INTEGER.test(im))) {
      return { re: Number(re.replace(/[Dd]/, "E")), im: Number(im.replace(/[Dd]/, "E")) };
    }
  }
  throw new FitsError(`the value of \`${key}\` is not a FITS string, logical, integer, real or complex: \`${text}\``);
}
