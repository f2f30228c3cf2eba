/** Helpers for syntax tests: parse a text, strip spans, render diagnostics compactly. */
import { SourceMap } from "../../src/diag/SourceMap.js";
import type { Diagnostic } from "../../src/diag/Diagnostic.js";
import { parseDflow, printProgram, type ParsedFile } from "../../src/syntax/index.js";
import { lineColOf } from "../../src/util/SourceFile.js";

/** Parses `text` as file `path`; returns the parse and a compact view of its diagnostics. */
export function parseText(
  text: string,
  path = "test.dflow",
): { parsed: ParsedFile; diagnostics: readonly Diagnostic[]; sources: SourceMap; compact: { code: string; message: string; at: string }[] } {
  const sources = new SourceMap();
  const file = sources.add(path, text);
  const r = parseDflow(file);
  const compact = r.diagnostics.map((d) => {
    const lc = d.primary ? lineColOf(file, d.primary.span.start) : { line: 0, column: 0 };
    return { code: d.code, message: d.message, at: `${lc.line}:${lc.column}` };
  });
  return { parsed: r.value, diagnostics: r.diagnostics, sources, compact };
}

/** The AST without spans, for structural comparison. */
export function stripSpans(ast: unknown): unknown {
  return JSON.parse(JSON.stringify(ast, (k, v: unknown) => (k === "loc" || k === "unitLoc" || k === "wordLoc" ? undefined : v)));
}

/** Formats `text` (which must parse cleanly). */
export function format(text: string): string {
  const { parsed, diagnostics } = parseText(text);
  if (diagnostics.length > 0) throw new Error("cannot format a file with errors: " + JSON.stringify(diagnostics));
  return printProgram(parsed, text);
}

/** Removes a common indentation and the first newline from a template literal. */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
