import { editDistance, invariant, suggest } from "../util/index.js";
import { lookupUnitName, unitSpellings } from "./lookupUnitName.js";
import { makeUnit } from "./makeUnit.js";
import { decimalScale, makeScale, multiplyScales, powerScale, SCALE_ONE, scaleInRange, scaleToNumber, type Scale } from "./Scale.js";
import { snapPower } from "./snapPower.js";
import { tokenizeUnit, type UnitToken } from "./tokenizeUnit.js";
import type { Unit } from "./Unit.js";

/** What `parseUnit` returns: the unit, or why the text is not one and where. */
export type ParseUnitResult =
  | { readonly ok: true; readonly unit: Unit }
  | {
      readonly ok: false;
      /** One sentence that makes sense alone: what is wrong, naming what was found. */
      readonly message: string;
      /** Where the problem is, as a UTF-16 offset into the text. */
      readonly offset: number;
      /** How many characters the problem spans (0 at the end of the text). */
      readonly length: number;
      /** Known units close to an unknown one (`Angstrom` for `Angstorm`), closest first, at most four. */
      readonly suggestions: string[];
    };

/** Powers beyond this are certainly typos; bounding them keeps exact scales small. */
const MAX_POWER = 1000;

/** A unit being built: exact numeric factor and canonical symbol → power. */
interface UnitParts {
  readonly factor: Scale;
  readonly terms: ReadonlyMap<string, number>;
}

const IDENTITY: UnitParts = { factor: SCALE_ONE, terms: new Map() };

interface Failure {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  readonly suggestions: string[];
}

/** Raised inside this file only, to unwind the recursive descent; `parseUnit` turns it into a result. */
class UnitSyntaxError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

function fail(message: string, at: { start: number; end: number }, suggestions: string[] = []): never {
  throw new UnitSyntaxError({ message, offset: at.start, length: at.end - at.start, suggestions });
}

function found(token: UnitToken): string {
  return token.kind === "end" ? "the end" : `\`${token.text}\``;
}

function multiply(a: UnitParts, b: UnitParts, at: { start: number; end: number }): UnitParts {
  const terms = new Map(a.terms);
  for (const [symbol, p] of b.terms) {
    const q = snapPower((terms.get(symbol) ?? 0) + p);
    if (Math.abs(q) > MAX_POWER) fail(`The power of \`${symbol}\` here is ${q}; dflow accepts powers from -${MAX_POWER} to ${MAX_POWER}.`, at);
    if (q === 0) terms.delete(symbol);
    else terms.set(symbol, q);
  }
  const factor = multiplyScales(a.factor, b.factor);
  if (!scaleInRange(factor)) fail("The numeric factor of this unit is out of range.", at);
  return { factor, terms };
}

function power(a: UnitParts, p: number, at: { start: number; end: number }): UnitParts {
  const terms = new Map<string, number>();
  for (const [symbol, q] of a.terms) {
    const r = snapPower(q * p);
    if (Math.abs(r) > MAX_POWER) fail(`The power of \`${symbol}\` here is ${r}; dflow accepts powers from -${MAX_POWER} to ${MAX_POWER}.`, at);
    if (r !== 0) terms.set(symbol, r);
  }
  const factor = powerScale(a.factor, p);
  if (factor === undefined || !scaleInRange(factor)) fail("The numeric factor of this unit is out of range.", at);
  return { factor, terms };
}

