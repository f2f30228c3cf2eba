import type { Card, CardValue, CommentaryCard, ValueCard } from "./Card.js";
import { FitsError } from "./FitsError.js";
import { CARD } from "./encodeHeader.js";

const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EDed][+-]?\d+)?$/;
const COMPLEX = /^\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/;

/** A parsed record before CONTINUE cards are joined to the string they continue. */
type RawCard = Card | { readonly kind: "continue"; readonly value: string; readonly comment?: string; readonly text: string };

/**
 * Parses header records (80 characters each, END excluded) into cards, joining long
 * strings written with the CONTINUE convention into one value card.
 */
export function parseHeaderRecords(records: readonly string[]): Card[] {
  const raw = records.map(parseRecord);
  const cards: Card[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    if (r.kind === "continue") {
      cards.push({ kind: "commentary", key: "CONTINUE", text: r.text });
      continue;
    }
    if (r.kind !== "value" || typeof r.value !== "string" || !r.value.endsWith("&")) {
      cards.push(r);
      continue;
    }
    const next = raw[i + 1];
    if (next === undefined || next.kind !== "continue") {
      cards.push(r);
      continue;
    }
    let value = r.value;
    const comments: string[] = r.comment !== undefined && r.comment !== "" ? [r.comment] : [];
    let j = i + 1;
    while (value.endsWith("&")) {
      const cont = raw[j];
      if (cont === undefined || cont.kind !== "continue") break;
      value = value.slice(0, -1) + cont.value;
      if (cont.comment !== undefined && cont.comment !== "") comments.push(cont.comment);
      j++;
    }
    cards.push(comments.length > 0 ? { kind: "value", key: r.key, value, comment: comments.join(" ") } : { kind: "value", key: r.key, value });
    i = j - 1;
  }
  return cards;
}

function parseRecord(record: string): RawCard {
  const head = record.slice(0, 8);
  const key = head.trimEnd();
  if (key === "CONTINUE") {
    const body = record.slice(8).trim();
    if (body.startsWith("'")) {
      const { value, comment } = parseValueField("CONTINUE", body);
      if (typeof value === "string") return comment === undefined ? { kind: "continue", value, text: record.slice(8).trimEnd() } : { kind: "continue", value, comment, text: record.slice(8).trimEnd() };
    }
    return { kind: "commentary", key, text: record.slice(8).trimEnd() };
  }
  if (key === "HIERARCH") {
    const eq = record.indexOf("=", 8);
    if (eq > 0) {
      const hkey = record.slice(9, eq).trim().toUpperCase();
      return valueCard(hkey, record.slice(eq + 1));
    }
  }
  if (record.slice(8, 10) === "= " && key !== "COMMENT" && key !== "HISTORY" && key !== "") {
    return valueCard(key, record.slice(10));
  }
  return { kind: "commentary", key, text: record.slice(8).trimEnd() } satisfies CommentaryCard;
}

function valueCard(key: string, field: string): ValueCard {
  const { value, comment } = parseValueField(key, field);
  return comment === undefined ? { kind: "value", key, value } : { kind: "value", key, value, comment };
}

function parseValueField(key: string, field: string): { value: CardValue; comment?: string } {
  const s = field.trimStart();
  if (s.startsWith("'")) {
    let value = "";
    let i = 1;
    for (;;) {
      if (i >= s.length) throw new FitsError(`the string value of \`${key}\` has no closing quote`);
      const ch = s[i]!;
      if (ch === "'") {
        if (s[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        break;
      }
      value += ch;
      i++;
    }
    const comment = commentOf(s.slice(i + 1));
    return comment === undefined ? { value: value.trimEnd() } : { value: value.trimEnd(), comment };
  }
  const slash = s.indexOf("/");
  const text = (slash < 0 ? s : s.slice(0, slash)).trim();
  const comment = slash < 0 ? undefined : commentOf(s.slice(slash));
  const value = parseScalar(key, text);
  return comment === undefined ? { value } : { value, comment };
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

/** Splits header bytes into 80-character records, stopping before END; `undefined` when there is no END. */
export function splitRecords(bytes: Uint8Array): string[] | undefined {
  const records: string[] = [];
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  for (let offset = 0; offset + CARD <= text.length; offset += CARD) {
    const r = text.slice(offset, offset + CARD);
    if (r.startsWith("END") && r.slice(3).trim() === "") return records;
    records.push(r);
  }
  return undefined;
}
