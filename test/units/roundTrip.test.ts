import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatUnit, parseUnit, sameUnit, unitSpellings } from "../../src/units/index.js";

const RUNS = Number(process.env["DFLOW_FUZZ_RUNS"] ?? 3000);
const SEED = 20261126;

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const superscript = (n: number): string => (n < 0 ? "⁻" : "") + [...String(Math.abs(n))].map((d) => SUPERSCRIPT[Number(d)]).join("");

/** A non-zero integer power, and the ways of writing it after a name. */
const smallPower = fc.integer({ min: -3, max: 3 }).filter((n) => n !== 0);
const namePower = fc.oneof(
  fc.constant(""),
  smallPower.map((n) => String(n)),
  smallPower.map((n) => `^${n}`),
  smallPower.map((n) => `**${n}`),
  smallPower.map((n) => `**(${n})`),
  smallPower.map((n) => `^${n > 0 ? "+" : ""}${n}`),
  smallPower.map(superscript),
  fc.constantFrom("^(1/2)", "**(-1/2)", "(1/3)", "**0.5", "^(-2/3)"),
);
const groupPower = fc.oneof(
  fc.constant(""),
  smallPower.map((n) => `**${n}`),
  smallPower.map((n) => `^(${n})`),
  smallPower.map(superscript),
);
const leadingFactor = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constantFrom("10**-17 ", "10^-3 ", "1e-17 ", "2.5 ", "10**+17 ", "1e3 ", ".5 ", "10⁻¹⁷ ", "3631 ") },
);
const separator = fc.constantFrom(" ", "*", " * ", ".", "·", "/", " / ");
const name = fc.constantFrom(...unitSpellings(), "µm", "μs", "Å", "dimensionless");

/** Well-formed unit expressions from the vocabulary, up to two levels of parentheses. */
function expression(depth: number): fc.Arbitrary<string> {
  const atom: fc.Arbitrary<string> =
    depth === 0
      ? fc.tuple(name, namePower).map(([n, p]) => n + p)
      : fc.oneof(
          { weight: 3, arbitrary: fc.tuple(name, namePower).map(([n, p]) => n + p) },
          { weight: 1, arbitrary: fc.tuple(expression(depth - 1), groupPower).map(([e, p]) => `(${e})${p}`) },
        );
  return fc
    .tuple(leadingFactor, atom, fc.array(fc.tuple(separator, atom), { maxLength: 3 }))
    .map(([f, first, rest]) => f + first + rest.map(([s, a]) => s + a).join(""));
}

const wellFormed = fc.oneof(expression(2), fc.constantFrom("", '""', "/s"));

/** Characters a unit may contain, and some it may not, for mutated and random input. */
const unitChar = fc.constantFrom(..."mskgAKJWHzcdeuµÅ0123456789+-*/.^() \t²⁻·\"'@_é😀");

describe("parseUnit on generated input", () => {
  it(`parses well-formed expressions, and their canonical text parses to the same unit (${RUNS} cases)`, () => {
    let parsed = 0;
    let total = 0;
    fc.assert(
      fc.property(wellFormed, (text) => {
        total++;
        const r = parseUnit(text);
        if (!r.ok) {
          // Deep products of extreme prefixes may leave the range of a double; nothing else may fail.
          expect(r.message, text).toMatch(/out of range/);
          return;
        }
        parsed++;
        const back = parseUnit(formatUnit(r.unit));
        expect(back.ok, `${text} → ${formatUnit(r.unit)}`).toBe(true);
        if (!back.ok) return;
        expect(back.unit, `${text} → ${formatUnit(r.unit)}`).toEqual(r.unit);
        expect(sameUnit(back.unit, r.unit)).toBe(true);
        expect(formatUnit(back.unit)).toBe(formatUnit(r.unit));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(parsed / total).toBeGreaterThan(0.95);
  });

  it(`never throws, and places every failure inside the text (${RUNS} cases each)`, () => {
    const check = (text: string): void => {
      const r = parseUnit(text);
      if (r.ok) return;
      expect(r.offset, text).toBeGreaterThanOrEqual(0);
      expect(r.offset + r.length, text).toBeLessThanOrEqual(text.length);
      expect(r.message, text).toMatch(/^\S.*\.$/u);
      expect(r.suggestions.length).toBeLessThanOrEqual(4);
    };
    fc.assert(fc.property(fc.string({ unit: unitChar, maxLength: 40 }), check), { numRuns: RUNS, seed: SEED });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 40 }), check), { numRuns: RUNS, seed: SEED });
    const mutated = fc.tuple(expression(2), fc.nat(), fc.nat({ max: 3 }), unitChar).map(([text, at, del, ins]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      return text.slice(0, i) + ins + text.slice(i + del);
    });
    fc.assert(fc.property(mutated, check), { numRuns: RUNS, seed: SEED });
  });
});
