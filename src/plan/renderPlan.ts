import type { Plan } from "./planProgram.js";
import { deferredBound, listWords, unknownText, type UnknownUntil } from "./frontierCauses.js";
import type { Site } from "./site.js";
import { summarizePlan, type StageSummary } from "./summarize.js";
import { taskId } from "./taskIds.js";

/** The word `dflow plan --list` shows for each task state (`staleTasks`, refined by fingerprints). */
const STATE_WORDS = ["up-to-date", "missing-output", "upstream", "changed"] as const;

/** The chunk size the task list is yielded in: big enough to amortise writes, small enough to stream. */
const CHUNK = 1 << 16;

/**
 * One line per task, in plan order, yielded in chunks of about 64 kB: `ID  STATE  WHY` as text
 * (no WHY for a task up to date), or a JSON object per line (id, sorted input and output paths,
 * stage, and with `why` its state and reason) with `format: "json"`.
 */
export function* renderPlanList(plan: Plan, state: Uint8Array, format: "text" | "json", why?: (t: number) => string): Generator<string> {
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
      const reason = why !== undefined ? `,"state":${JSON.stringify(STATE_WORDS[state[t]!])},"why":${JSON.stringify(why(t))}` : "";
      buf += `{"id":${JSON.stringify(id)},"inputs":${JSON.stringify(inputs)},"outputs":${JSON.stringify(outputs)},"stage":${JSON.stringify(g.stageOf(t).name)}${reason}}\n`;
    } else {
      const reason = why !== undefined ? why(t) : "";
      buf += `${id}  ${STATE_WORDS[state[t]!]}${reason !== "" ? "  " + reason : ""}\n`;
    }
    if (buf.length > CHUNK) {
      yield buf;
      buf = "";
    }
  }
  if (buf !== "") yield buf;
}

/** How a plan's jobs sit within a site's limits, as the Slurm backend lays them out (computed by the driver). */
export interface SiteFit {
  /** Per planned stage: array elements (each a job the queue holds), job arrays, and why its jobs do not fit a node or the partition, if they do not. */
  readonly stages: ReadonlyMap<string, { readonly elements: number; readonly arrays: number; readonly problem?: string }>;
  /** Array elements in all, the continuation job included: what counts against MaxSubmitJobs. */
  readonly queued: number;
  /** Job records (arrays, and the continuation job): what counts against MaxJobCount. */
  readonly records: number;
  readonly largestArray: number;
  readonly nodeHours: number;
  /** Whether a continuation job plans the stages past the frontier once their data exists. */
  readonly continuation: boolean;
  /** Tasks per element the cost model packed stages without a `pack` into, to fit MaxSubmitJobs (1: none). */
  readonly autoPack: number;
  /** What exceeds the site's limits, one sentence each; empty when everything fits. */
  readonly problems: readonly string[];
}

/** What `dflow plan`'s summary shows besides the plan. */
export interface PlanSummaryOptions {
  readonly site?: Site;
  readonly fit?: SiteFit;
  /** For each stage past the frontier, what must run first (see unknownUntil). */
  readonly unknown?: ReadonlyMap<string, UnknownUntil>;
  /** The command line that runs these stages and what they need (shown to resolve the unknown stages). */
  readonly command?: (stages: readonly string[]) => string;
}

/** One stage's row as the summary shows it: null where the figure is unknown (past the frontier). */
interface Row {
  readonly s: StageSummary;
  readonly unknown: UnknownUntil | undefined;
  readonly jobs: number | null;
  readonly arrays: number | undefined;
  readonly fits: boolean | null | undefined;
  readonly problem: string | undefined;
  /** Past the frontier, when every grid of the stage has a size or an envelope: at most this much. */
  readonly atMost: { readonly tasks: number; readonly coreHours: number; readonly memoryHours: number | undefined } | undefined;
}

/** The totals, and whether they are only lower bounds (some stage is past the frontier). */
function totals(rows: readonly Row[]): { tasks: number; toRun: number; jobs: number; coreHours: number; memoryHours: number; lowerBound: boolean } {
  const t = { tasks: 0, toRun: 0, jobs: 0, coreHours: 0, memoryHours: 0, lowerBound: false };
  for (const r of rows) {
    if (r.s.deferred !== undefined) {
      t.lowerBound = true;
      continue;
    }
    t.tasks += r.s.tasks;
    t.toRun += r.s.toRun;
    t.jobs += r.jobs ?? 0;
    t.coreHours += r.s.coreHours;
    t.memoryHours += r.s.memoryHours ?? 0;
  }
  return t;
}

