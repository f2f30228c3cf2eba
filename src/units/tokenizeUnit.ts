/** A lexical piece of a unit expression; offsets are UTF-16 positions in the text. */
export type UnitToken =
  /** A unit name, with the exponent written right after it (`cm2`, `s-1`, `cm²`, `m(1/2)`) if any. */
  | { readonly kind: "name"; readonly text: string; readonly start: number; readonly end: number; readonly exponent: AttachedExponent | undefined }
  /** A decimal number (`10`, `1e-17`, `0.5`). */
  | { readonly kind: "number"; readonly text: string; readonly start: number; readonly end: number }
  /** A power of ten written FITS-style, `10-17` or `10+17`. */
  | { readonly kind: "tenPower"; readonly text: string; readonly start: number; readonly end: number; readonly exponent: number }
  /** Superscript digits (`⁻²`) after a number or `)`. */
  | { readonly kind: "superscript"; readonly text: string; readonly start: number; readonly end: number; readonly exponent: number }
  | { readonly kind: "power" | "times" | "divide" | "open" | "close" | "sign" | "invalid"; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: "end"; readonly text: ""; readonly start: number; readonly end: number };

/** An exponent attached to a unit name. */
export interface AttachedExponent {
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

// Sources only: sticky RegExp objects carry `lastIndex`, so each call builds its own.
const NAME = String.raw`[A-Za-z\u00c5\u212b\u00b5\u03bc]+`;
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`;
const SIGNED_INT = String.raw`[+-]?\d+`;
const TEN_POWER = String.raw`10([+-]\d+)`;
const SUPERSCRIPT = String.raw`[\u207a\u207b]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+`;
const PAREN_EXPONENT = String.raw`\(\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*(?:\/\s*([+-]?\d+)\s*)?\)`;
const SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";

/** Matches a sticky `re` exactly at `at`. */
function match(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The value of superscript digits with an optional `⁺`/`⁻`. */
function superscriptValue(s: string): number {
  let sign = 1;
  let digits = "";
  for (const ch of s) {
    if (ch === "\u207b") sign = -1;
    else if (ch !== "\u207a") digits += String(SUPERSCRIPT_DIGITS.indexOf(ch));
  }
  return sign * Number(digits);
}

/**
 * Splits a unit expression into tokens, always ending with an `end` token. Never fails:
 * characters that cannot appear in a unit become `invalid` tokens for the parser to report
 * in order. Whitespace separates tokens and is otherwise a product, which the parser handles.
 */
export function tokenizeUnit(text: string): UnitToken[] {
  const [nameRe, numberRe, signedIntRe, tenPowerRe, superscriptRe, parenExponentRe] = [NAME, NUMBER, SIGNED_INT, TEN_POWER, SUPERSCRIPT, PAREN_EXPONENT].map(
    (source) => new RegExp(source, "uy"),
  ) as [RegExp, RegExp, RegExp, RegExp, RegExp, RegExp];
  const tokens: UnitToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] ?? "";
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = match(nameRe, text, i)) !== null) {
      const start = i;
      const end = i + m[0].length;
      let exponent: AttachedExponent | undefined;
      let e: RegExpExecArray | null;
      if ((e = match(signedIntRe, text, end)) !== null) exponent = { value: Number(e[0]), start: end, end: end + e[0].length };
      else if ((e = match(superscriptRe, text, end)) !== null) exponent = { value: superscriptValue(e[0]), start: end, end: end + e[0].length };
      else if ((e = match(parenExponentRe, text, end)) !== null) {
        const value = e[2] === undefined ? Number(e[1]) : Number(e[1]) / Number(e[2]);
        exponent = { value, start: end, end: end + e[0].length };
      }
      tokens.push({ kind: "name", text: m[0], start, end, exponent });
      i = exponent?.end ?? end;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    if (previous === undefined && (m = match(tenPowerRe, text, i)) !== null) {
      // FITS writes `10-17` for 10⁻¹⁷; only as the very first thing, where `10 - 17` cannot mean anything else.
      tokens.push({ kind: "tenPower", text: m[0], start: i, end: i + m[0].length, exponent: Number(m[1]) });
      i += m[0].length;
      continue;
    }
    if ((m = match(numberRe, text, i)) !== null) {
      tokens.push({ kind: "number", text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if ((m = match(superscriptRe, text, i)) !== null) {
      tokens.push({ kind: "superscript", text: m[0], start: i, end: i + m[0].length, exponent: superscriptValue(m[0]) });
      i += m[0].length;
      continue;
    }
    if (text.startsWith("**", i)) {
      tokens.push({ kind: "power", text: "**", start: i, end: i + 2 });
      i += 2;
      continue;
    }
    const kind =
      ch === "^"
        ? "power"
        : ch === "*" || ch === "." || ch === "\u00b7"
          ? "times"
          : ch === "/"
            ? "divide"
            : ch === "("
              ? "open"
              : ch === ")"
                ? "close"
                : ch === "+" || ch === "-"
                  ? "sign"
                  : "invalid";
    // One code point, so an astral character is reported whole.
    const cp = String.fromCodePoint(text.codePointAt(i) ?? 0);
    tokens.push({ kind, text: cp, start: i, end: i + cp.length });
    i += cp.length;
  }
  tokens.push({ kind: "end", text: "", start: n, end: n });
  return tokens;
}
