import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BoundKernelCall, BoundPipeline, BoundProduct } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { resolveParams, summarizePlan, type ComputedDomains, type Site, type TaskGraph, type Value } from "../plan/index.js";
import type { SourceMap } from "../diag/SourceMap.js";
import type { Span } from "../util/Span.js";
import { compareDecls } from "./compareDecls.js";
import { changedFiles, KernelFiles } from "./kernelFiles.js";
import { keyRanges } from "./keyRanges.js";
import { checkVersion, LabelledSources, planVersion, waitsOf, type LoadedVersion, type SideOptions } from "./loadVersion.js";
import { staleSet } from "./staleTasks.js";
import type { Version } from "./versionSource.js";

/** One stage of the head's plan with what goes stale in it. */
export interface StaleStage {
  readonly stage: string;
  readonly tasks: number;
  readonly stale: number;
  /** The stale tasks as key ranges (`sky[exposure=1..5, camera=b]`), the first 50. */
  readonly ranges: readonly string[];
  /** Ranges not shown. */
  readonly moreRanges: number;
  /** Each reason with the number of tasks it makes stale, most first. */
  readonly reasons: readonly { readonly reason: string; readonly tasks: number }[];
  /** Jobs to rerun and their core-hours, at the stage's declared cost model (the planner's figures). */
  readonly jobs: number;
  readonly coreHours: number;
  /** Why the stage is not planned yet (its tasks are unknown). */
  readonly deferred?: string;
}

/** What `dflow diff` finds. */
export interface DiffResult {
  /** The files the changes point into, a revision's named `REV:path`. */
  readonly sources: SourceMap;
  readonly base: string;
  readonly head: string;
  /** The classified changes: errors are breaking, warnings dangerous, notes safe. */
  readonly changes: readonly Diagnostic[];
  /** Problems reading either side (check and plan diagnostics); with errors there is no comparison. */
  readonly problems: readonly Diagnostic[];
  readonly stages: readonly StaleStage[];
  readonly total: { readonly stale: number; readonly jobs: number; readonly coreHours: number };
  /** Outputs of the base's tasks under the output root that the head does not make, relative to it (the first 100). */
  readonly orphans: readonly string[];
  readonly orphanCount: number;
  /** The head's plan and stale states, for callers that count against the planner. */
  readonly headGraph?: TaskGraph;
  readonly state?: Uint8Array;
}

/** Options of {@link diffPipelines}. */
export interface DiffOptions extends SideOptions {
  readonly site?: Site;
}

/** Every file under `dir` (relative to it, `/`-separated), dot-directories (dflow's state) left out. */
function filesUnder(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else found.add(r);
    }
  };
  walk("");
  return found;
}

/**
 * The outputs of the base's tasks that no head task makes and that exist under `out`: those of
 * base tasks no head task matches, and those of products whose path changed. The files on disk
 * are listed once; the head's paths of a product are rendered only when one of its base outputs is there.
 */
function orphansOf(gb: TaskGraph, gh: TaskGraph, matched: Uint8Array, out: string, changedPaths: ReadonlySet<string>): string[] {
  const candidates = gb.stages.filter(
    (s) => s.stage.outputs.some((o) => changedPaths.has(o.ref.product)) || matched.subarray(s.first, s.first + s.count).includes(0),
  );
  if (candidates.length === 0) return [];
  const onDisk = filesUnder(out);
  if (onDisk.size === 0) return [];
  const headPaths = new Map<string, Set<string>>();
  const made = (product: string): Set<string> => {
    let set = headPaths.get(product);
    if (set === undefined) {
      set = new Set();
      for (const s of gh.stages)
        if (s.stage.outputs.some((o) => o.ref.product === product))
          for (let t = s.first; t < s.first + s.count; t++) gh.outputsOf(t, (p, keys) => (p === product ? set!.add(gh.paths.get(p)!(keys)) : undefined));
      headPaths.set(product, set);
    }
    return set;
  };
  const found: string[] = [];
  for (const s of candidates) {
    const moved = s.stage.outputs.some((o) => changedPaths.has(o.ref.product));
    for (let t = s.first; t < s.first + s.count; t++) {
      if (matched[t] === 1 && !moved) continue;
      gb.outputsOf(t, (p, keys) => {
        const rel = gb.paths.get(p)!(keys);
        if (onDisk.has(rel) && !made(p).has(rel)) found.push(rel);
      });
    }
  }
  return found.sort();
}

