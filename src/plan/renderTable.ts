import { DEFAULT_TASK_SECONDS, type BoundStage } from "../bound/index.js";
import { deferredBound, unknownText, type UnknownUntil } from "./frontierCauses.js";
import { summarizePlan } from "./summarize.js";
import type { TaskGraph } from "./TaskGraph.js";

/** How the Status column shows a status: the note when there is one, else the word (the seed's sheet); the word alone; or both. */
export const TABLE_STATUS = ["note", "word", "full"] as const;
export type TableStatus = (typeof TABLE_STATUS)[number];

/** The optional columns of `dflow table`, in the order they are asked for by name. */
export const TABLE_COLUMNS = ["grids", "memory", "core-hours"] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** What `dflow table` shows besides the seed's six columns. */
export interface TableOptions {
  readonly status?: TableStatus;
  readonly columns?: readonly TableColumn[];
  /** For each stage past the frontier, what must run first (see unknownUntil): the legend of `?` names it. */
  readonly unknown?: ReadonlyMap<string, UnknownUntil>;
  /** The command line that runs these stages and what they need. */
  readonly command?: (stages: readonly string[]) => string;
}

/** A status as the Status column shows it. */
function statusText(status: BoundStage["status"], mode: TableStatus): string {
  if (status === undefined) return "";
  if (mode === "word" || status.note === undefined) return status.word;
  return mode === "full" ? `${status.word} (${status.note})` : status.note;
}

/**
 * The pipeline as the seed's markdown dataflow sheet: Script (the stage's label, else its
 * name), Inputs and Outputs (product names), NJobs (tasks, from the grids; `≤ N` from an
 * envelope, `?` past the frontier), Time (as written), Status (the note, else the word; both
 * with `status: "full"`). Optional columns: Grids (the stage's grids), Memory (as written) and
 * Core-h (of all the stage's tasks). When NJobs has a `?` or a `≤`, a legend after the table
 * says what they mean and which stage's run makes them exact.
 */
export function renderTable(g: TaskGraph, opts: TableOptions = {}): string {
  const cols = new Set(opts.columns ?? []);
  const all = summarizePlan(g, new Uint8Array(g.taskCount).fill(1));
  const marks = { unknown: [] as string[], bounded: [] as string[], untimed: [] as string[] };
  const rows = g.stages.map((s, si) => {
    const p = s.stage;
    const uniq = (xs: string[]): string => [...new Set(xs)].join(", ");
    let njobs: string;
    let bound: number | undefined;
    if (s.deferred === undefined) njobs = String(s.count);
    else if (p.vars.length === 0) njobs = "1";
    else {
      bound = deferredBound(g, s);
      njobs = bound !== undefined ? `≤ ${bound}` : "?";
      (bound !== undefined ? marks.bounded : marks.unknown).push(s.name);
    }
    const r = s.resources;
    if (cols.has("core-hours") && !r.timeDeclared) marks.untimed.push(p.label);
    const perTask = (r.seconds * Math.max(r.cores, r.threads) * r.ranks) / 3600;
    const coreHours = s.deferred === undefined ? all[si]!.coreHours.toFixed(2) : bound !== undefined ? `≤ ${(bound * perTask).toFixed(2)}` : "?";
    return [
      p.label,
      uniq(p.inputs.map((i) => i.ref.product)),
      uniq(p.outputs.map((o) => o.ref.product)),
      ...(cols.has("grids") ? [p.vars.map((v) => v.grid).join(" × ")] : []),
      njobs,
      p.resources.get("time")?.text ?? "",
      ...(cols.has("memory") ? [p.resources.get("memory")?.text ?? ""] : []),
      ...(cols.has("core-hours") ? [coreHours] : []),
      statusText(p.status, opts.status ?? "note"),
    ];
  });
  for (const r of rows) for (let i = 0; i < r.length; i++) r[i] = r[i]!.replace(/\|/g, "\\|");
  const header = [
    "Script",
    "Inputs",
    "Outputs",
    ...(cols.has("grids") ? ["Grids"] : []),
    "NJobs",
    "Time",
    ...(cols.has("memory") ? ["Memory"] : []),
    ...(cols.has("core-hours") ? ["Core-h"] : []),
    "Status",
  ];
  const right = new Set([header.indexOf("NJobs"), header.indexOf("Core-h")].filter((i) => i >= 0));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: readonly string[]): string => "| " + cells.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (right.has(i) ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n") + "\n" + legend(marks, opts);
}

/** The legend of NJobs' `?` and `≤ N`, after a blank line; empty when every count is exact. */
function legend(marks: { unknown: readonly string[]; bounded: readonly string[]; untimed: readonly string[] }, opts: TableOptions): string {
  const until = (stages: readonly string[]): { text: string; run: string } => {
    const u = stages.map((s) => opts.unknown?.get(s)).filter((x): x is UnknownUntil => x !== undefined);
    const runs = [...new Set(u.flatMap((x) => x.stages))];
    const sources = [...new Set(u.flatMap((x) => x.sources))].sort();
    const text = u.length > 0 ? unknownText({ stages: runs, sources }) : "unknown until the data its grids come from exists";
    return { text, run: runs.length > 0 && opts.command !== undefined ? `; \`${opts.command(runs)}\` runs ${runs.length === 1 ? "it" : "them"}` : "" };
  };
  const out: string[] = [];
  if (marks.unknown.length > 0) {
    const u = until(marks.unknown);
    out.push(`NJobs \`?\`: the stage's grids come from data not made yet, so its task count is ${u.text}${u.run}.`);
  }
  if (marks.bounded.length > 0) {
    const u = until(marks.bounded);
    const again = marks.unknown.length > 0 && u.run === until(marks.unknown).run;
    out.push(`NJobs \`≤ N\`: at most N tasks, from the grids' envelopes; the exact count is ${u.text}${again ? "" : u.run}.`);
  }
  if (marks.untimed.length > 0)
    out.push(
      `Core-h: tasks × time × CPUs; ${marks.untimed.join(", ")} ${marks.untimed.length === 1 ? "declares" : "declare"} no \`time\` and ${marks.untimed.length === 1 ? "counts" : "count"} ${DEFAULT_TASK_SECONDS / 3600} h a task.`,
    );
  return out.length > 0 ? "\n" + out.join("\n") + "\n" : "";
}
