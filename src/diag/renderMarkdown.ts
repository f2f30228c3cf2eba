import { countBySeverity, type Diagnostic } from "./Diagnostic.js";
import type { RenderOptions } from "./render.js";
import { jsonDiagnostics } from "./renderSarif.js";

/** Escapes text for one cell of a GitHub-flavoured markdown table: pipes, and line breaks as `<br>`. */
function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/**
 * The diagnostics as a markdown report for a pull-request comment or a job summary: a count line,
 * then a table of severity, code, place (`file:line:column`) and message, with the help, the
 * "did you mean" names and the notes under the message. Nothing to report is one line.
 */
export function renderMarkdown(diags: readonly Diagnostic[], opts: RenderOptions): string {
  const json = jsonDiagnostics(diags, opts);
  if (json.length === 0) return "**dflow**: no problems\n";
  const n = countBySeverity(diags);
  const counts = (["error", "warning", "note"] as const).filter((s) => n[s] > 0).map((s) => `${n[s]} ${s}${n[s] === 1 ? "" : "s"}`);
  const lines = [`**dflow**: ${counts.join(", ")}`, "", "| severity | code | where | message |", "|----------|------|-------|---------|"];
  for (const d of json) {
    const p = d.primary;
    const where = p?.file !== undefined ? `${p.file}:${p.line}:${p.column}` : "";
    const extra = [
      ...(d.suggestions !== undefined ? [`Did you mean ${d.suggestions.map((s) => "`" + s + "`").join(", ")}?`] : []),
      ...(d.help !== undefined ? [`help: ${d.help}`] : []),
      ...(d.notes ?? []).map((x) => `note: ${x}`),
    ];
    lines.push(`| ${d.severity} | ${d.code} | ${cell(where === "" ? "" : "`" + where + "`")} | ${cell([d.message, ...extra].join("\n"))} |`);
  }
  return lines.join("\n") + "\n";
}