/**
 * Compares two versions of a pipeline as bound pipelines planned with the same data under
 * `opts.out`: the classified declaration changes, the head's tasks that go stale per stage (with
 * key ranges, reasons, jobs and core-hours from the planner's cost code), and orphaned outputs.
 */
export async function diffPipelines(versions: { base: Version; head: Version }, opts: DiffOptions): Promise<DiffResult> {
  const sources = new LabelledSources();
  const checkedBase = await checkVersion(sources, versions.base);
  const checkedHead = await checkVersion(sources, versions.head);
  const empty = {
    sources: sources as SourceMap,
    base: versions.base.label,
    head: versions.head.label,
    stages: [],
    total: { stale: 0, jobs: 0, coreHours: 0 },
    orphans: [],
    orphanCount: 0,
  };
  const checkProblems = [...checkedBase.diagnostics, ...checkedHead.diagnostics];
  if (checkedBase.pipeline === undefined || checkedHead.pipeline === undefined || checkProblems.some((d) => d.severity === "error"))
    return { ...empty, sources: sources.labelled(), changes: [], problems: checkProblems };
  const kb = new KernelFiles(checkedBase.pipeline, versions.base.file, checkedBase.stdlibRoot);
  const kh = new KernelFiles(checkedHead.pipeline, versions.head.file, checkedHead.stdlibRoot);
  // The head is planned as `dflow plan` plans it; the base reuses what the head's kernels computed from the same declarations.
  const head = await planVersion(checkedHead, opts);
  const shared =
    head.plan !== undefined && head.computed !== undefined
      ? { computed: sharedDomains(sources, checkedBase.pipeline, checkedHead.pipeline, kb, kh, head.computed, opts), waits: waitsOf(head.plan) }
      : undefined;
  const base = await planVersion(checkedBase, opts, shared);
  const problems = [...base.diagnostics, ...head.diagnostics];
  const tsFiles = new Map<string, number>();
  const tsSpan = (file: string, start: number, end: number): Span => {
    let id = tsFiles.get(file);
    if (id === undefined) {
      id = sources.add(file, readText(file)).id;
      tsFiles.set(file, id);
    }
    return { file: id, start, end };
  };
  const changes = await compareDecls(
    sources,
    { pipeline: checkedBase.pipeline, label: versions.base.label, kernels: kb },
    { pipeline: checkedHead.pipeline, label: versions.head.label, kernels: kh },
    tsSpan,
  );
  const view = { ...empty, sources: sources.labelled(), changes, problems };
  if (base.plan === undefined || head.plan === undefined || problems.some((d) => d.severity === "error")) return view;
  return { ...view, ...staleReport(sources, base, head, kb, kh, opts) };
}

