/**
 * The tasks of the head's plan that a change makes stale, against the base's plan made with the
 * same data: a task whose stage is new, whose kernel, kernel source, params, seed or outputs
 * changed, whose partition the base did not have, or whose set of inputs changed is stale itself;
 * a task reading from a stale one is stale after it. Tasks are matched by stage and partition
 * key, by key values (grids may have gained or lost keys in between), in one pass over the CSR
 * edges of the plan (producers come before their readers in a plan's task order).
 */
import type { BoundPipeline } from "../bound/index.js";
import type { SourceMap } from "../diag/SourceMap.js";
import type { StageTasks, TaskGraph } from "../plan/index.js";
import { changedFiles, type KernelFiles } from "./kernelFiles.js";

/** The stale set of the head's plan. */
export interface StaleSet {
  /** Per head task: 0 up to date, 1 stale itself, 2 stale because an input is (the planner's states). */
  readonly state: Uint8Array;
  /** Per head stage (by name): each reason and how many tasks it makes stale. */
  readonly reasons: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Per base task: 1 when a head task matches it. */
  readonly matched: Uint8Array;
}

const show = (v: unknown): string => (v === undefined ? "(none)" : JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)));

/** What the two sides of a diff give the stale set. */
export interface StaleSides {
  readonly base: { readonly graph: TaskGraph; readonly pipeline: BoundPipeline; readonly kernels: KernelFiles };
  readonly head: { readonly graph: TaskGraph; readonly pipeline: BoundPipeline; readonly kernels: KernelFiles };
  readonly sources: SourceMap;
}