/** Recursive descent over the tokens of one unit expression (grammar in `parseUnit`'s comment). */
function parser(tokens: readonly UnitToken[]) {
  let pos = 0;
  const peek = (): UnitToken => tokens[pos] ?? tokens[tokens.length - 1]!;
  const next = (): UnitToken => {
    const t = peek();
    if (pos < tokens.length - 1) pos++;
    return t;
  };
  const startsTerm = (t: UnitToken): boolean => t.kind === "name" || t.kind === "open" || t.kind === "number" || t.kind === "tenPower";

  // division = [ "/" ] product { "/" product }
  function division(numberFirst: boolean): UnitParts {
    let left: UnitParts;
    const first = peek();
    if (first.kind === "divide")
      left = IDENTITY; // `/s` is 1/s, as astropy reads it
    else left = product(numberFirst);
    while (peek().kind === "divide") {
      const slash = next();
      const t = peek();
      if (!startsTerm(t)) fail(`Expected a unit after \`/\`, found ${found(t)}.`, t);
      left = multiply(left, power(product(false), -1, slash), slash);
    }
    return left;
  }

  // product = factor { [ "*" | "." | "·" ] factor }
  function product(numberFirst: boolean): UnitParts {
    let left = factor(numberFirst);
    for (;;) {
      const t = peek();
      if (t.kind === "times") {
        next();
        const u = peek();
        if (!startsTerm(u)) fail(`Expected a unit after \`${t.text}\`, found ${found(u)}.`, u);
        left = multiply(left, factor(false), u);
      } else if (startsTerm(t)) {
        left = multiply(left, factor(false), t);
      } else {
        return left;
      }
    }
  }

  // factor = primary [ ( "**" | "^" ) exponent | superscript ]
  function factor(numberFirst: boolean): UnitParts {
    const start = peek();
    const base = primary(numberFirst);
    const t = peek();
    if (t.kind === "power") {
      next();
      const p = exponent(t);
      const after = peek();
      if (after.kind === "power" || after.kind === "superscript") fail(`Only one exponent can follow a unit; add parentheses, as in \`(m**2)**3\`.`, after);
      return power(base, p, { start: start.start, end: after.start });
    }
    if (t.kind === "superscript") {
      next();
      return power(base, checkPower(t.exponent, t), t);
    }
    return base;
  }

  // exponent = [ "+" | "-" ] number | "(" [ "+" | "-" ] number [ "/" [ "+" | "-" ] number ] ")"
  function exponent(op: UnitToken): number {
    const t = peek();
    if (t.kind === "open") {
      next();
      const n = signedNumber(op);
      let value = n;
      if (peek().kind === "divide") {
        next();
        const d = signedNumber(op);
        if (d === 0) fail("The exponent divides by zero.", { start: t.start, end: peek().end });
        value = n / d;
      }
      const close = peek();
      if (close.kind !== "close") fail(`Expected \`)\` to close the exponent, found ${found(close)}.`, close);
      next();
      return checkPower(value, { start: t.start, end: close.end });
    }
    return checkPower(signedNumber(op), { start: t.start, end: peek().start });
  }

  function signedNumber(op: UnitToken): number {
    let sign = 1;
    const t = peek();
    if (t.kind === "sign") {
      next();
      if (t.text === "-") sign = -1;
    }
    const n = peek();
    if (n.kind !== "number") fail(`Expected an exponent after \`${op.text}\`, found ${found(n)}.`, n);
    next();
    return sign * Number(n.text);
  }

  function checkPower(p: number, at: { start: number; end: number }): number {
    if (!Number.isFinite(p) || Math.abs(p) > MAX_POWER)
      fail(`The exponent ${p} is out of range; dflow accepts exponents from -${MAX_POWER} to ${MAX_POWER}.`, at);
    return snapPower(p);
  }

  // primary = name [ exponent attached ] | "(" division ")" | number | tenPower
  function primary(numberFirst: boolean): UnitParts {
    const t = next();
    switch (t.kind) {
      case "name": {
        let base: UnitParts;
        if (t.text === "dimensionless") base = IDENTITY;
        else {
          const resolved = lookupUnitName(t.text);
          if (resolved === undefined) {
            const seen = new Set<string>();
            const suggestions = suggest(t.text, unitSpellings(), 16).filter((s) => {
              // Unit symbols are short and prefixes make many of them start alike, so only
              // near-misses by spelling count (`nA` is no suggestion for `nanomagy`).
              if (s.toLowerCase() !== t.text.toLowerCase() && editDistance(s, t.text) > Math.max(1, Math.floor(Math.max(s.length, t.text.length) / 3)))
                return false;
              const symbol = lookupUnitName(s)?.symbol ?? s;
              if (seen.has(symbol)) return false;
              seen.add(symbol);
              return true;
            });
            fail(`Unknown unit \`${t.text}\`.`, t, suggestions.slice(0, 4));
          }
          base = { factor: SCALE_ONE, terms: new Map([[resolved.symbol, 1]]) };
        }
        return t.exponent === undefined ? base : power(base, checkPower(t.exponent.value, t.exponent), t);
      }
      case "open": {
        const inner = peek();
        if (inner.kind === "close") fail("Expected a unit inside the parentheses, found `)`.", inner);
        const body = division(true);
        const close = peek();
        if (close.kind === "end") fail("This `(` is never closed.", t);
        if (close.kind !== "close") fail(`Expected \`)\` or a unit, found ${found(close)}.`, close);
        next();
        return body;
      }
      case "number":
      case "tenPower": {
        if (!numberFirst) fail(`A numeric factor can only come first, as in \`1e-17 erg/s\`; found ${found(t)} after a unit.`, t);
        const value = t.kind === "tenPower" ? makeScale(1n, 1n, t.exponent) : decimalScale(t.text);
        if (value === undefined) fail(`The numeric factor ${t.text} is zero; a unit's factor must be positive.`, t);
        return { factor: value, terms: new Map() };
      }
      case "end":
        return fail("Expected a unit, found the end.", t);
      case "invalid":
        return fail(`\`${t.text}\` cannot appear in a unit.`, t);
      default:
        return fail(`Expected a unit, found ${found(t)}.`, t);
    }
  }

  function whole(): UnitParts {
    if (peek().kind === "end") return IDENTITY;
    const result = division(true);
    const t = peek();
    if (t.kind === "close") fail("This `)` has no matching `(`.", t);
    if (t.kind === "invalid") fail(`\`${t.text}\` cannot appear in a unit.`, t);
    if (t.kind !== "end") fail(`Expected a unit, \`*\`, \`/\` or the end, found ${found(t)}.`, t);
    return result;
  }

  return { whole };
}

