/** Helpers for lint-rule tests: check, bind and plan a pipeline text, then run lint rules on it. */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { bindProgram } from "../../src/bind/index.js";
import { checkProgram } from "../../src/check/index.js";
import { SourceMap, renderDiagnostics, type Diagnostic } from "../../src/diag/index.js";
import { lintPipeline, type LintConfig, type LintRule } from "../../src/lint/index.js";
import { planProgram, type Site } from "../../src/plan/index.js";
import { parseDflow } from "../../src/syntax/index.js";
import { lineColOf } from "../../src/util/SourceFile.js";
import type { Expected } from "../helpers/check.js";

/** What a lint test may add: the profile planned, a site, a configuration. */
export interface LintTextOptions {
  readonly profile?: string;
  readonly site?: Site;
  readonly config?: LintConfig;
  /** Files written under the output root before planning (sources), by relative path. */
  readonly files?: Readonly<Record<string, string>>;
}

/** Lints `text` (which must check cleanly) with `rules`; diagnostics as rule tests assert them. */
export function lintText(text: string, rules: readonly LintRule[], opts: LintTextOptions = {}): { expected: Expected[]; diagnostics: Diagnostic[] } {
  const sources = new SourceMap();
  const file = sources.add("test.dflow", text);
  const parsed = parseDflow(file);
  expect(parsed.diagnostics.map((d) => d.message)).toEqual([]);
  const checked = checkProgram(parsed.value.ast, undefined, sources);
  expect(renderDiagnostics(checked.diagnostics, "short", { sources, cwd: "/" })).toBe("");
  const bound = bindProgram(checked.value);
  expect(renderDiagnostics(bound.diagnostics, "short", { sources, cwd: "/" })).toBe("");
  const out = mkdtempSync(path.join(os.tmpdir(), "dflow-lint-"));
  for (const [rel, body] of Object.entries(opts.files ?? {})) writeFileSync(path.join(out, rel), body);
  const planned = planProgram(bound.value, { out, ...(opts.profile !== undefined ? { profile: opts.profile } : {}) });
  expect(renderDiagnostics(planned.diagnostics, "short", { sources, cwd: "/" })).toBe("");
  const diagnostics = lintPipeline(bound.value, {
    source: { text, comments: parsed.value.comments },
    ...(planned.value !== undefined ? { plan: planned.value } : {}),
    ...(opts.site !== undefined ? { site: opts.site } : {}),
    ...(opts.config !== undefined ? { config: opts.config } : {}),
    rules,
  });
  const at = (span: { start: number }): string => {
    const lc = lineColOf(file, span.start);
    return `${lc.line}:${lc.column}`;
  };
  const expected = diagnostics.map((d) => {
    const e: { code: string; message: string; at: string; secondary?: string[] } = {
      code: d.code,
      message: d.message,
      at: d.primary ? at(d.primary.span) : "",
    };
    if (d.secondary !== undefined) e.secondary = d.secondary.map((s) => `${s.message}@${at(s.span)}`);
    return e;
  });
  return { expected, diagnostics };
}

/** Asserts that `rule` reports exactly `expected` on `text` (an empty list for valid cases). */
export function expectLint(rule: LintRule, text: string, expected: readonly Partial<Expected>[], opts: LintTextOptions = {}): void {
  const got = lintText(text, [rule], opts).expected;
  expect(got).toHaveLength(expected.length);
  got.forEach((g, i) => expect(g).toMatchObject(expected[i]!));
}
