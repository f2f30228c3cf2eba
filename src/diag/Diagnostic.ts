import type { Span } from "../util/Span.js";

/** How serious a diagnostic is; `error` stops the driver before the next phase. */
export type Severity = "error" | "warning" | "note";

/** A place in a source file with a short text shown under the code frame. */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

/**
 * A problem found by any phase, as data (rendering is separate). `code` is stable
 * (`DF` + 4 digits, see `codes.ts`); `message` makes sense alone; `primary` is where it
 * is; `secondary` points at other places involved; `suggestions` holds at most four
 * "did you mean" names.
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly primary?: Label;
  readonly secondary?: readonly Label[];
  readonly notes?: readonly string[];
  readonly help?: string;
  readonly suggestions?: readonly string[];
}

/** The result of every phase: a value (possibly partial) and what was found on the way. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Counts diagnostics by severity. */
export function countBySeverity(diags: readonly Diagnostic[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const d of diags) out[d.severity]++;
  return out;
}

/** Sorts diagnostics by file, then position, then code: the order every renderer uses. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => {
    const fa = a.primary?.span.file ?? -1;
    const fb = b.primary?.span.file ?? -1;
    if (fa !== fb) return fa - fb;
    const sa = a.primary?.span.start ?? -1;
    const sb = b.primary?.span.start ?? -1;
    if (sa !== sb) return sa - sb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
