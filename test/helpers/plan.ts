/** Helpers for planner tests: plan a pipeline text (checked without a kernel index) over an output root. */
import { expect } from "vitest";
import { bindProgram } from "../../src/bind/index.js";
import { checkProgram } from "../../src/check/index.js";
import { SourceMap, renderDiagnostics, type Diagnostic } from "../../src/diag/index.js";
import { planProgram, type Plan, type PlanOptions } from "../../src/plan/index.js";
import { parseDflow } from "../../src/syntax/index.js";

/** Plans `text`; the text must parse and check cleanly (kernel rules are silent without an index). */
export function planText(text: string, opts: PlanOptions): { plan: Plan | undefined; diagnostics: readonly Diagnostic[]; short: string } {
  const sources = new SourceMap();
  const file = sources.add("test.dflow", text);
  const parsed = parseDflow(file);
  expect(parsed.diagnostics).toEqual([]);
  const checked = checkProgram(parsed.value.ast, undefined, sources);
  expect(renderDiagnostics(checked.diagnostics, "short", { sources, cwd: "/" })).toBe("");
  const bound = bindProgram(checked.value);
  expect(renderDiagnostics(bound.diagnostics, "short", { sources, cwd: "/" })).toBe("");
  const r = planProgram(bound.value, opts);
  return { plan: r.value, diagnostics: r.diagnostics, short: renderDiagnostics(r.diagnostics, "short", { sources, cwd: "/" }) };
}
