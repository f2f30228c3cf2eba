/**
 * `dflow diff`'s report in each format. The changes are diagnostics (breaking = error, dangerous
 * = warning, safe = note) printed by the renderers every command uses; the stale partitions,
 * their cost and the orphaned outputs follow in the same format.
 */
import { countBySeverity, type Diagnostic } from "../diag/Diagnostic.js";
import { displayPath } from "../diag/SourceMap.js";
import { lineColOf } from "../util/SourceFile.js";
import { renderGithub, type RenderOptions } from "../diag/render.js";
import { renderMarkdown } from "../diag/renderMarkdown.js";
import { jsonDiagnostics } from "../diag/renderSarif.js";
import { renderDiagnostics } from "../diag/render.js";
import type { DiffResult, StaleStage } from "./diffPipelines.js";

/** The formats of `dflow diff`. */
export type DiffFormat = "text" | "json" | "github" | "markdown";

const int = (n: number): string => n.toLocaleString("en-US");
const hours = (h: number): string => h.toFixed(2);

/** `1 breaking, 2 dangerous, 3 safe`. */
function classes(r: DiffResult): string {
  const n = countBySeverity(r.changes);
  return `${n.error} breaking, ${n.warning} dangerous, ${n.note} safe`;
}

function totalLine(r: DiffResult): string {
  const stages = r.stages.filter((s) => s.stale > 0).length;
  return `${int(r.total.stale)} task${r.total.stale === 1 ? "" : "s"} stale in ${stages} stage${stages === 1 ? "" : "s"}: ${int(r.total.jobs)} job${r.total.jobs === 1 ? "" : "s"} to rerun, ${hours(r.total.coreHours)} core-h`;
}

const why = (s: StaleStage): string => s.reasons.map((x) => `${x.reason} (${int(x.tasks)})`).join("; ");

function renderText(r: DiffResult, opts: RenderOptions): string {
  const out: string[] = [];
  if (r.changes.length > 0) out.push(renderDiagnostics(r.changes, "text", opts));
  out.push(`diff ${r.base} → ${r.head}: ${classes(r)}`);
  out.push(totalLine(r));
  for (const s of r.stages) {
    if (s.deferred !== undefined) out.push(`  ${s.stage}: not planned yet (${s.deferred})`);
    if (s.stale === 0) continue;
    out.push(`  ${s.stage}: ${int(s.stale)} of ${int(s.tasks)} tasks, ${int(s.jobs)} jobs, ${hours(s.coreHours)} core-h`);
    out.push(`    why: ${why(s)}`);
    for (const x of s.ranges) out.push(`    ${x}`);
    if (s.moreRanges > 0) out.push(`    … and ${int(s.moreRanges)} more ranges`);
  }
  if (r.orphanCount > 0) {
    out.push(`${int(r.orphanCount)} orphaned output${r.orphanCount === 1 ? "" : "s"} under the output root (made by the base, not by the head):`);
    for (const o of r.orphans) out.push(`  ${o}`);
    if (r.orphanCount > r.orphans.length) out.push(`  … and ${int(r.orphanCount - r.orphans.length)} more`);
  }
  return out.join("\n") + "\n";
}

function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/**
 * The changes with their other places (the base's, the consumer's) written under the message:
 * the one-line forms (markdown, annotations) show only the primary place of a diagnostic.
 */
function withPlaces(changes: readonly Diagnostic[], opts: RenderOptions): Diagnostic[] {
  return changes.map((d) => {
    const places = (d.secondary ?? []).flatMap((l) => {
      const f = opts.sources.get(l.span.file);
      if (f === undefined) return [];
      const at = lineColOf(f, l.span.start);
      return [`${l.message}: ${displayPath(f.path, opts.cwd)}:${at.line}:${at.column}`];
    });
    return places.length > 0 ? { ...d, message: [d.message, ...places].join("\n") } : d;
  });
}

function renderMd(r: DiffResult, opts: RenderOptions): string {
  const out: string[] = [`### dflow diff \`${r.base}\` → \`${r.head}\``, "", `**${classes(r)}**; ${totalLine(r)}.`, ""];
  if (r.changes.length > 0) out.push(renderMarkdown(withPlaces(r.changes, opts), opts));
  const stale = r.stages.filter((s) => s.stale > 0 || s.deferred !== undefined);
  if (stale.length > 0) {
    out.push("| stage | stale tasks | jobs | core-h | why | partitions |", "|-------|------------:|-----:|-------:|-----|------------|");
    for (const s of stale) {
      const parts =
        s.deferred !== undefined
          ? `not planned yet: ${s.deferred}`
          : s.ranges.map((x) => "`" + x + "`").join("<br>") + (s.moreRanges > 0 ? `<br>… and ${int(s.moreRanges)} more` : "");
      out.push(`| ${s.stage} | ${int(s.stale)} of ${int(s.tasks)} | ${int(s.jobs)} | ${hours(s.coreHours)} | ${cell(why(s))} | ${cell(parts)} |`);
    }
    out.push("");
  }
  if (r.orphanCount > 0) {
    out.push(`<details><summary>${int(r.orphanCount)} orphaned outputs</summary>`, "", ...r.orphans.map((o) => `- \`${o}\``));
    if (r.orphanCount > r.orphans.length) out.push(`- … and ${int(r.orphanCount - r.orphans.length)} more`);
    out.push("", "</details>", "");
  }
  return out.join("\n");
}

function renderGh(r: DiffResult, opts: RenderOptions): string {
  const lines = r.changes.length > 0 ? renderDiagnostics(withPlaces(r.changes, opts), "github", opts) : "";
  const notes = [
    `${classes(r)}; ${totalLine(r)}`,
    ...r.stages.filter((s) => s.stale > 0).map((s) => `${s.stage}: ${int(s.stale)} stale (${why(s)}), ${int(s.jobs)} jobs, ${hours(s.coreHours)} core-h`),
  ];
  if (r.orphanCount > 0) notes.push(`${int(r.orphanCount)} orphaned outputs`);
  return lines + notes.map((m) => renderGithub({ severity: "note", code: "dflow diff", message: m }, opts) + "\n").join("");
}

function renderJson(r: DiffResult, opts: RenderOptions): string {
  const n = countBySeverity(r.changes);
  const doc = {
    base: r.base,
    head: r.head,
    breaking: n.error,
    dangerous: n.warning,
    safe: n.note,
    changes: jsonDiagnostics(r.changes, opts),
    stale: { total: r.total, stages: r.stages },
    orphans: r.orphans,
    orphanCount: r.orphanCount,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

/** The whole report of a diff in `format`. */
export function renderDiff(r: DiffResult, format: DiffFormat, opts: RenderOptions): string {
  switch (format) {
    case "text":
      return renderText(r, opts);
    case "json":
      return renderJson(r, opts);
    case "github":
      return renderGh(r, opts);
    case "markdown":
      return renderMd(r, opts);
  }
}
