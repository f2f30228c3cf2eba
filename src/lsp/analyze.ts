import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bindProgram, type BoundPipeline } from "../bind/index.js";
import { checkProgram, importAlias, type CheckedProgram } from "../check/index.js";
import { compileText, defaultIndexLoader, guard, rootOwner } from "../compile.js";
import type { Diagnostic, Result } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { SourceMap } from "../diag/SourceMap.js";
import type { KernelIndex } from "../kernels/index.js";
import { findLintConfig, lintPipeline, LINT_RULES, readLintConfig } from "../lint/index.js";
import { planProgram, type Plan } from "../plan/index.js";
import { claimOutputRoot, defaultOutputRoot, planWithData } from "../runtime/index.js";
import type { ParsedFile } from "../syntax/index.js";
import type { SourceFile } from "../util/SourceFile.js";

/** One version of an open document, analysed as `dflow check` does, with its plan and lint computed on demand. */
export interface Analysis {
  readonly version: number;
  readonly sources: SourceMap;
  readonly file: SourceFile;
  readonly parsed?: ParsedFile;
  /** Whether the text parsed without errors (then `dflow fmt` can print it). */
  readonly syntaxOk: boolean;
  readonly checked?: CheckedProgram;
  readonly bound?: BoundPipeline;
  /** The kernel index of the file's imports, read even when the text does not parse (completion needs it while typing). */
  readonly index?: KernelIndex;
  /** The diagnostics of `dflow check` on this text. */
  readonly diagnostics: readonly Diagnostic[];
  /** The plan at the default profile (or the configured one), computed once per version. */
  plan?: Promise<PlanResult>;
  /** Lint's diagnostics, computed once per version. */
  lint?: Promise<readonly Diagnostic[]>;
}

/** A plan and the output root it read. */
export interface PlanResult {
  readonly plan?: Plan;
  readonly out?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** What the server was told: the output root (`--out`), the profile, the folder relative paths start from. */
export interface AnalysisSettings {
  readonly out?: string;
  readonly profile?: string;
  readonly cwd: string;
}

/** A file's modification time, or -1 when it cannot be read. */
function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

interface IndexEntry {
  readonly loaded: Result<KernelIndex | undefined>;
  /** The TypeScript files the index was read from (module entries, kernels and their import closures, types) and their modification times then. */
  readonly files: ReadonlyMap<string, number>;
}

/**
 * Kernel indexes by the imports that asked for them: a one-character edit does not reread
 * TypeScript. An entry is dropped when one of the files it was read from (a module's entry, a
 * kernel's or a type's file) changed on disk since.
 */
export class IndexCache {
  readonly #entries = new Map<string, IndexEntry>();

  clear(): void {
    this.#entries.clear();
  }

  /** Drops the entries whose files changed on disk; whether any did. */
  dropStale(): boolean {
    let dropped = false;
    for (const [k, e] of this.#entries) {
      if ([...e.files].some(([f, t]) => mtimeOf(f) !== t)) {
        this.#entries.delete(k);
        dropped = true;
      }
    }
    return dropped;
  }

