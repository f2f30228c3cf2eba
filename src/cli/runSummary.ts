import { readFileSync } from "node:fs";
import { displayPath } from "../diag/SourceMap.js";
import type { RunReport } from "../runtime/index.js";
import { byteSize } from "../util/byteSize.js";

/**
 * The closing summary of `dflow run` (docs/conventions.md#run-summary), for any pipeline: per
 * stage the tasks run, up to date and failed, the run tasks' summed time and the bytes they
 * wrote, with a total; then the lines of each summary product (a JSON product whose type
 * declares `summary: readonly string[]`), and the path of each report (an HTML product).
 */
export function runSummaryLines(rep: RunReport, cwd: string): string[] {
  const out: string[] = [];
  if (rep.stages.length > 0) {
    const rows = rep.stages.map((s) => [s.stage, String(s.ran), String(s.upToDate), String(s.failed), `${s.seconds.toFixed(1)} s`, byteSize(s.bytes)]);
    const sum = (f: (s: RunReport["stages"][number]) => number): number => rep.stages.reduce((n, s) => n + f(s), 0);
    rows.push([
      "total",
      String(sum((s) => s.ran)),
      String(sum((s) => s.upToDate)),
      String(sum((s) => s.failed)),
      `${sum((s) => s.seconds).toFixed(1)} s`,
      byteSize(sum((s) => s.bytes)),
    ]);
    const head = ["stage", "run", "up to date", "failed", "task time", "written"];
    const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: readonly string[]): string => "  " + r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join("  ");
    out.push(line(head), ...rows.map(line));
  }
  for (const p of rep.products.filter((x) => x.format === "json")) {
    const lines = summaryOf(p.path);
    if (lines !== undefined) out.push(...lines);
  }
  for (const p of rep.products.filter((x) => x.format === "html")) out.push(`report: ${displayPath(p.path, cwd)}`);
  return out;
}

/** The `summary` lines of a summary product, undefined when it cannot be read as one. */
function summaryOf(file: string): string[] | undefined {
  try {
    const doc = JSON.parse(readFileSync(file, "utf8")) as { summary?: unknown };
    return Array.isArray(doc.summary) && doc.summary.every((x) => typeof x === "string") ? doc.summary : undefined;
  } catch {
    return undefined;
  }
}
