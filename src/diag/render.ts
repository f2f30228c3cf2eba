import type { Diagnostic, Label } from "./Diagnostic.js";
import { sortDiagnostics } from "./Diagnostic.js";
import { lookupCode } from "./codes.js";
import { displayPath, type SourceMap } from "./SourceMap.js";
import { lineColOf, lineText, type SourceFile } from "../util/SourceFile.js";

/** The output forms of diagnostics on the command line. */
export type DiagnosticFormat = "text" | "short" | "json" | "github";

/** What every renderer needs besides the diagnostics. */
export interface RenderOptions {
  readonly sources: SourceMap;
  /** Paths are shown relative to this directory. */
  readonly cwd: string;
  /** ANSI colours (rich text only). */
  readonly color?: boolean;
}

/** Longest stretch of a source line shown in a code frame; longer lines are windowed. */
const FRAME_WIDTH = 100;

interface Place {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly file: SourceFile;
}

function placeOf(label: Label, opts: RenderOptions): Place | undefined {
  const file = opts.sources.get(label.span.file);
  if (file === undefined) return undefined;
  const a = lineColOf(file, label.span.start);
  const b = lineColOf(file, Math.max(label.span.start, label.span.end));
  return { path: displayPath(file.path, opts.cwd), line: a.line, column: a.column, endLine: b.line, endColumn: b.column, file };
}

/** Renders diagnostics in `format`; the text ends with a newline unless empty. */
export function renderDiagnostics(diags: readonly Diagnostic[], format: DiagnosticFormat, opts: RenderOptions): string {
  const sorted = sortDiagnostics(diags);
  switch (format) {
    case "text":
      return sorted.map((d) => renderRich(d, opts)).join("\n");
    case "short":
      return sorted.map((d) => renderShort(d, opts) + "\n").join("");
    case "json":
      return (
        JSON.stringify(
          sorted.map((d) => toJson(d, opts)),
          null,
          2,
        ) + "\n"
      );
    case "github":
      return sorted.map((d) => renderGithub(d, opts) + "\n").join("");
  }
}

/** `path:line:col: severity[CODE]: message`: one line per diagnostic. */
export function renderShort(d: Diagnostic, opts: RenderOptions): string {
  const p = d.primary !== undefined ? placeOf(d.primary, opts) : undefined;
  const where = p !== undefined ? `${p.path}:${p.line}:${p.column}: ` : "";
  return `${where}${d.severity}[${d.code}]: ${oneLine(d.message)}`;
}

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, " ");
}

const ANSI = { red: "\x1b[31m", yellow: "\x1b[33m", blue: "\x1b[34m", cyan: "\x1b[36m", bold: "\x1b[1m", reset: "\x1b[0m" };

