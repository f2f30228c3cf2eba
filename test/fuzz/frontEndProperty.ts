/**
 * The front end's robustness property, shared by the test suite (a few thousand cases) and
 * `bench/fuzz.ts` (100,000 cases): for any input, the library entry of `dflow check` never
 * throws and reports no internal error, finishes in under 2 s, and every problem is a
 * catalogued diagnostic whose span lies inside the file. A file that parses cleanly also goes
 * through the checker (without a kernel index) under the same rules, round-trips through the
 * printer (same AST) and prints idempotently.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { checkProgram } from "../../src/check/index.js";
import { compileText } from "../../src/compile.js";
import { lookupCode, SourceMap } from "../../src/diag/index.js";
import { printProgram } from "../../src/syntax/index.js";

// Tests and benchmarks run from the repository root.
const kitchen = readFileSync("test/fixtures/kitchen-sink.dflow", "utf8");

// prettier-ignore
const TOKENS = [
  "pipeline", "import", "param", "profile", "grid", "relation", "product", "stage", "where", "in", "out", "for",
  "kernel", "and", "or", "not", "true", "false", "besteffort", "as", "default", "key", "nested", "ring", "within",
  "fanout", "at", "pack", "status", "label", "per", "done", "ready", "refactoring", "x", "exposure", "camera",
  "healpix", "frame", "Frame", "é", "κάμερα", "0", "9", "64", "1e-17", "0.8", "10min", "4GB", "erg/s", "\"s\"",
  "\"a/{x}.fits\"", "\"{x.y:08d}\"", "\"unterminated", "->", "..", ".", "==", "!=", "<=", ">=", "<", ">", "=", "**",
  "*", "/", "%", "+", "-", "(", ")", "[", "]", "{", "}", ",", ":", "# comment", "\n", "\r\n", "\t", " ", "\uFEFF",
  ";", "@", "$", "\\", "\u0000",
];

/** Random sequences of the language's tokens and near-tokens. */
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((ts) => ts.join(" "));

/** The kitchen-sink file with random edits: deletions, insertions, duplications. */
const mutated = fc
  .array(
    fc.record({
      at: fc.nat({ max: kitchen.length }),
      len: fc.nat({ max: 40 }),
      op: fc.constantFrom("delete", "insert", "duplicate", "replace"),
      text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((edits) => {
    let s = kitchen;
    for (const e of edits) {
      const at = Math.min(e.at, s.length);
      if (e.op === "delete") s = s.slice(0, at) + s.slice(at + e.len);
      else if (e.op === "insert") s = s.slice(0, at) + e.text + s.slice(at);
      else if (e.op === "duplicate") s = s.slice(0, at) + s.slice(at, at + e.len) + s.slice(at);
      else s = s.slice(0, at) + e.text + s.slice(at + e.len);
    }
    return s;
  });

/** Arbitrary text, arbitrary Unicode, token soup and mutated real files. */
export const frontEndInput: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 100 }), weight: 1 },
  { arbitrary: tokenSoup, weight: 3 },
  { arbitrary: tokenSoup.map((s) => "pipeline p\n" + s), weight: 3 },
  { arbitrary: mutated, weight: 4 },
);

const strip = (ast: unknown): string => JSON.stringify(ast, (k, v: unknown) => (k === "loc" || k === "unitLoc" || k === "wordLoc" ? undefined : v));

/** Checks the property on one input; throws (with the reason) when it does not hold. */
export function checkFrontEnd(text: string): void {
  const t0 = performance.now();
  const sources = new SourceMap();
  const r = compileText(sources, "fuzz.dflow", text);
  const ms = performance.now() - t0;
  if (ms > 2000) throw new Error(`took ${ms.toFixed(0)} ms`);
  for (const d of r.diagnostics) {
    if (d.code.startsWith("DF9")) throw new Error(`internal error: ${d.message}\n${d.notes?.join("\n") ?? ""}`);
    if (lookupCode(d.code) === undefined) throw new Error(`uncatalogued code ${d.code}`);
    if (d.message.trim() === "") throw new Error(`empty message for ${d.code}`);
    const s = d.primary?.span;
    if (s === undefined) throw new Error(`${d.code} has no place`);
    if (!(s.start >= 0 && s.start <= s.end && s.end <= text.length)) throw new Error(`${d.code} span ${s.start}..${s.end} outside 0..${text.length}`);
  }
  if (r.value !== undefined && r.diagnostics.length === 0) {
    const checked = checkProgram(r.value.parsed.ast, undefined, sources);
    for (const d of checked.diagnostics) {
      if (lookupCode(d.code) === undefined) throw new Error(`uncatalogued code ${d.code}`);
      const s = d.primary?.span;
      if (s === undefined || s.file !== r.value.file.id || !(s.start >= 0 && s.start <= s.end && s.end <= text.length))
        throw new Error(`${d.code} (${d.message}) has a bad span`);
    }
    if (performance.now() - t0 > 2000) throw new Error(`took ${(performance.now() - t0).toFixed(0)} ms with the checker`);
    const printed = printProgram(r.value.parsed, text);
    const again = compileText(new SourceMap(), "printed.dflow", printed);
    if (again.diagnostics.length > 0) throw new Error(`printed text does not parse: ${again.diagnostics[0]!.message}\n${printed}`);
    if (strip(again.value!.parsed.ast) !== strip(r.value.parsed.ast)) throw new Error(`printing changed the AST:\n${printed}`);
    if (printProgram(again.value!.parsed, printed) !== printed) throw new Error(`printing is not idempotent:\n${printed}`);
  }
}
