import { stageParts } from "../check/Scope.js";
import { printExpr } from "../syntax/index.js";
import type { TaskGraph } from "./TaskGraph.js";

/**
 * The pipeline as the seed's markdown dataflow sheet: Script (the stage's label, else its
 * name), Inputs and Outputs (product names), NJobs (tasks, from the grids; `≤ N` from an
 * envelope, `?` past the frontier), Time (as written), Status (the note, else the word).
 */
export function renderTable(g: TaskGraph): string {
  const rows = g.stages.map((s) => {
    const p = stageParts(s.node);
    const uniq = (xs: string[]): string => [...new Set(xs)].join(", ");
    const time = p.resources.find((r) => r.name.value === "time");
    let njobs: string;
    if (s.deferred === undefined) njobs = String(s.count);
    else if (s.node.vars.length === 0) njobs = "1";
    else {
      const bounds = s.node.vars.map((v) => g.frontier.get(v.grid.value)?.bound ?? g.grids.get(v.grid.value)?.keys.length);
      njobs = bounds.every((b) => b !== undefined) ? `≤ ${bounds.reduce((a, b) => a * b, 1)}` : "?";
    }
    return [
      p.label?.text.value ?? s.name,
      uniq(p.inputs.map((i) => i.ref.product.value)),
      uniq(p.outputs.map((o) => o.ref.product.value)),
      njobs,
      time !== undefined ? printExpr(time.value) + (time.per !== undefined ? " per " + printExpr(time.per) : "") : "",
      p.status?.note?.value ?? p.status?.word ?? "",
    ];
  });
  for (const r of rows) for (let i = 0; i < r.length; i++) r[i] = r[i]!.replace(/\|/g, "\\|");
  const header = ["Script", "Inputs", "Outputs", "NJobs", "Time", "Status"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: readonly string[]): string => "| " + cells.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ") + " |";
  return [line(header), "|" + widths.map((w, i) => (i === 3 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|", ...rows.map(line)].join("\n") + "\n";
}
