import { tasksPerJob } from "../../bound/index.js";
import type { Site, StageTasks, TaskGraph } from "../../plan/index.js";

/** A dependency of a job array: on another array of this emission (by index), or on a job submitted before. */
export type SlurmDep =
  | { readonly kind: "afterok" | "afterany"; readonly array: number; readonly elements?: readonly number[] }
  | { readonly kind: "aftercorr"; readonly array: number }
  | { readonly kind: "afterok" | "afterany"; readonly external: string };

/** One Slurm job array: a stage's elements (each a packed list of tasks) and what it waits for. */
export interface SlurmArray {
  /** Stable job name: `pipeline.stage.part`. */
  readonly name: string;
  readonly stage: string;
  /** Global task numbers of element `i`: `tasks[elementStart[i] … elementStart[i+1]-1]`. */
  readonly elementStart: Int32Array;
  readonly tasks: Int32Array;
  readonly deps: readonly SlurmDep[];
  readonly resources: StageResources;
  /** Seconds of wall time one element asks for. */
  readonly seconds: number;
}

/** What one task of a stage asks for. */
export interface StageResources {
  readonly cores: number;
  readonly threads: number;
  readonly ranks: number;
  /** Bytes, or undefined (the site's default). */
  readonly memory?: number;
  /** Seconds of one task, scaled by the site's time factor. */
  readonly seconds: number;
  /** Tasks per element the stage's `pack` asks for, or undefined (the cost model decides). */
  readonly pack?: number;
}

/** The jobs of a plan for one site. */
export interface SlurmJobs {
  readonly arrays: readonly SlurmArray[];
  /** Array elements in all: what counts against MaxSubmitJobs. */
  readonly elements: number;
  /** The largest number of tasks per element the cost model chose for stages without a `pack` of their own (1 unless the budget asked for more). */
  readonly autoPack: number;
  /** Node-hours asked for: elements × time × cores, over the cores of a node. */
  readonly nodeHours: number;
  /**
   * What the continuation job waits for (the arrays of this submission and the earlier jobs
   * that make what the frontier is computed from), when the plan has a frontier and something
   * still has to make it; absent otherwise (a continuation with nothing to wait for would only
   * find the same frontier again).
   */
  readonly continuationAfter?: { readonly arrays: readonly number[]; readonly external: readonly string[] };
}

/** Options of {@link planSlurmJobs}. */
export interface SlurmJobOptions {
  readonly pipeline: string;
  readonly site: Site;
  /** 1 for every task to submit. */
  readonly submit: Uint8Array;
  /** Tasks submitted earlier and not finished: task → `JOBID_INDEX` to depend on. */
  readonly external?: ReadonlyMap<number, string>;
  /** Reserve this many jobs of the budget (the continuation job). */
  readonly reserve?: number;
  /** The products the frontier's grids and relations are computed from: the continuation waits for their producers. */
  readonly frontierProducts?: readonly string[];
  /** Whether a continuation job may be added (false when an earlier one is still queued). */
  readonly continuation?: boolean;
  /** Name suffix of the jobs (a follow-up submission: `r1`), so names stay unique across submissions. */
  readonly suffix?: string;
}

/** Above this many elements of one producer array, a dependency names the whole array. */
const MAX_LISTED = 256;
/**
 * What one task of a stage asks for on `site`: the stage's resources as resolved once for the
 * plan (expandStages), its time scaled by the site's time factor (a stage without `time` asks
 * for DEFAULT_TASK_SECONDS).
 */
export function stageResources(s: StageTasks, site: Site): StageResources {
  const r = s.resources;
  const pack = tasksPerJob(r, site.timeFactor);
  return {
    cores: r.cores,
    threads: r.threads,
    ranks: r.ranks,
    ...(r.memory !== undefined ? { memory: r.memory } : {}),
    seconds: r.seconds * site.timeFactor,
    ...(pack !== undefined ? { pack } : {}),
  };
}

/** CPUs one element asks for: `--ntasks` ranks of `--cpus-per-task` max(cores, threads). */
export function cpusOf(r: StageResources): number {
  return Math.max(r.cores, r.threads) * r.ranks;
}

/** Union–find over element numbers. */
function makeUnion(n: number): { find(i: number): number; union(a: number, b: number): void } {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  return { find, union: (a, b) => void (parent[find(a)] = find(b)) };
}