function planRows(plan: Plan, state: Uint8Array, opts: PlanSummaryOptions): Row[] {
  const g = plan.graph;
  return summarizePlan(g, state, opts.site).map((s, i) => {
    const known = s.deferred === undefined;
    const f = opts.fit?.stages.get(s.stage);
    const bound = known ? undefined : deferredBound(g, g.stages[i]!);
    const r = g.stages[i]!.resources;
    const hours = (r.seconds * (opts.site?.timeFactor ?? 1)) / 3600;
    return {
      atMost:
        bound !== undefined
          ? {
              tasks: bound,
              coreHours: bound * hours * Math.max(r.cores, r.threads) * r.ranks,
              memoryHours: r.memory !== undefined ? (bound * hours * r.memory) / 1e9 : undefined,
            }
          : undefined,
      s,
      unknown: known ? undefined : (opts.unknown?.get(s.stage) ?? { stages: [], sources: [] }),
      jobs: known ? (f?.elements ?? s.jobs) : null,
      arrays: opts.fit !== undefined ? (f?.arrays ?? 0) : s.arrays,
      fits: opts.fit === undefined ? undefined : known ? f?.problem === undefined : null,
      problem: f?.problem,
    };
  });
}

/** The unknown stages grouped by what they wait for, in plan order of their first stage. */
function unknownGroups(rows: readonly Row[]): { u: UnknownUntil; stages: string[] }[] {
  const groups = new Map<string, { u: UnknownUntil; stages: string[] }>();
  for (const r of rows) {
    if (r.unknown === undefined) continue;
    const key = JSON.stringify(r.unknown);
    const g = groups.get(key) ?? { u: r.unknown, stages: [] };
    g.stages.push(r.s.stage);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * The per-stage summary of a plan: tasks, what would run, jobs, core-hours and memory-hours per
 * stage and in total. A stage past the frontier shows its figures as unknown (`?`), says which
 * stage's run makes them known and the command that runs it, and the total is then a lower
 * bound. With a site, jobs are the array elements its Slurm layout takes and say whether they
 * fit the site's limits. As text (a table) or as one JSON document.
 */
export function renderPlanSummary(plan: Plan, state: Uint8Array, format: "text" | "json", opts: PlanSummaryOptions = {}): string {
  const rows = planRows(plan, state, opts);
  const total = totals(rows);
  const groups = unknownGroups(rows);
  const command = (u: UnknownUntil): string | undefined => (u.stages.length > 0 && opts.command !== undefined ? opts.command(u.stages) : undefined);
  if (format === "json") return planJson(plan, rows, total, command, opts);
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const lb = total.lowerBound ? "≥ " : "";
  const table: { name: string; cells: string[]; fits: string; note?: string }[] = [
    { name: "stage", cells: ["tasks", "to run", "jobs", "core-h", "memory GB·h"], fits: "fits" },
  ];
  let noMemory = false;
  for (const r of rows) {
    if (r.unknown !== undefined) {
      const m = r.atMost;
      const cells =
        m !== undefined
          ? [`≤ ${fmt(m.tasks)}`, `≤ ${fmt(m.tasks)}`, "?", `≤ ${m.coreHours.toFixed(2)}`, m.memoryHours !== undefined ? `≤ ${m.memoryHours.toFixed(2)}` : "–"]
          : ["?", "?", "?", "?", "?"];
      table.push({ name: r.s.stage, cells, fits: "?", note: unknownText(r.unknown) });
      continue;
    }
    if (r.s.memoryHours === undefined) noMemory = true;
    const mem = r.s.memoryHours !== undefined ? r.s.memoryHours.toFixed(2) : "–";
    table.push({
      name: r.s.stage,
      cells: [fmt(r.s.tasks), fmt(r.s.toRun), fmt(r.jobs ?? 0), r.s.coreHours.toFixed(2), mem],
      fits: r.fits === true ? "yes" : "no",
    });
  }
  table.push({
    name: total.lowerBound ? "total (lower bound)" : "total",
    cells: [fmt(total.tasks), fmt(total.toRun), fmt(total.jobs), total.coreHours.toFixed(2), total.memoryHours.toFixed(2)].map((c) => lb + c),
    fits: opts.fit?.problems.length === 0 ? "yes" : "no",
  });
  // Columns as wide as their widest cell, at least as wide as a plan of a few million tasks needs.
  const w = Math.max(19, ...table.map((t) => t.name.length));
  const widths = [9, 9, 9, 10, 11].map((min, i) => Math.max(min, ...table.map((t) => t.cells[i]!.length)));
  const site = opts.fit !== undefined;
  const lines = table.map((t) =>
    [
      t.name.padEnd(w),
      ...t.cells.slice(0, 3).map((c, i) => c.padStart(widths[i]!)),
      ...(site ? [t.fits.padEnd(4)] : []),
      ...t.cells.slice(3).map((c, i) => c.padStart(widths[i + 3]!)),
      t.note ?? "",
    ]
      .join("  ")
      .trimEnd(),
  );
  if (noMemory) lines.push("", "–: the stage declares no `memory`; it is not counted in the memory-hours.");
  if (opts.fit !== undefined && opts.site !== undefined) lines.push("", ...siteLines(opts.site, opts.fit, total.lowerBound));
  if (groups.length > 0) lines.push("", ...unknownLines(plan, groups, command));
  return lines.join("\n") + "\n";
}

/** What the site's limits say of the plan's jobs: each limit with the plan's figure, and what does not fit. */
function siteLines(site: Site, fit: SiteFit, lowerBound: boolean): string[] {
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const cmp = (found: number, limit: number | undefined, key: string, what: string, digits = 0): string | undefined =>
    limit === undefined ? undefined : `${what} ${digits > 0 ? found.toFixed(digits) : fmt(found)} ${found <= limit ? "≤" : ">"} ${key} ${fmt(limit)}`;
  const limits = [
    cmp(fit.largestArray, site.MaxArraySize, "MaxArraySize", "largest array"),
    cmp(fit.queued, site.MaxSubmitJobs, "MaxSubmitJobs", "queued jobs (array elements)"),
    cmp(fit.records, site.MaxJobCount, "MaxJobCount", "job records"),
    cmp(fit.nodeHours, site.nodeHours, "node_hours", "node-hours", 2),
  ].filter((x): x is string => x !== undefined);
  const verdict = fit.problems.length === 0 ? (lowerBound ? "fit so far" : "fit") : "do NOT fit";
  const out = [
    `site ${site.name}: the jobs ${verdict}, as \`dflow emit slurm\` lays them out (time × ${site.timeFactor}${fit.autoPack > 1 ? `, packed ${fit.autoPack} tasks per element` : ""}${fit.continuation ? ", a continuation job included" : ""}):`,
    ...limits.map((l) => `  ${l}`),
  ];
  for (const p of fit.problems) out.push(`  does not fit: ${p}`);
  if (lowerBound) out.push("  stages past the frontier are not counted: plan again once they are known");
  return out;
}

/** Per group of unknown stages: what they wait for and the command that makes it. */
function unknownLines(plan: Plan, groups: readonly { u: UnknownUntil; stages: string[] }[], command: (u: UnknownUntil) => string | undefined): string[] {
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const out: string[] = [];
  for (const { u, stages } of groups) {
    const n = stages.length;
    out.push(`${n} ${n === 1 ? "stage is" : "stages are"} ${unknownText(u)} (${listWords(stages)}):`);
    const c = command(u);
    if (c !== undefined) out.push(`  ${c}`, "  then plan again.");
    if (u.sources.length > 0)
      out.push(`  ${u.sources.length === 1 ? "the source" : "the sources"} ${listWords(u.sources.map((s) => `\`${s}\``))} must be under the output root.`);
  }
  out.push("frontier (what each stage past it waits for):");
  for (const s of plan.graph.stages) if (s.deferred !== undefined) out.push(`  ${s.name}: ${s.deferred}`);
  for (const f of plan.graph.frontier.values()) if (f.bound !== undefined) out.push(`  grid \`${f.name}\` has at most ${fmt(f.bound)} keys (its envelope)`);
  return out;
}