/** A declaration's text with whitespace and comments squeezed. */
function declText(sources: SourceMap, span: Span): string {
  return (sources.get(span.file)?.text.slice(span.start, span.end) ?? "")
    .replace(/#[^\n]*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The grids and relations the head's kernels computed that the base would compute alike: the
 * same params, the same declaration, the same kernel sources and the same input products.
 */
function sharedDomains(
  sources: SourceMap,
  base: BoundPipeline,
  head: BoundPipeline,
  kb: KernelFiles,
  kh: KernelFiles,
  computed: ComputedDomains,
  opts: DiffOptions,
): ComputedDomains {
  const settings = { ...(opts.profile !== undefined ? { profile: opts.profile } : {}), ...(opts.set !== undefined ? { set: [...opts.set] } : {}) };
  const paramsText = (p: BoundPipeline): string => {
    const v = resolveParams(p, settings).values;
    return JSON.stringify([...v.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, String(x), v.units.get(k)]));
  };
  if (paramsText(base) !== paramsText(head)) return {};
  const same = (b: { span: Span } | undefined, h: { span: Span }, call: BoundKernelCall | undefined): boolean => {
    if (b === undefined || declText(sources, b.span) !== declText(sources, h.span)) return false;
    if (call === undefined) return true;
    if (call.kernel !== undefined && changedFiles(kb.closure(call.kernel.name), kh.closure(call.kernel.name)).length > 0) return false;
    return call.inputs.every((i) => {
      const pb = i.product !== undefined ? base.products.get(i.product) : undefined;
      const ph = i.product !== undefined ? head.products.get(i.product) : undefined;
      return pb !== undefined && ph !== undefined && declText(sources, pb.span) === declText(sources, ph.span);
    });
  };
  const grids = new Map<string, readonly Value[]>();
  for (const [name, keys] of computed.grids ?? []) {
    const h = head.grids.find((g) => g.name === name)!;
    const call = h.domain.kind === "kernel" ? h.domain.call : h.envelope?.kind === "kernel" ? h.envelope.call : undefined;
    if (
      same(
        base.grids.find((g) => g.name === name),
        h,
        call,
      )
    )
      grids.set(name, keys);
  }
  const relations = new Map<string, readonly (readonly Value[])[]>();
  for (const [name, pairs] of computed.relations ?? []) {
    const h = head.relations.find((r) => r.name === name)!;
    if (
      same(
        base.relations.find((r) => r.name === name),
        h,
        h.source.kind === "kernel" ? h.source.call : undefined,
      )
    )
      relations.set(name, pairs);
  }
  return { grids, relations };
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The stale set of the head's plan, per stage with its ranges, reasons and cost, and the orphans. */
function staleReport(sources: LabelledSources, base: LoadedVersion, head: LoadedVersion, kb: KernelFiles, kh: KernelFiles, opts: DiffOptions) {
  const gb = base.plan!.graph;
  const gh = head.plan!.graph;
  const set = staleSet({ base: { graph: gb, pipeline: base.pipeline!, kernels: kb }, head: { graph: gh, pipeline: head.pipeline!, kernels: kh }, sources });
  const summary = summarizePlan(gh, set.state, opts.site);
  const stages: StaleStage[] = gh.stages.map((s, i) => {
    const local: number[] = [];
    for (let t = 0; t < s.count; t++) if (set.state[s.first + t] !== 0) local.push(t);
    const r = keyRanges(gh, s, local);
    const row = summary[i]!;
    const reasons = [...(set.reasons.get(s.name) ?? new Map<string, number>())].map(([reason, tasks]) => ({ reason, tasks })).sort((a, b) => b.tasks - a.tasks);
    return {
      stage: s.name,
      tasks: s.count,
      stale: row.toRun,
      ranges: r.boxes,
      moreRanges: r.more,
      reasons,
      jobs: row.jobs,
      coreHours: row.coreHours,
      ...(s.deferred !== undefined ? { deferred: s.deferred } : {}),
    };
  });
  const total = stages.reduce((a, s) => ({ stale: a.stale + s.stale, jobs: a.jobs + s.jobs, coreHours: a.coreHours + s.coreHours }), {
    stale: 0,
    jobs: 0,
    coreHours: 0,
  });
  const template = (p: BoundProduct | undefined): string =>
    JSON.stringify(p?.template.map((x) => (x.kind === "text" ? x.text : [x.path, x.divisor, x.format])));
  const moved = new Set([...base.pipeline!.products.values()].filter((p) => template(p) !== template(head.pipeline!.products.get(p.name))).map((p) => p.name));
  const orphans = orphansOf(gb, gh, set.matched, head.plan!.out, moved);
  return { stages, total, orphans: orphans.slice(0, 100), orphanCount: orphans.length, headGraph: gh, state: set.state };
}