/** Rich text: a header line, code frames for the primary and secondary labels, help and notes. */
export function renderRich(d: Diagnostic, opts: RenderOptions): string {
  const c = (code: keyof typeof ANSI, s: string): string => (opts.color === true ? ANSI[code] + s + ANSI.reset : s);
  const sevColor = d.severity === "error" ? "red" : d.severity === "warning" ? "yellow" : "cyan";
  const out: string[] = [];
  out.push(`${c(sevColor, `${d.severity}[${d.code}]`)}${c("bold", ": " + oneLine(d.message))}`);
  const labels: { label: Label; primary: boolean }[] = [];
  if (d.primary !== undefined) labels.push({ label: d.primary, primary: true });
  for (const s of d.secondary ?? []) labels.push({ label: s, primary: false });
  const places = labels.map((l) => ({ ...l, place: placeOf(l.label, opts) }));
  const maxLine = Math.max(0, ...places.map((p) => p.place?.line ?? 0));
  const gutter = String(maxLine).length;
  const pad = " ".repeat(gutter);
  for (const [i, { label, primary, place }] of places.entries()) {
    if (place === undefined) continue;
    out.push(`${pad} ${c("blue", "┌─")} ${place.path}:${place.line}:${place.column}`);
    if (i === 0) out.push(`${pad} ${c("blue", "│")}`);
    const src = lineText(place.file, place.line);
    const startCol = place.column - 1;
    const endCol = place.endLine === place.line ? Math.max(place.endColumn - 1, startCol + 1) : Math.max(src.length, startCol + 1);
    const { text, from } = windowLine(src, startCol);
    const shown = text.replace(/\t/g, " ");
    const caretFrom = startCol - from;
    const caretLen = Math.max(1, Math.min(endCol, from + text.length + 1) - startCol);
    const mark = (primary ? "^" : "-").repeat(caretLen);
    out.push(`${c("blue", String(place.line).padStart(gutter) + " │")} ${shown}`);
    const msg = label.message !== "" ? " " + oneLine(label.message) : "";
    out.push(`${pad} ${c("blue", "│")} ${" ".repeat(Math.max(0, caretFrom))}${c(primary ? sevColor : "blue", mark + msg)}`);
  }
  if (places.length > 0) out.push(`${pad} ${c("blue", "│")}`);
  const eq = `${pad} ${c("blue", "=")}`;
  if (d.suggestions !== undefined && d.suggestions.length > 0) {
    out.push(`${eq} did you mean ${d.suggestions.map((s) => "`" + s + "`").join(", ")}?`);
  }
  if (d.help !== undefined) out.push(`${eq} help: ${d.help}`);
  for (const n of d.notes ?? []) out.push(`${eq} note: ${n}`);
  return out.join("\n") + "\n";
}

/** Cuts a long line to a window around `col`, marking cut ends with `…`. */
function windowLine(src: string, col: number): { text: string; from: number } {
  if (src.length <= FRAME_WIDTH) return { text: src, from: 0 };
  const from = Math.max(0, Math.min(col - 30, src.length - FRAME_WIDTH));
  const to = Math.min(src.length, from + FRAME_WIDTH);
  const head = from > 0 ? "…" : "";
  const tail = to < src.length ? "…" : "";
  return { text: head + src.slice(from, to) + tail, from: from - head.length };
}

function toJson(d: Diagnostic, opts: RenderOptions): Record<string, unknown> {
  const label = (l: Label): Record<string, unknown> => {
    const p = placeOf(l, opts);
    return p === undefined
      ? { message: l.message }
      : { column: p.column, endColumn: p.endColumn, endLine: p.endLine, file: p.path, line: p.line, message: l.message };
  };
  const out: Record<string, unknown> = { code: d.code };
  const title = lookupCode(d.code)?.title;
  if (d.help !== undefined) out["help"] = d.help;
  out["message"] = d.message;
  if (d.notes !== undefined) out["notes"] = d.notes;
  if (d.primary !== undefined) out["primary"] = label(d.primary);
  if (d.secondary !== undefined) out["secondary"] = d.secondary.map(label);
  out["severity"] = d.severity;
  if (d.suggestions !== undefined) out["suggestions"] = d.suggestions;
  if (title !== undefined) out["title"] = title;
  return out;
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A GitHub Actions workflow command (`::error file=…,line=…::message`). */
export function renderGithub(d: Diagnostic, opts: RenderOptions): string {
  const cmd = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
  const props: string[] = [];
  const p = d.primary !== undefined ? placeOf(d.primary, opts) : undefined;
  if (p !== undefined) {
    props.push(`file=${escapeProperty(p.path)}`, `line=${p.line}`, `col=${p.column}`);
    props.push(`endLine=${p.endLine}`, `endColumn=${p.endColumn}`);
  }
  props.push(`title=${escapeProperty(d.code)}`);
  let body = `${d.code}: ${d.message}`;
  if (d.suggestions !== undefined && d.suggestions.length > 0) body += `\nDid you mean ${d.suggestions.map((s) => "`" + s + "`").join(", ")}?`;
  if (d.help !== undefined) body += `\nhelp: ${d.help}`;
  return `::${cmd} ${props.join(",")}::${escapeData(body)}`;
}
