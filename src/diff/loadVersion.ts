import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import { checkFile, guard, indexLoaderWith } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { SourceMap } from "../diag/SourceMap.js";
import { planProgram, type ComputedDomains, type Plan } from "../plan/index.js";
import { planWithData } from "../runtime/index.js";
import { productIntact } from "../runtime/state.js";
import type { Version } from "./versionSource.js";

/**
 * The source map of a diff, which can name a revision's files as `REV:path`
 * (`main:pipelines/p.dflow`) instead of their place in the extracted tree, so that every report
 * shows where a change is in each side. Files keep their real path while they are read (imports
 * resolve from it); {@link LabelledSources.labelled} makes the view the reports print.
 */
export class LabelledSources extends SourceMap {
  readonly #trees: { dir: string; rev: string }[] = [];

  /** Files under `dir` are shown as `rev:` and their path in the tree. */
  addTree(dir: string, rev: string): void {
    this.#trees.push({ dir: path.resolve(dir), rev });
  }

  #label(filePath: string): string {
    const abs = path.resolve(filePath);
    for (const t of this.#trees) if (abs.startsWith(t.dir + path.sep)) return `${t.rev}:${path.relative(t.dir, abs).split(path.sep).join("/")}`;
    return filePath;
  }

  /** The same files (same ids, same text) under the names reports show. */
  labelled(): SourceMap {
    const view = new SourceMap();
    for (let id = 0; ; id++) {
      const f = this.get(id);
      if (f === undefined) return view;
      view.add(this.#label(f.path), f.text);
    }
  }
}

/** One side of a diff, checked and bound. */
export interface CheckedVersion {
  readonly version: Version;
  readonly pipeline?: BoundPipeline;
  /** The standard library this side was read with (undefined: the installed one). */
  readonly stdlibRoot?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** One side of a diff, bound and planned. */
export interface LoadedVersion extends CheckedVersion {
  readonly plan?: Plan;
  /** The grids and relations its kernels computed from the data. */
  readonly computed?: ComputedDomains;
}

/** What both sides are planned with: the same data, profile and `--set`. */
export interface SideOptions {
  readonly out: string;
  readonly profile?: string;
  readonly set?: readonly string[];
}

/** Checks and binds one side, its kernels and data model read from its own tree. */
export async function checkVersion(sources: LabelledSources, version: Version): Promise<CheckedVersion> {
  const stdlibRoot = version.tree?.stdlibRoot;
  if (version.tree !== undefined) sources.addTree(version.tree.dir, version.tree.rev);
  const checked = await checkFile(sources, version.file, { loadIndex: indexLoaderWith(stdlibRoot !== undefined ? { stdlibRoot } : {}) });
  const common = { version, ...(stdlibRoot !== undefined ? { stdlibRoot } : {}), diagnostics: checked.diagnostics };
  const bound = checked.value?.bound;
  return bound === undefined || checked.diagnostics.some((d) => d.severity === "error") ? common : { ...common, pipeline: bound };
}

function planOptions(opts: SideOptions) {
  return { out: opts.out, ...(opts.profile !== undefined ? { profile: opts.profile } : {}), ...(opts.set !== undefined ? { set: [...opts.set] } : {}) };
}

/**
 * Plans a checked side with the data under `out`: grids and relations computed by kernels whose
 * inputs are there are resolved (the side's own kernels), as `dflow plan` does. With `shared`,
 * the grids and relations the other side computed from the same declarations, params and kernel
 * sources are taken as they are, and the side is planned once; when that leaves it waiting on
 * more than `waits` (what the other side waits on), it is planned as `dflow plan` does.
 */
export async function planVersion(
  side: CheckedVersion,
  opts: SideOptions,
  shared?: { readonly computed: ComputedDomains; readonly waits: ReadonlySet<string> },
): Promise<LoadedVersion> {
  const bound = side.pipeline;
  if (bound === undefined) return side;
  const diagnostics = [...side.diagnostics];
  const planOpts = planOptions(opts);
  let planned: { value: Plan | undefined; diagnostics: readonly Diagnostic[]; computed?: ComputedDomains } | undefined;
  if (shared !== undefined) {
    const once = guard(() =>
      planProgram(bound, { ...planOpts, computed: shared.computed, intact: (file, producer) => productIntact(opts.out, file, producer) }),
    );
    if (once.value !== undefined && [...waitsOf(once.value)].every((w) => shared.waits.has(w))) planned = { ...once, computed: shared.computed };
  }
  try {
    planned ??= bound.index !== undefined ? await planWithData(bound, planOpts) : guard(() => planProgram(bound, planOpts));
  } catch (e) {
    planned = guard(() => {
      throw e;
    });
  }
  diagnostics.push(...planned.diagnostics);
  if (planned.value === undefined || planned.diagnostics.some((d) => d.severity === "error")) return { ...side, diagnostics };
  return { ...side, plan: planned.value, ...(planned.computed !== undefined ? { computed: planned.computed } : {}), diagnostics };
}

/** What a plan waits on: its frontier grids and its deferred stages. */
export function waitsOf(plan: Plan): Set<string> {
  return new Set([
    ...[...plan.graph.frontier.keys()].map((g) => `grid ${g}`),
    ...plan.graph.stages.filter((s) => s.deferred !== undefined).map((s) => `stage ${s.name}`),
  ]);
}
