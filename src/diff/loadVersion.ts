import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import { checkFile, guard, indexLoaderWith } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { SourceMap } from "../diag/SourceMap.js";
import { planProgram, type Plan } from "../plan/index.js";
import { planWithData } from "../runtime/index.js";
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

/** One side of a diff, bound and planned. */
export interface LoadedVersion {
  readonly version: Version;
  readonly pipeline?: BoundPipeline;
  readonly plan?: Plan;
  /** The standard library this side was read with (undefined: the installed one). */
  readonly stdlibRoot?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** What both sides are planned with: the same data, profile and `--set`. */
export interface SideOptions {
  readonly out: string;
  readonly profile?: string;
  readonly set?: readonly string[];
}

/**
 * Checks, binds and plans one side with the data under `out`: grids and relations computed by
 * kernels whose inputs are there are resolved (the side's own kernels), as `dflow plan` does.
 */
export async function loadVersion(sources: LabelledSources, version: Version, opts: SideOptions): Promise<LoadedVersion> {
  const stdlibRoot = version.tree?.stdlibRoot;
  if (version.tree !== undefined) sources.addTree(version.tree.dir, version.tree.rev);
  const checked = await checkFile(sources, version.file, { loadIndex: indexLoaderWith(stdlibRoot !== undefined ? { stdlibRoot } : {}) });
  const diagnostics = [...checked.diagnostics];
  const bound = checked.value?.bound;
  const common = { version, ...(stdlibRoot !== undefined ? { stdlibRoot } : {}) };
  if (bound === undefined || diagnostics.some((d) => d.severity === "error")) return { ...common, diagnostics };
  const planOpts = {
    out: opts.out,
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.set !== undefined ? { set: [...opts.set] } : {}),
  };
  let planned: { value: Plan | undefined; diagnostics: readonly Diagnostic[] };
  try {
    planned = bound.index !== undefined ? await planWithData(bound, planOpts) : guard(() => planProgram(bound, planOpts));
  } catch (e) {
    planned = guard(() => {
      throw e;
    });
  }
  diagnostics.push(...planned.diagnostics);
  if (planned.value === undefined || planned.diagnostics.some((d) => d.severity === "error")) return { ...common, pipeline: bound, diagnostics };
  return { ...common, pipeline: bound, plan: planned.value, diagnostics };
}