/** Elements that share a producer element (or an earlier job) go together; the others apart. */
function components(deps: readonly { elems: number[]; ext: string[] }[], n: number): number[][] {
  const u = makeUnion(n);
  const firstUser = new Map<number | string, number>();
  deps.forEach((d, i) => {
    for (const x of [...d.elems, ...d.ext]) {
      const f = firstUser.get(x);
      if (f === undefined) firstUser.set(x, i);
      else u.union(i, f);
    }
  });
  const byRoot = new Map<number, number[]>();
  let free: number[] | undefined;
  for (let i = 0; i < n; i++) {
    if (deps[i]!.elems.length === 0 && deps[i]!.ext.length === 0) {
      (free ??= []).push(i);
      continue;
    }
    const r = u.find(i);
    const list = byRoot.get(r) ?? [];
    list.push(i);
    byRoot.set(r, list);
  }
  const groups = [...byRoot.values()];
  if (free !== undefined) groups.push(free);
  return groups;
}

/** A stage's elements: `count` element numbers from `first`. */
interface StageElements {
  readonly stage: string;
  readonly first: number;
  readonly count: number;
}

/** The tasks to submit packed into elements: consecutive tasks of a stage, in plan order. */
interface Elements {
  /** Element of each task of the graph, or -1 (not submitted). */
  readonly elementOf: Int32Array;
  readonly stages: readonly StageElements[];
  /** Tasks of element `e`: `tasks[start[e] … start[e+1]-1]`. */
  readonly tasks: readonly number[];
  readonly start: readonly number[];
  readonly count: number;
  /** Index into `stages` of each element's stage. */
  readonly stageOf: Int32Array;
}

/** An element's dependencies: producer elements (ascending) and earlier jobs (sorted). */
interface ElementDeps {
  readonly elems: number[];
  readonly ext: string[];
}

/**
 * The cost model: stages without `pack` are packed, cheapest tasks first, until the elements fit
 * MaxSubmitJobs. Stages whose tasks cost the same share one factor, so identically shaped
 * stages stay laid out alike (and chain with aftercorr); no element grows past the site's
 * max_time. Returns each stage's tasks per element and the largest factor the model chose.
 */
function packFactors(
  stages: readonly StageTasks[],
  resources: ReadonlyMap<string, StageResources>,
  counts: ReadonlyMap<string, number>,
  site: Site,
  reserve: number,
): { packOf: Map<string, number>; autoPack: number } {
  const budget = (site.MaxSubmitJobs ?? Number.MAX_SAFE_INTEGER) - reserve;
  const packOf = new Map<string, number>();
  for (const s of stages) packOf.set(s.name, resources.get(s.name)!.pack ?? 1);
  const elementsNow = (): number => stages.reduce((a, s) => a + Math.ceil(counts.get(s.name)! / packOf.get(s.name)!), 0);
  const classes = new Map<number, string[]>();
  for (const s of stages) {
    if (resources.get(s.name)!.pack !== undefined || counts.get(s.name)! <= 1) continue;
    const sec = resources.get(s.name)!.seconds;
    classes.set(sec, [...(classes.get(sec) ?? []), s.name]);
  }
  doublePacks(classes, packOf, counts, elementsNow, budget, site.maxTime ?? Number.POSITIVE_INFINITY);
  shrinkPacks(classes, packOf, elementsNow, budget);
  const autoPack = Math.max(1, ...[...classes.values()].map((names) => packOf.get(names[0]!)!));
  return { packOf, autoPack };
}

/** Doubles the pack factor of the class whose elements are shortest (and can still grow) until the elements fit the budget. */
function doublePacks(
  classes: ReadonlyMap<number, readonly string[]>,
  packOf: Map<string, number>,
  counts: ReadonlyMap<string, number>,
  elementsNow: () => number,
  budget: number,
  maxTime: number,
): void {
  while (elementsNow() > budget) {
    let best: number | undefined;
    let bestLen = Number.POSITIVE_INFINITY;
    for (const [sec, names] of classes) {
      const k = packOf.get(names[0]!)!;
      const grows = names.some((n) => Math.ceil(counts.get(n)! / k) > 1);
      if (!grows || 2 * k * sec > maxTime) continue;
      if (k * sec < bestLen) {
        bestLen = k * sec;
        best = sec;
      }
    }
    if (best === undefined) break;
    for (const n of classes.get(best)!) packOf.set(n, packOf.get(n)! * 2);
  }
}

