import { Option } from "commander";
import { countBySeverity, type Diagnostic } from "../diag/Diagnostic.js";
import { renderDiagnostics, type DiagnosticFormat, type RenderOptions } from "../diag/render.js";
import { renderMarkdown } from "../diag/renderMarkdown.js";
import { renderSarif } from "../diag/renderSarif.js";
import type { CommandResult } from "./CliCommand.js";
import type { CliIo } from "./io.js";

/**
 * How a command prints its problems: `text` (code frames) and `short` (one line each) are for
 * people; `json`, `github` (workflow annotations), `sarif` (SARIF 2.1.0) and `markdown` (a table
 * for a pull request or job summary) are data.
 */
export type ReportFormat = DiagnosticFormat | "sarif" | "markdown";

const FORMATS: readonly ReportFormat[] = ["text", "short", "json", "github", "sarif", "markdown"];

/** Formats that print a whole document even when there is nothing to report (`[]`, an empty log, "no problems"). */
const DOCUMENTS: ReadonlySet<string> = new Set(["json", "sarif", "markdown"]);

/** Whether a format is read by programs: then the report is the command's data and goes to stdout. */
export function isDataFormat(format: string): boolean {
  return format !== "text" && format !== "short";
}

/** The `--format` option of a command whose only output is its report of problems. */
export function formatOption(
  choices: readonly string[] = FORMATS,
  description = "how problems are printed: text and short on stderr; json, github (annotations), sarif and markdown on stdout",
): Option {
  return new Option("--format <format>", description).choices(choices).default("text");
}

/** Colours in rich text: on a terminal, unless NO_COLOR or CI is set. */
export function useColor(io: CliIo): boolean {
  return io.isTTY && io.env["NO_COLOR"] === undefined && io.env["CI"] === undefined;
}

/** Renders diagnostics in any report format. */
export function renderReport(diags: readonly Diagnostic[], format: ReportFormat, opts: RenderOptions): string {
  if (format === "sarif") return renderSarif(diags, opts);
  if (format === "markdown") return renderMarkdown(diags, opts);
  return renderDiagnostics(diags, format, opts);
}

/**
 * Prints a command's diagnostics. Text forms go to stderr when there is something to say. Data
 * forms go to stdout (json, sarif and markdown even when empty), unless the command prints its
 * own data on stdout (a plan, a table): then they go to stderr so that stdout stays one document.
 */
export function report(io: CliIo, r: Pick<CommandResult, "sources" | "diagnostics">, format: string, opts: { readonly dataOnStdout?: boolean } = {}): void {
  const f: ReportFormat = (FORMATS as readonly string[]).includes(format) ? (format as ReportFormat) : "text";
  const data = isDataFormat(f);
  const toStdout = data && opts.dataOnStdout !== true;
  if (r.diagnostics.length === 0 && !(toStdout && DOCUMENTS.has(f))) return;
  const text = renderReport(r.diagnostics, f, { sources: r.sources, cwd: io.cwd, color: !data && useColor(io) });
  if (toStdout) io.stdout(text);
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
