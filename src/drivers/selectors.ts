import type { Diagnostic } from "../diag/Diagnostic.js";
import type { SourceMap } from "../diag/SourceMap.js";
import { parseSelector, type Selector } from "../syntax/index.js";

/** Parses `--only` (or `--tasks`) selectors, each as its own source named after the flag, so diagnostics point into it. */
export function parseSelectors(sources: SourceMap, texts: readonly string[], flag = "--only"): { value: Selector[]; diagnostics: Diagnostic[] } {
  const value: Selector[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const text of texts) {
    const r = parseSelector(sources.add(flag, text));
    diagnostics.push(...r.diagnostics);
    if (r.value !== undefined) value.push(r.value);
  }
  return { value, diagnostics };
}