/** Doubling overshoots: shrinks each class back by tenths while the budget still holds. */
function shrinkPacks(classes: ReadonlyMap<number, readonly string[]>, packOf: Map<string, number>, elementsNow: () => number, budget: number): void {
  for (const names of classes.values()) {
    for (;;) {
      const k = packOf.get(names[0]!)!;
      if (k <= 1) break;
      const trial = Math.max(1, Math.floor(k * 0.9));
      for (const n of names) packOf.set(n, trial);
      if (elementsNow() > budget) {
        for (const n of names) packOf.set(n, k);
        break;
      }
    }
  }
}

/** Packs the tasks to submit into elements of each stage's factor. */
function packElements(g: TaskGraph, stages: readonly StageTasks[], packOf: ReadonlyMap<string, number>, submit: Uint8Array): Elements {
  const elementOf = new Int32Array(g.taskCount).fill(-1);
  const stageElements: StageElements[] = [];
  const tasks: number[] = [];
  const start: number[] = [0];
  for (const s of stages) {
    const k = packOf.get(s.name)!;
    const first = start.length - 1;
    let inElem = 0;
    for (let t = s.first; t < s.first + s.count; t++) {
      if (submit[t] !== 1) continue;
      if (inElem === k) {
        start.push(tasks.length);
        inElem = 0;
      }
      elementOf[t] = start.length - 1;
      tasks.push(t);
      inElem++;
    }
    if (inElem > 0) start.push(tasks.length);
    stageElements.push({ stage: s.name, first, count: start.length - 1 - first });
  }
  const count = start.length - 1;
  const stageOf = new Int32Array(count);
  stageElements.forEach((se, i) => stageOf.fill(i, se.first, se.first + se.count));
  return { elementOf, stages: stageElements, tasks, start, count, stageOf };
}

/** The producing stage of each product, and per consumer stage the producer stages all of whose inputs are `besteffort`. */
function bestEffortProducers(stages: readonly StageTasks[]): { producerOf: Map<string, string>; bestEffort: Map<string, Set<string>> } {
  const producerOf = new Map<string, string>();
  for (const s of stages) for (const o of s.stage.outputs) producerOf.set(o.ref.product, s.name);
  const bestEffort = new Map<string, Set<string>>();
  for (const s of stages) {
    const strict = new Set<string>();
    const lax = new Set<string>();
    for (const i of s.stage.inputs) {
      const p = producerOf.get(i.ref.product);
      if (p !== undefined) (i.bestEffort ? lax : strict).add(p);
    }
    bestEffort.set(s.name, new Set([...lax].filter((p) => !strict.has(p))));
  }
  return { producerOf, bestEffort };
}

/** Element `e`'s dependencies: the elements of its tasks' producers, and the earlier jobs of producers not submitted now. */
function elementDeps(g: TaskGraph, el: Elements, external: ReadonlyMap<number, string>, e: number): ElementDeps {
  const elems = new Set<number>();
  const ext = new Set<string>();
  for (let i = el.start[e]!; i < el.start[e + 1]!; i++) {
    const t = el.tasks[i]!;
    for (let j = g.edgeStart[t]!; j < g.edgeStart[t + 1]!; j++) {
      const u = g.edges[j]!;
      if (el.elementOf[u]! >= 0) elems.add(el.elementOf[u]!);
      else {
        const x = external.get(u);
        if (x !== undefined) ext.add(x);
      }
    }
  }
  return { elems: [...elems].sort((a, b) => a - b), ext: [...ext].sort() };
}

/**
 * aftercorr: whether element `i` of a stage needs only element `i` of producers laid out
 * straight with as many elements (and none best-effort); with the producer stages if so.
 */
function correspondingProducers(
  el: Elements,
  se: StageElements,
  deps: readonly ElementDeps[],
  straight: readonly boolean[],
  lax: ReadonlySet<string>,
): Set<string> | undefined {
  if (!deps.every((d) => d.ext.length === 0)) return undefined;
  const corrStages = new Set<string>();
  for (let i = 0; i < se.count; i++) {
    for (const pe of deps[i]!.elems) {
      const ps = el.stageOf[pe]!;
      const p = el.stages[ps]!;
      if (!straight[ps] || p.count !== se.count || pe - p.first !== i || lax.has(p.stage)) return undefined;
      corrStages.add(p.stage);
    }
  }
  return corrStages;
}

/**
 * The groups of a stage's elements that share an array (element numbers within the stage):
 * elements with the same dependencies, so a failed task cancels exactly the elements that need
 * it; past `cap` groups, elements sharing any producer; past that, neighbouring groups merged.
 */
