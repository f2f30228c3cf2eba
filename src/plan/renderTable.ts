import type { TaskGraph } from "./TaskGraph.js";

/**
 * The pipeline as the seed's markdown dataflow sheet: Script (the stage's label, else its
 * name), Inputs and Outputs (product names), NJobs (tasks, from the grids; `≤ N` from an
 * envelope, `?` past the frontier), Time (as written), Status (the note, else the word).
 */
export function renderTable(g: TaskGraph): string {
  const rows = g.stages.map((s) => {
    const p = s.stage;
    const uniq = (xs: string[]): string => [...new Set(xs)].join(", ");
    const time = p.resources.get("time");
    let njobs: string;
    if (s.deferred === undefined) njobs = String(s.count);
    else if (p.vars.length === 0) njobs = "1";
    else {
      const bounds = p.vars.map((v) => g.frontier.get(v.grid)?.bound ?? g.grids.get(v.grid)?.keys.length);
      njobs = bounds.every((b) => b !== undefined) ? `≤ ${bounds.reduce((a, b) => a * b, 1)}` : "?";
    }
    return [
      p.label,
      uniq(p.inputs.map((i) => i.ref.product)),
      uniq(p.outputs.map((o) => o.ref.product)),
      njobs,
      time?.text ?? "",
      p.status?.note ?? p.status?.word ?? "",
    ];
  });
  for (const r of rows) for (let i = 0; i < r.length; i++) r[i] = r[i]!.replace(/\|/g, "\\|");
  const header = ["Script", "Inputs", "Outputs", "NJobs", "Time", "Status"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: readonly string[]): string => "| " + cells.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ") + " |";
  return (
    [line(header), "|" + widths.map((w, i) => (i === 3 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|", ...rows.map(line)].join("\n") + "\n"
  );
}
