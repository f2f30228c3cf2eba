/** Helpers for check-rule tests: run one rule (or all) on a pipeline text and get compact diagnostics. */
import { expect } from "vitest";
import { CHECK_RULES, checkProgram, type CheckRule } from "../../src/check/index.js";
import { SourceMap } from "../../src/diag/SourceMap.js";
import type { KernelIndex } from "../../src/kernels/types.js";
import { parseDflow } from "../../src/syntax/index.js";
import { lineColOf } from "../../src/util/SourceFile.js";

/** A diagnostic as rule tests assert it: code, message, `line:col`, and secondary labels as `message@line:col`. */
export interface Expected {
  readonly code: string;
  readonly message: string;
  readonly at: string;
  readonly secondary?: readonly string[];
}

/** Runs `rules` (default: all) on `text`; the text must parse cleanly. */
export function runRules(text: string, rules: readonly CheckRule[] = CHECK_RULES, index?: KernelIndex): Expected[] {
  const sources = new SourceMap();
  const file = sources.add("test.dflow", text);
  const parsed = parseDflow(file);
  expect(parsed.diagnostics.map((d) => d.message)).toEqual([]);
  const r = checkProgram(parsed.value.ast, index, sources, rules);
  const at = (span: { file: number; start: number }): string => {
    const f = sources.get(span.file)!;
    const lc = lineColOf(f, span.start);
    return f.id === file.id ? `${lc.line}:${lc.column}` : `${f.path.split("/").pop()}:${lc.line}:${lc.column}`;
  };
  return r.diagnostics.map((d) => {
    const e: { code: string; message: string; at: string; secondary?: string[] } = {
      code: d.code,
      message: d.message,
      at: d.primary ? at(d.primary.span) : "",
    };
    if (d.secondary !== undefined && d.secondary.length > 0) e.secondary = d.secondary.map((s) => `${s.message}@${at(s.span)}`);
    return e;
  });
}

/** Asserts that `rule` reports exactly `expected` on `text` (an empty list for valid cases). */
export function expectDiagnostics(rule: CheckRule, text: string, expected: readonly Partial<Expected>[], index?: KernelIndex): void {
  const got = runRules(text, [rule], index);
  expect(got).toHaveLength(expected.length);
  got.forEach((g, i) => expect(g).toMatchObject(expected[i]!));
}