function groupElements(deps: readonly ElementDeps[], count: number, cap: number): number[][] {
  const bySig = new Map<string, number[]>();
  deps.forEach((d, i) => {
    const sig = d.elems.join(",") + "|" + d.ext.join(",");
    const list = bySig.get(sig) ?? [];
    list.push(i);
    bySig.set(sig, list);
  });
  let groups = [...bySig.values()];
  if (groups.length > cap) groups = components(deps, count);
  groups.sort((a, b) => a[0]! - b[0]!);
  if (groups.length > cap) {
    // Past the cap, neighbours merge: coarser isolation, but within the site's job count.
    const per = Math.ceil(groups.length / cap);
    const merged: number[][] = [];
    for (let i = 0; i < groups.length; i += per)
      merged.push(
        groups
          .slice(i, i + per)
          .flat()
          .sort((a, b) => a - b),
      );
    groups = merged;
  }
  return groups;
}

/** Where each element went: its array and its position in it. */
interface Placement {
  readonly arrayOf: Int32Array;
  readonly position: Int32Array;
}

/** The dependencies of an array of `members` (element numbers within the stage): per producer array the elements needed, then earlier jobs. */
function arrayDeps(
  arrays: readonly SlurmArray[],
  placed: Placement,
  members: readonly number[],
  deps: readonly ElementDeps[],
  corrStages: ReadonlySet<string> | undefined,
  lax: ReadonlySet<string>,
): SlurmDep[] {
  const dl: SlurmDep[] = [];
  const needed = new Map<number, Set<number>>();
  const ext = new Set<string>();
  const kindOfArray = (a: number): "afterok" | "afterany" => (lax.has(arrays[a]!.stage) ? "afterany" : "afterok");
  for (const m of members) {
    for (const pe of deps[m]!.elems) {
      const a = placed.arrayOf[pe]!;
      if (!needed.has(a)) needed.set(a, new Set());
      needed.get(a)!.add(placed.position[pe]!);
    }
    for (const x of deps[m]!.ext) ext.add(x);
  }
  for (const [a, idx] of [...needed].sort((x, y) => x[0] - y[0])) {
    const total = arrays[a]!.elementStart.length - 1;
    if (corrStages?.has(arrays[a]!.stage) === true) dl.push({ kind: "aftercorr", array: a });
    else if (idx.size === total || idx.size > MAX_LISTED) dl.push({ kind: kindOfArray(a), array: a });
    else dl.push({ kind: kindOfArray(a), array: a, elements: [...idx].sort((x, y) => x - y) });
  }
  for (const x of [...ext].sort()) dl.push({ kind: "afterok", external: x });
  return dl;
}

/** The arrays of one group of a stage's elements, split at MaxArraySize; places the elements and appends the arrays to `arrays`. */
function groupArrays(
  arrays: SlurmArray[],
  placed: Placement,
  el: Elements,
  se: StageElements,
  group: readonly number[],
  deps: readonly ElementDeps[],
  stage: {
    readonly res: StageResources;
    readonly corrStages: ReadonlySet<string> | undefined;
    readonly lax: ReadonlySet<string>;
    readonly name: (part: number) => string;
  },
  part: number,
  size: number,
): number {
  for (let c = 0; c < group.length; c += size) {
    const members = group.slice(c, c + size);
    const index = arrays.length;
    const starts = new Int32Array(members.length + 1);
    const tasks: number[] = [];
    members.forEach((m, i) => {
      const e = se.first + m;
      placed.arrayOf[e] = index;
      placed.position[e] = i;
      starts[i] = tasks.length;
      for (let j = el.start[e]!; j < el.start[e + 1]!; j++) tasks.push(el.tasks[j]!);
    });
    starts[members.length] = tasks.length;
    const dl = arrayDeps(arrays, placed, members, deps, stage.corrStages, stage.lax);
    const per = starts.reduce((mx, _, i) => (i < members.length ? Math.max(mx, starts[i + 1]! - starts[i]!) : mx), 0);
    arrays.push({
      name: stage.name(part),
      stage: se.stage,
      elementStart: starts,
      tasks: Int32Array.from(tasks),
      deps: dl,
      resources: stage.res,
      seconds: Math.max(60, Math.ceil(per * stage.res.seconds)),
    });
    part++;
  }
  return part;
}