/** The summary as one JSON document: unknown figures are null, the total says whether it is a lower bound. */
function planJson(
  plan: Plan,
  rows: readonly Row[],
  total: ReturnType<typeof totals>,
  command: (u: UnknownUntil) => string | undefined,
  opts: PlanSummaryOptions,
): string {
  const g = plan.graph;
  const frontier = [...g.frontier.values()].map((f) => ({ grid: f.name, waitsFor: f.waitsFor, ...(f.bound !== undefined ? { bound: f.bound } : {}) }));
  const stages = rows.map((r) => {
    const k = r.unknown === undefined;
    const c = r.unknown !== undefined ? command(r.unknown) : undefined;
    return {
      stage: r.s.stage,
      tasks: k ? r.s.tasks : null,
      toRun: k ? r.s.toRun : null,
      jobs: r.jobs,
      coreHours: k ? r.s.coreHours : null,
      memoryHours: k ? (r.s.memoryHours ?? null) : null,
      ...(r.arrays !== undefined ? { arrays: k ? r.arrays : null } : {}),
      ...(r.fits !== undefined ? { fits: r.fits } : {}),
      ...(r.problem !== undefined ? { problem: r.problem } : {}),
      ...(r.s.deferred !== undefined ? { deferred: r.s.deferred } : {}),
      ...(r.atMost !== undefined ? { atMost: { tasks: r.atMost.tasks, coreHours: r.atMost.coreHours, memoryHours: r.atMost.memoryHours ?? null } } : {}),
      ...(r.unknown !== undefined
        ? { unknownUntil: { stages: r.unknown.stages, sources: r.unknown.sources, ...(c !== undefined ? { command: c } : {}) } }
        : {}),
    };
  });
  const fit = opts.fit;
  const site =
    fit !== undefined && opts.site !== undefined
      ? {
          site: {
            name: opts.site.name,
            fits: fit.problems.length === 0,
            queued: fit.queued,
            records: fit.records,
            largestArray: fit.largestArray,
            nodeHours: fit.nodeHours,
            autoPack: fit.autoPack,
            continuation: fit.continuation,
            limits: {
              MaxArraySize: opts.site.MaxArraySize,
              MaxSubmitJobs: opts.site.MaxSubmitJobs ?? null,
              MaxJobCount: opts.site.MaxJobCount ?? null,
              node_hours: opts.site.nodeHours ?? null,
            },
            problems: fit.problems,
          },
        }
      : {};
  return JSON.stringify({ frontier, out: plan.out, profile: plan.profile ?? null, ...site, stages, tasks: g.taskCount, total }, null, 2) + "\n";
}
