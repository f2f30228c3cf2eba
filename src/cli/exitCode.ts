import type { Diagnostic, Severity } from "../diag/Diagnostic.js";

/** What a command ended with, as far as the exit code is concerned. */
export interface Outcome {
  readonly diagnostics: readonly Diagnostic[];
  /** A command-specific failure that is not a diagnostic (`fmt --check` found unformatted files). */
  readonly failed?: boolean;
  readonly usageError?: boolean;
}

/**
 * The exit code as a pure function: 3 for an internal error (DF9xxx), 2 for a usage error,
 * 1 when a diagnostic is at or above `failOn` (default `error`) or the command failed, else 0.
 */
export function exitCode(o: Outcome, failOn: Severity = "error"): 0 | 1 | 2 | 3 {
  if (o.diagnostics.some((d) => d.code.startsWith("DF9"))) return 3;
  if (o.usageError === true || o.diagnostics.some((d) => d.code === "DF5001")) return 2;
  const rank: Record<Severity, number> = { note: 0, warning: 1, error: 2 };
  if (o.failed === true || o.diagnostics.some((d) => rank[d.severity] >= rank[failOn])) return 1;
  return 0;
}