/** What the continuation job waits for: the arrays and earlier jobs that make the products the frontier's grids are computed from. */
function continuationDeps(
  g: TaskGraph,
  arrays: readonly SlurmArray[],
  producerOf: ReadonlyMap<string, string>,
  opts: SlurmJobOptions,
  external: ReadonlyMap<number, string>,
): { arrays: number[]; external: string[] } | undefined {
  if (!g.stages.some((s) => s.deferred !== undefined) || opts.continuation === false) return undefined;
  const wanted = new Set<string>();
  for (const f of opts.frontierProducts ?? []) {
    const p = producerOf.get(f);
    if (p !== undefined) wanted.add(p);
  }
  const arrs = arrays.map((a, i) => (wanted.has(a.stage) ? i : -1)).filter((i) => i >= 0);
  const ext = new Set<string>();
  for (const s of g.stages) {
    if (!wanted.has(s.name)) continue;
    for (let t = s.first; t < s.first + s.count; t++) {
      const x = opts.submit[t] === 1 ? undefined : external.get(t);
      if (x !== undefined) ext.add(x);
    }
  }
  return arrs.length > 0 || ext.size > 0 ? { arrays: arrs, external: [...ext].sort() } : undefined;
}

/**
 * Lays a plan out as Slurm job arrays. Per stage, the tasks to submit are packed into
 * elements (the stage's `pack`, or the cost model's: the smallest common pack factor that keeps
 * every element within MaxSubmitJobs). A stage whose element `i` needs only element `i` of
 * identically laid-out producers is one straight array chain with `aftercorr`; any other stage is
 * split by dependency: elements needing the same producer elements share an array, so a failed
 * task cancels exactly what needs it (past the site's job count, elements that share any producer
 * are grouped instead, and then neighbouring groups merge). Every array is split at MaxArraySize. Deterministic:
 * the same plan and site give the same arrays, names and dependencies.
 */
export function planSlurmJobs(g: TaskGraph, opts: SlurmJobOptions): SlurmJobs {
  const { site, submit } = opts;
  const external = opts.external ?? new Map<number, string>();
  const stages = g.stages.filter((s) => s.deferred === undefined);
  const resources = new Map(stages.map((s) => [s.name, stageResources(s, site)]));
  const counts = new Map(
    stages.map((s) => {
      let n = 0;
      for (let t = s.first; t < s.first + s.count; t++) if (submit[t] === 1) n++;
      return [s.name, n] as const;
    }),
  );
  const { packOf, autoPack } = packFactors(stages, resources, counts, site, opts.reserve ?? 0);
  const el = packElements(g, stages, packOf, submit);
  const { producerOf, bestEffort } = bestEffortProducers(stages);
  const arrays: SlurmArray[] = [];
  const placed: Placement = { arrayOf: new Int32Array(el.count).fill(-1), position: new Int32Array(el.count) };
  /** Per stage: whether its arrays are straight chunks of MaxArraySize from its first element. */
  const straight: boolean[] = [];
  // Keep the number of arrays within what the site can hold.
  const cap = Math.max(1, Math.floor((site.MaxJobCount ?? Number.MAX_SAFE_INTEGER) / (4 * Math.max(1, stages.length))));
  for (let si = 0; si < el.stages.length; si++) {
    const se = el.stages[si]!;
    if (se.count === 0) {
      straight.push(true);
      continue;
    }
    const s = stages[si]!;
    const lax = bestEffort.get(s.name)!;
    const deps = Array.from({ length: se.count }, (_, i) => elementDeps(g, el, external, se.first + i));
    const corrStages = correspondingProducers(el, se, deps, straight, lax);
    const groups = corrStages !== undefined ? [Array.from({ length: se.count }, (_, i) => i)] : groupElements(deps, se.count, cap);
    straight.push(groups.length === 1 && groups[0]!.every((x, i) => x === i));
    const stage = {
      res: resources.get(s.name)!,
      corrStages,
      lax,
      name: (part: number) => `${opts.pipeline}.${s.name}.${part}${opts.suffix !== undefined ? "." + opts.suffix : ""}`,
    };
    let part = 0;
    for (const group of groups) part = groupArrays(arrays, placed, el, se, group, deps, stage, part, site.MaxArraySize);
  }
  const nodeHours = arrays.reduce((a, x) => a + ((x.elementStart.length - 1) * x.seconds * cpusOf(x.resources)) / 3600 / site.coresPerNode, 0);
  const continuationAfter = continuationDeps(g, arrays, producerOf, opts, external);
  return { arrays, elements: el.count, autoPack, nodeHours, ...(continuationAfter !== undefined ? { continuationAfter } : {}) };
}
