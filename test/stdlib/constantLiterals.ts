/**
 * Finds numeric literals that spell a known physical constant, so that a test can keep each
 * constant defined once (in `stdlib/constants`).
 */
import ts from "typescript";
import { walk, where } from "./sources.js";

/** A physical constant by its significant digits, as CODATA 2018 or the IAU give them. */
export interface KnownConstant {
  readonly name: string;
  /** The exact significant digits of its defining value, without sign, point or exponent. */
  readonly digits: string;
}

/**
 * The constants looked for. Not physical constants, so not here: π-based conversions (degrees,
 * arcseconds), powers of ten (Å, erg), and conventions such as the 10⁻¹⁷ flux unit.
 */
export const KNOWN_CONSTANTS: readonly KnownConstant[] = [
  { name: "speed of light", digits: "299792458" },
  { name: "Planck constant", digits: "662607015" },
  { name: "Boltzmann constant", digits: "1380649" },
  { name: "second radiation constant hc/k", digits: "1438776877" },
  { name: "elementary charge", digits: "1602176634" },
  { name: "Avogadro constant", digits: "602214076" },
  { name: "Stefan-Boltzmann constant", digits: "5670374419" },
  { name: "Newtonian constant of gravitation", digits: "66743" },
  { name: "astronomical unit", digits: "1495978707" },
  { name: "parsec", digits: "3085677581" },
  { name: "Earth's equatorial radius (IAU 1976)", digits: "637814" },
  { name: "AB zero point (3631 Jy)", digits: "3631" },
];

/** Shortest spelling that counts: five significant digits, or all of a shorter constant's. */
const MIN_DIGITS = 5;

/** The significant digits of a numeric literal's text: `299_792.458` and `2.99792458e5` both give `299792458`. */
export function significantDigits(literal: string): string {
  const mantissa = literal.replace(/_/g, "").toLowerCase().split("e")[0] ?? "";
  return mantissa.replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
}

/** `digits` rounded to `n` significant digits (half up), trailing zeros dropped. */
function roundDigits(digits: string, n: number): string {
  if (n >= digits.length) return digits.replace(/0+$/, "");
  let head = BigInt(digits.slice(0, n));
  if (Number(digits[n]) >= 5) head += 1n;
  return head.toString().slice(0, n).replace(/0+$/, "");
}

/**
 * The constant a literal spells, if any: its significant digits are the constant's, or the
 * constant's rounded (or cut) to at least {@link MIN_DIGITS} of them.
 */
export function constantOfLiteral(literal: string): KnownConstant | undefined {
  if (/^0[box]/i.test(literal)) return undefined;
  const d = significantDigits(literal);
  for (const c of KNOWN_CONSTANTS) {
    if (d === c.digits.replace(/0+$/, "")) return c;
    if (d.length >= MIN_DIGITS && d.length < c.digits.length && (d === roundDigits(c.digits, d.length) || d === c.digits.slice(0, d.length).replace(/0+$/, "")))
      return c;
  }
  return undefined;
}

/** A literal spelling a known constant, where it is. */
export interface ConstantLiteral {
  readonly at: string;
  readonly text: string;
  readonly constant: string;
}

/** The numeric literals of `file` that spell a known constant (comments and strings are not code, so not looked at). */
export function constantLiterals(file: ts.SourceFile): ConstantLiteral[] {
  const out: ConstantLiteral[] = [];
  walk(file, (n) => {
    if (!ts.isNumericLiteral(n)) return;
    const text = n.getText(file);
    const c = constantOfLiteral(text);
    if (c !== undefined) out.push({ at: where(file, n), text, constant: c.name });
  });
  return out;
}
