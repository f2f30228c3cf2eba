import type { Plan } from "./planProgram.js";
import type { Site } from "./site.js";
import { summarizePlan } from "./summarize.js";
import { taskId } from "./taskIds.js";

/** The word `dflow plan --list` shows for each task state (`staleTasks`, refined by fingerprints). */
const STATE_WORDS = ["up-to-date", "missing-output", "upstream", "changed"] as const;

/** The chunk size the task list is yielded in: big enough to amortise writes, small enough to stream. */
const CHUNK = 1 << 16;

/**
 * One line per task, in plan order, yielded in chunks of about 64 kB: `ID  STATE` as text, or a
 * JSON object per line (id, sorted input and output paths, stage) with `format: "json"`.
 */
export function* renderPlanList(plan: Plan, state: Uint8Array, format: "text" | "json"): Generator<string> {
  const g = plan.graph;
  let buf = "";
  for (let t = 0; t < g.taskCount; t++) {
    const id = taskId(g, t);
    if (format === "json") {
      const inputs: string[] = [];
      const outputs: string[] = [];
      g.inputsOf(t, (product, keys) => inputs.push(g.paths.get(product)!(keys)));
      g.outputsOf(t, (product, keys) => outputs.push(g.paths.get(product)!(keys)));
      inputs.sort();
      outputs.sort();
      buf += `{"id":${JSON.stringify(id)},"inputs":${JSON.stringify(inputs)},"outputs":${JSON.stringify(outputs)},"stage":${JSON.stringify(g.stageOf(t).name)}}\n`;
    } else {
      buf += `${id}  ${STATE_WORDS[state[t]!]}\n`;
    }
    if (buf.length > CHUNK) {
      yield buf;
      buf = "";
    }
  }
  if (buf !== "") yield buf;
}

/**
 * The per-stage summary of a plan: tasks, what would run, jobs and core-hours per stage and in
 * total, the site's array layout when a site is given, and the stages still past the frontier.
 * As text (a table) or as one JSON document.
 */
export function renderPlanSummary(plan: Plan, state: Uint8Array, format: "text" | "json", site?: Site): string {
  const g = plan.graph;
  const rows = summarizePlan(g, state, site);
  if (format === "json") {
    const frontier = [...g.frontier.values()].map((f) => ({ grid: f.name, waitsFor: f.waitsFor, ...(f.bound !== undefined ? { bound: f.bound } : {}) }));
    return JSON.stringify({ frontier, out: plan.out, profile: plan.profile ?? null, stages: rows, tasks: g.taskCount }, null, 2) + "\n";
  }
  const w = Math.max(5, ...rows.map((r) => r.stage.length));
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const cell = (deferred: boolean, n: number): string => (deferred ? "…" : fmt(n)).padStart(10);
  const lines = [`${"stage".padEnd(w)}  ${"tasks".padStart(10)}  ${"to run".padStart(10)}  ${"jobs".padStart(10)}  ${"core-h".padStart(10)}`];
  const total = { tasks: 0, toRun: 0, jobs: 0, coreHours: 0 };
  for (const r of rows) {
    total.tasks += r.tasks;
    total.toRun += r.toRun;
    total.jobs += r.jobs;
    total.coreHours += r.coreHours;
    const d = r.deferred !== undefined;
    lines.push(`${r.stage.padEnd(w)}  ${cell(d, r.tasks)}  ${cell(d, r.toRun)}  ${cell(d, r.jobs)}  ${r.coreHours.toFixed(2).padStart(10)}`);
  }
  if (site !== undefined) {
    const arrays = rows.reduce((a, r) => a + (r.arrays ?? 0), 0);
    lines.push(
      `${"site " + site.name}: ${fmt(total.jobs)} array elements in ${fmt(arrays)} job arrays (MaxArraySize ${site.MaxArraySize}), time × ${site.timeFactor}`,
    );
  }
  lines.push(
    `${"total".padEnd(w)}  ${cell(false, total.tasks)}  ${cell(false, total.toRun)}  ${cell(false, total.jobs)}  ${total.coreHours.toFixed(2).padStart(10)}`,
  );
  const deferred = rows.filter((r) => r.deferred !== undefined);
  if (deferred.length > 0) {
    lines.push("", "frontier (planned once the data they wait for exists):");
    for (const r of deferred) lines.push(`  ${r.stage}: ${r.deferred}`);
    for (const f of g.frontier.values()) if (f.bound !== undefined) lines.push(`  grid \`${f.name}\` has at most ${fmt(f.bound)} keys (its envelope)`);
  }
  return lines.join("\n") + "\n";
}
