import { Option } from "commander";
import { countBySeverity } from "../diag/Diagnostic.js";
import { renderDiagnostics, type DiagnosticFormat } from "../diag/render.js";
import type { CommandResult } from "./CliCommand.js";
import type { CliIo } from "./io.js";

/** How a command prints its problems: `text` (code frames) and `short` are for people, `json` and `github` are data. */
export type ReportFormat = DiagnosticFormat;

const FORMATS: readonly ReportFormat[] = ["text", "short", "json", "github"];

/** Whether a format is read by programs: then the report is the command's data and goes to stdout. */
export function isDataFormat(format: string): boolean {
  return format !== "text" && format !== "short";
}

/** The `--format` option of a command whose only output is its report of problems. */
export function formatOption(
  choices: readonly string[] = FORMATS,
  description = "how problems are printed: text and short on stderr; json and github (annotations) on stdout",
): Option {
  return new Option("--format <format>", description).choices(choices).default("text");
}

/** Colours in rich text: on a terminal, unless NO_COLOR or CI is set. */
export function useColor(io: CliIo): boolean {
  return io.isTTY && io.env["NO_COLOR"] === undefined && io.env["CI"] === undefined;
}

/**
 * Prints a command's diagnostics. Text forms go to stderr when there is something to say. Data
 * forms (json, github) go to stdout, json even when empty (`[]`), unless the command prints its
 * own data on stdout (a plan, a table): then they go to stderr so that stdout stays one document.
 */
export function report(io: CliIo, r: Pick<CommandResult, "sources" | "diagnostics">, format: string, opts: { readonly dataOnStdout?: boolean } = {}): void {
  const f: ReportFormat = (FORMATS as readonly string[]).includes(format) ? (format as ReportFormat) : "text";
  const data = isDataFormat(f);
  if (r.diagnostics.length === 0 && !(f === "json" && opts.dataOnStdout !== true)) return;
  const text = renderDiagnostics(r.diagnostics, f, { sources: r.sources, cwd: io.cwd, color: !data && useColor(io) });
  if (data && opts.dataOnStdout !== true) io.stdout(text);
  else io.stderr(text);
}

/** `2 errors, 1 warning in 3 files` (text forms only), on stderr. */
export function summarize(io: CliIo, r: Pick<CommandResult, "diagnostics">, files: number, format: string): void {
  if (isDataFormat(format)) return;
  const n = countBySeverity(r.diagnostics);
  const parts: string[] = [];
  if (n.error > 0) parts.push(`${n.error} error${n.error === 1 ? "" : "s"}`);
  if (n.warning > 0) parts.push(`${n.warning} warning${n.warning === 1 ? "" : "s"}`);
  io.stderr(`${parts.length > 0 ? parts.join(", ") : "no problems"} in ${files} file${files === 1 ? "" : "s"}\n`);
}