/**
 * Parses a unit as astropy's generic and FITS formats accept it in practice, and never throws.
 *
 * ```
 * unit     = "" | '""' | division
 * division = [ "/" ] product { "/" product }        (left-associative: erg/s/cm2 = erg s-1 cm-2)
 * product  = factor { [ "*" | "." | "·" ] factor }  (binds tighter than "/": erg/s cm2 = erg/(s cm2))
 * factor   = primary [ ("**" | "^") exponent | superscript ]
 * primary  = name [ attached exponent ] | "(" division ")" | number
 * ```
 *
 * Attached exponents: `cm2`, `s-1`, `cm²`, `m(1/2)`; with an operator: `cm^2`, `cm**2`, `s^-1`,
 * `m**(1/2)`. A number may only come first, in the whole or in parentheses: `10**-17`, `10^-17`,
 * `10-17`, `1e-17`, `10**+17`, `(1e-17 erg/s/cm2/Angstrom)**-2`. `dimensionless`, `""` and the
 * empty text are dimensionless. Unknown names come back with suggestions.
 */
export function parseUnit(text: string): ParseUnitResult {
  if (text.trim() === '""') {
    const one = makeUnit(1, []);
    invariant(one !== undefined, "the dimensionless unit is always in range");
    return { ok: true, unit: one };
  }
  try {
    const partial = parser(tokenizeUnit(text)).whole();
    const factor = scaleToNumber(partial.factor);
    const unit = Number.isFinite(factor) && factor > 0 ? makeUnit(factor, partial.terms) : undefined;
    if (unit === undefined) return { ok: false, message: "The scale of this unit is out of range.", offset: 0, length: text.length, suggestions: [] };
    return { ok: true, unit };
  } catch (e) {
    if (e instanceof UnitSyntaxError) return { ok: false, ...e.failure };
    throw e;
  }
}