  async load(file: SourceFile, parsed: ParsedFile, sources: SourceMap): Promise<Result<KernelIndex | undefined>> {
    const imports = parsed.ast.decls.flatMap((d) =>
      d.kind === "Import" ? [[d.module.kind === "String" ? d.module.value : d.module.parts.map((p) => p.value).join("."), importAlias(d)]] : [],
    );
    const key = JSON.stringify([path.dirname(file.path), imports]);
    const known = this.#entries.get(key);
    // Diagnostics point into the SourceMap of the run that made them: only a clean load is reused.
    // Every load is recorded with its files, so that the server drops stale entries (dropStale) before each request.
    if (known !== undefined && known.loaded.diagnostics.length === 0) return known.loaded;
    const loaded = await defaultIndexLoader(file, parsed, sources);
    const idx = loaded.value;
    // A kernel's import closure too: binding hashes it once per index (the fingerprints of a stage's hover).
    const read = new Set([
      ...(idx?.modules ?? []).map((m) => m.entry),
      ...(idx?.kernels ?? []).flatMap((k) => [k.loc.file, ...k.importClosure]),
      ...(idx?.types ?? []).map((t) => t.loc.file),
      ...(idx?.problems ?? []).map((p) => p.loc.file),
    ]);
    this.#entries.set(key, { loaded, files: new Map([...read].map((f) => [f, mtimeOf(f)])) });
    return loaded;
  }
}

/**
 * The file of a document's URI (an unsaved `untitled:` document is a file of the folder `cwd`),
 * or, when the URI's name is not valid UTF-8 (Node cannot name such a file), the name with
 * those bytes replaced (shown as �) and `invalid`.
 */
export function fileOfUri(uri: string, cwd: string): { readonly path: string; readonly invalid?: true } {
  if (!uri.startsWith("file:")) return { path: path.join(cwd, "untitled.dflow") };
  try {
    return { path: fileURLToPath(uri) };
  } catch {
    let shown: string;
    try {
      const u = new URL(uri);
      const bytes = Buffer.from(
        u.pathname.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      );
      shown = new TextDecoder("utf-8").decode(bytes);
    } catch {
      shown = uri;
    }
    return { path: shown, invalid: true };
  }
}

/** The analysis of a document whose name is not valid UTF-8: DF1000, as `dflow check` says of such a file. */
export function unreadableName(filePath: string, text: string, version: number): Analysis {
  const sources = new SourceMap();
  const file = sources.add(filePath, text);
  const why =
    "its name is not valid UTF-8, and dflow receives such a name with those bytes replaced (shown as �), so it cannot open it; rename the file in UTF-8";
  return { version, sources, file, syntaxOk: false, diagnostics: [diag("DF1000", `Cannot read \`${filePath}\`: ${why}.`, undefined)] };
}

/** Parses, checks and binds `text` as `dflow check` does for the file at `filePath` (no phase after errors in the one before). */
export async function analyze(filePath: string, text: string, version: number, indexes: IndexCache): Promise<Analysis> {
  const sources = new SourceMap();
  const parsed = compileText(sources, filePath, text);
  const file = sources.get(0) ?? sources.add(filePath, text);
  const base = { version, sources, file, syntaxOk: false };
  if (parsed.value === undefined) return { ...base, diagnostics: parsed.diagnostics };
  const p = parsed.value.parsed;
  if (parsed.diagnostics.some((d) => d.severity === "error")) {
    // `dflow check` stops here; the kernels of the imports that did parse still serve completion.
    const idx = await indexes.load(file, p, new SourceMap()).catch(() => undefined);
    return { ...base, parsed: p, ...(idx?.value !== undefined ? { index: idx.value } : {}), diagnostics: parsed.diagnostics };
  }
  base.syntaxOk = true;
  try {
    const idx = await indexes.load(file, p, sources);
    const index = idx.value !== undefined ? { index: idx.value } : {};
    const checked = checkProgram(p.ast, idx.value, sources);
    const diagnostics = [...parsed.diagnostics, ...idx.diagnostics, ...checked.diagnostics];
    if (diagnostics.some((d) => d.severity === "error")) return { ...base, parsed: p, ...index, checked: checked.value, diagnostics };
    const bound = bindProgram(checked.value);
    return { ...base, parsed: p, ...index, checked: checked.value, bound: bound.value, diagnostics: [...diagnostics, ...bound.diagnostics] };
  } catch (e) {
    const g = guard(() => {
      throw e;
    });
    return { ...base, parsed: p, diagnostics: g.diagnostics };
  }
}

/** The output root of an analysis: the setting (relative to the folder), else `./out/<pipeline name>` as the CLI's `--out` defaults. */
export function outputRootOf(a: Analysis, settings: AnalysisSettings): string | undefined {
  if (a.bound === undefined) return undefined;
  return settings.out !== undefined ? path.resolve(settings.cwd, settings.out) : defaultOutputRoot(settings.cwd, rootOwner(a.bound, a.file.path).pipeline);
}

/** The plan of an analysis, as `dflow plan` computes it (grids computed from data on disk when kernels are at hand); cached on the analysis. */
export function planOf(a: Analysis, settings: AnalysisSettings): Promise<PlanResult> {
  a.plan ??= (async (): Promise<PlanResult> => {
    const bound = a.bound;
    const out = outputRootOf(a, settings);
    if (bound === undefined || out === undefined) return { diagnostics: [] };
    const refused = claimOutputRoot(out, rootOwner(bound, a.file.path), settings.cwd, false);
    if (refused.some((d) => d.severity === "error")) return { out, diagnostics: refused };
    const opts = { out, ...(settings.profile !== undefined ? { profile: settings.profile } : {}) };
    try {
      const r = bound.index !== undefined ? await planWithData(bound, opts) : planProgram(bound, opts);
      return { ...(r.value !== undefined ? { plan: r.value } : {}), out, diagnostics: r.diagnostics };
    } catch (e) {
      return { out, diagnostics: [diag("DF5008", `The frontier of the plan could not be computed: ${(e as Error).message}`, undefined)] };
    }
  })();
  return a.plan;
}

/** Lint's diagnostics on an analysis that checks, as `dflow lint` reports them (the nearest `dflow.yaml` applies); cached on the analysis. */
export function lintOf(a: Analysis, settings: AnalysisSettings): Promise<readonly Diagnostic[]> {
  a.lint ??= (async (): Promise<readonly Diagnostic[]> => {
    const bound = a.bound;
    if (bound === undefined || a.parsed === undefined) return [];
    const found = findLintConfig(path.dirname(a.file.path));
    const cfg = found !== undefined ? readLintConfig(a.sources, found, LINT_RULES) : undefined;
    const planned = guard(() =>
      planProgram(bound, { out: outputRootOf(a, settings)!, ...(settings.profile !== undefined ? { profile: settings.profile } : {}) }),
    );
    const plan = planned.diagnostics.some((d) => d.severity === "error") ? undefined : planned.value;
    return [
      ...(cfg?.diagnostics ?? []),
      ...lintPipeline(bound, {
        source: { text: a.file.text, comments: a.parsed.comments },
        ...(plan !== undefined ? { plan } : {}),
        ...(cfg !== undefined ? { config: cfg.config } : {}),
      }),
    ];
  })();
  return a.lint;
}