function spanText(sources: SourceMap, span: { file: number; start: number; end: number }): string {
  return (sources.get(span.file)?.text.slice(span.start, span.end) ?? "")
    .replace(/#[^\n]*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The reasons every task of a stage present in both plans is stale for (empty: none). */
function stageReasons(sides: StaleSides, b: StageTasks, h: StageTasks): string[] {
  const out: string[] = [];
  const sb = b.stage;
  const sh = h.stage;
  if (sb.kernelName !== sh.kernelName) out.push(`kernel ${sb.kernelName}→${sh.kernelName}`);
  else if (sh.kernel !== undefined)
    for (const f of changedFiles(sides.base.kernels.closure(sh.kernel.name), sides.head.kernels.closure(sh.kernel.name))) out.push(`kernel ${f}`);
  const pa = b.params ?? {};
  const pb = h.params ?? {};
  for (const k of [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort())
    if (show(pa[k]) !== show(pb[k])) out.push(`param ${k} ${show(pa[k])}→${show(pb[k])}`);
  const seedA = sides.base.graph.params.get("seed");
  const seedB = sides.head.graph.params.get("seed");
  if (show(seedA) !== show(seedB)) out.push(`param seed ${show(seedA)}→${show(seedB)}`);
  const outs = (g: TaskGraph, s: StageTasks, p: BoundPipeline): string =>
    s.stage.outputs.map((o) => `${o.ref.product}@${spanText(sides.sources, p.products.get(o.ref.product)?.pathSpan ?? o.span)}`).join(";");
  if (outs(sides.base.graph, b, sides.base.pipeline) !== outs(sides.head.graph, h, sides.head.pipeline)) out.push("outputs moved");
  const ins = (s: StageTasks): string => s.stage.inputs.map((i) => `${i.port}=${spanText(sides.sources, i.span)}`).join(";");
  if (ins(b) !== ins(h)) out.push("inputs changed");
  return out;
}

/**
 * For each head task of stage `h`, the matching base task of stage `b` (global id), or -1: by
 * the grids' key values, through each variable's key map; equal grids and keys match in place.
 */
function matchTasks(base: TaskGraph, head: TaskGraph, b: StageTasks, h: StageTasks): Int32Array {
  const out = new Int32Array(h.count).fill(-1);
  if (b.vars.length !== h.vars.length || b.vars.some((v, i) => v.grid !== h.vars[i]!.grid)) return out;
  if (h.vars.length === 0) {
    if (b.count > 0 && h.count > 0) out[0] = b.first;
    return out;
  }
  const maps = h.vars.map((v) => {
    const gh = head.grids.get(v.grid);
    const gb = base.grids.get(v.grid);
    if (gh === undefined) return { m: new Int32Array(0), identity: false, size: 0 };
    const m = new Int32Array(gh.keys.length).fill(-1);
    let identity = gb !== undefined && gb.keys.length === gh.keys.length;
    if (gb !== undefined)
      for (let k = 0; k < gh.keys.length; k++) {
        m[k] = gb.index.get(gh.keys[k]!) ?? -1;
        if (m[k] !== k) identity = false;
      }
    return { m, identity, size: gb?.keys.length ?? 0 };
  });
  const same = maps.every((x) => x.identity) && b.count === h.count && h.keys.every((k, v) => sameInts(k, b.keys[v]!));
  if (same) {
    for (let i = 0; i < h.count; i++) out[i] = b.first + i;
    return out;
  }
  const code = (keys: readonly Int32Array[], i: number, map: (v: number, k: number) => number): number => {
    let c = 0;
    for (let v = 0; v < keys.length; v++) {
      const k = map(v, keys[v]![i]!);
      if (k < 0) return -1;
      c = c * maps[v]!.size + k;
    }
    return c;
  };
  const byCode = new Map<number, number>();
  for (let i = 0; i < b.count; i++)
    byCode.set(
      code(b.keys, i, (_v, k) => k),
      b.first + i,
    );
  for (let i = 0; i < h.count; i++) {
    const c = code(h.keys, i, (v, k) => maps[v]!.m[k]!);
    if (c >= 0) out[i] = byCode.get(c) ?? -1;
  }
  return out;
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a grid's keys come from data (a product's column or a kernel), so that a new key is new data. */
function dataGrid(p: BoundPipeline, grid: string): boolean {
  const g = p.grids.find((x) => x.name === grid);
  return g !== undefined && (g.domain.kind === "column" || g.domain.kind === "kernel");
}

/** Computes the stale set of `sides.head`'s plan against `sides.base`'s. */
export function staleSet(sides: StaleSides): StaleSet {
  const gb = sides.base.graph;
  const gh = sides.head.graph;
  const state = new Uint8Array(gh.taskCount);
  const matched = new Uint8Array(gb.taskCount);
  const reasons = new Map<string, Map<string, number>>();
  const baseStages = new Map(gb.stages.map((s) => [s.name, s]));
  const stageOfTask = new Int32Array(gh.taskCount);
  gh.stages.forEach((s, i) => stageOfTask.fill(i, s.first, s.first + s.count));
  for (const h of gh.stages) {
    const counts = new Map<string, number>();
    reasons.set(h.name, counts);
    const add = (why: string, n = 1): void => void counts.set(why, (counts.get(why) ?? 0) + n);
    const b = baseStages.get(h.name);
    if (b === undefined) {
      state.fill(1, h.first, h.first + h.count);
      if (h.count > 0) add("new stage", h.count);
      continue;
    }
    const whole = stageReasons(sides, b, h).join(", ");
    const match = matchTasks(gb, gh, b, h);
    const fresh = h.vars.some((v) => dataGrid(sides.head.pipeline, v.grid)) ? "new data" : "new partition";
    for (let i = 0; i < h.count; i++) {
      const t = h.first + i;
      const m = match[i]!;
      if (m >= 0) matched[m] = 1;
      let why = whole;
      if (m < 0) why = fresh;
      else if (why === "" && gh.edgeStart[t + 1]! - gh.edgeStart[t]! !== gb.edgeStart[m + 1]! - gb.edgeStart[m]!) why = "input set changed";
      if (why !== "") {
        state[t] = 1;
        add(why);
        continue;
      }
      for (let e = gh.edgeStart[t]!; e < gh.edgeStart[t + 1]!; e++) {
        const p = gh.edges[e]!;
        if (state[p] === 0) continue;
        state[t] = 2;
        add(`input ${gh.stages[stageOfTask[p]!]!.name}`);
        break;
      }
    }
  }
  return { state, reasons, matched };
}
