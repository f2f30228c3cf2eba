import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, Result } from "./diag/Diagnostic.js";
import { diag } from "./diag/codes.js";
import { displayPath, type SourceMap } from "./diag/SourceMap.js";
import { checkProgram, type CheckedProgram, type Scope } from "./check/index.js";
import { bindProgram, type BoundPipeline } from "./bind/index.js";
import { loadKernelIndex, resolveModules, type KernelIndex } from "./kernels/index.js";
import { importAlias } from "./check/index.js";
import { parseDflow, type ParsedFile } from "./syntax/index.js";
import { lostBytes } from "./util/lostBytes.js";
import type { SourceFile } from "./util/SourceFile.js";
import { planProgram, type Plan } from "./plan/index.js";
import { claimOutputRoot, defaultOutputRoot, planWithData, type IsolationSettings, type RootOwner } from "./runtime/index.js";

/** A file read and parsed (and checked, when there were no syntax errors; and bound, when there were no check errors). */
export interface CompiledFile {
  readonly file: SourceFile;
  readonly parsed: ParsedFile;
  readonly checked?: CheckedProgram;
  /** The pipeline bound once: what planning, running and emitting read. */
  readonly bound?: BoundPipeline;
}

/** Reads the kernel index for a parsed file's imports (the checker's view of kernels and types). */
export type IndexLoader = (file: SourceFile, parsed: ParsedFile, sources: SourceMap) => Promise<Result<KernelIndex | undefined>>;

/**
 * The default {@link IndexLoader}: resolves the file's imports to modules (the data model
 * implicitly), then loads their index from the on-disk cache, or with ts-morph on a miss.
 * A module that cannot be found is DF2011; a malformed data-model tag is DF3027.
 */
export const defaultIndexLoader: IndexLoader = (file, parsed, sources) => indexLoaderWith({})(file, parsed, sources);

/**
 * The {@link defaultIndexLoader} with another standard library: `dflow diff` reads a revision's
 * kernels and data model from that revision's tree.
 */
export const indexLoaderWith =
  (opts: { readonly stdlibRoot?: string }): IndexLoader =>
  async (file, parsed, sources) => {
    const diagnostics: Diagnostic[] = [];
    const imports = parsed.ast.decls.filter((d) => d.kind === "Import");
    const resolved = resolveModules(
      file.path,
      imports.map((d) => ({ module: d.module.kind === "String" ? d.module.value : d.module.parts.map((p) => p.value), alias: importAlias(d) })),
      opts,
    );
    for (const p of resolved.problems) {
      const at = imports[p.index];
      diagnostics.push(
        diag("DF2011", p.message, at?.module.loc, { label: "module not found", ...(p.suggestions !== undefined ? { suggestions: p.suggestions } : {}) }),
      );
    }
    const loaded = await loadKernelIndex(resolved.modules, opts);
    for (const p of loaded.index.problems) {
      let text = "";
      try {
        text = readFileSync(p.loc.file, "utf8");
      } catch {
        // The label still names the file.
      }
      const f = sources.add(p.loc.file, text);
      diagnostics.push(diag("DF3027", p.message, { file: f.id, start: p.loc.start, end: p.loc.end }, { label: "in the data model" }));
    }
    return { value: loaded.index, diagnostics };
  };

/** Options of {@link checkFile}. */
export interface CheckOptions {
  /** How to obtain the kernel index; without one, the kernel and type rules stay silent. */
  readonly loadIndex?: IndexLoader;
}

/**
 * The driver for `dflow check` and every command after it: read, parse, and when the syntax
 * is clean, load the kernel index and run the checker; when the check is clean, bind the
 * pipeline (kernels found, params converted once). No phase runs after errors in the one
 * before it (their consequences would only add noise).
 */
export async function checkFile(sources: SourceMap, path: string, opts: CheckOptions = {}): Promise<Result<CompiledFile | undefined>> {
  const parsed = compileFile(sources, path);
  if (parsed.value === undefined || parsed.diagnostics.some((d) => d.severity === "error")) return parsed;
  const { file, parsed: p } = parsed.value;
  try {
    const idx = await (opts.loadIndex ?? defaultIndexLoader)(file, p, sources);
    const checked = checkProgram(p.ast, idx.value, sources);
    const diagnostics = [...parsed.diagnostics, ...idx.diagnostics, ...checked.diagnostics];
    if (diagnostics.some((d) => d.severity === "error")) return { value: { file, parsed: p, checked: checked.value }, diagnostics };
    const bound = bindProgram(checked.value, file.path);
    return { value: { file, parsed: p, checked: checked.value, bound: bound.value }, diagnostics: [...diagnostics, ...bound.diagnostics] };
  } catch (e) {
    return guard(() => {
      throw e;
    });
  }
}

/**
 * Reads a source file as UTF-8 text. A missing or unreadable file is DF1000; bytes that are
 * not UTF-8 are DF1008 (a byte-order mark is fine).
 */
export function readSource(sources: SourceMap, path: string): Result<SourceFile | undefined> {
  const shown = displayPath(path, process.cwd());
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) {
      return { value: undefined, diagnostics: [diag("DF1000", `\`${shown}\` is a directory, not a \`.dflow\` file.`, undefined)] };
    }
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? lostBytes(path)
          ? "its name is not valid UTF-8, and dflow receives such a name with those bytes replaced (shown as �), so it cannot open it; rename the file in UTF-8"
          : "it does not exist"
        : code === "EACCES"
          ? "permission denied"
          : String((e as Error).message);
    return { value: undefined, diagnostics: [diag("DF1000", `Cannot read \`${shown}\`: ${why}.`, undefined)] };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const file = sources.add(path, "");
    const bad = firstInvalidUtf8(bytes);
    return {
      value: undefined,
      diagnostics: [
        diag(
          "DF1008",
          `\`${shown}\` is not UTF-8 text (invalid byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at byte ${bad}).`,
          { file: file.id, start: 0, end: 0 },
          {
            help: "dflow reads `.dflow` source in UTF-8; check that the right file was named",
          },
        ),
      ],
    };
  }
  return { value: sources.add(path, text), diagnostics: [] };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest invalid prefix (a truncated sequence at the end of a prefix
  // is invalid too, so search with `stream: false` on whole prefixes).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      dec.decode(bytes.subarray(0, mid + 1));
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/**
 * The driver: runs the phases on one file and decides whether to go on. Today: read and
 * parse; the checker, planner and backends attach here. An exception escaping a phase is a
 * bug in dflow, reported as DF9001 with its stack instead of crashing the caller.
 */
export function compileFile(sources: SourceMap, path: string): Result<CompiledFile | undefined> {
  const read = readSource(sources, path);
  if (read.value === undefined) return { value: undefined, diagnostics: read.diagnostics };
  return guard(() => {
    const file = read.value!;
    const parsed = parseDflow(file);
    return { value: { file, parsed: parsed.value }, diagnostics: parsed.diagnostics };
  });
}

/** Compiles already-loaded text (the library entry used by tests and the fuzzer). */
export function compileText(sources: SourceMap, path: string, text: string): Result<CompiledFile | undefined> {
  return guard(() => {
    const file = sources.add(path, text);
    const parsed = parseDflow(file);
    return { value: { file, parsed: parsed.value }, diagnostics: parsed.diagnostics };
  });
}

/** Runs `fn`, turning an escaping exception into DF9001. */
export function guard<T>(fn: () => Result<T>): Result<T | undefined> {
  try {
    return fn();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const d: Diagnostic = diag("DF9001", `Internal error: ${err.message}`, undefined, {
      notes: [err.stack ?? ""],
      help: "this is a bug in dflow; please report it with the input and the command",
    });
    return { value: undefined, diagnostics: [d] };
  }
}

/** What every command that plans takes: the output root, the profile, `--set` assignments. */
export interface PlanFlags {
  /** `--out`; without it the pipeline's own root (see {@link outputRoot}). */
  readonly out?: string;
  readonly profile?: string;
  readonly set?: string[];
}

/** Who a pipeline's output root belongs to: its `pipeline NAME` (the file's name when it declares none) and its file. */
export function rootOwner(pipeline: BoundPipeline, source: string): RootOwner {
  return {
    pipeline: pipeline.name !== "" ? pipeline.name : path.basename(source, ".dflow"),
    source: path.resolve(source),
    stages: pipeline.stages.map((s) => s.name),
  };
}

/** The output root of a command: `--out` (relative to `cwd`), else `./out/<pipeline name>`. */
export function outputRoot(out: string | undefined, pipeline: BoundPipeline, source: string, cwd: string): string {
  return out !== undefined ? path.resolve(cwd, out) : defaultOutputRoot(cwd, rootOwner(pipeline, source).pipeline);
}

/**
 * Checks and plans a file; diagnostics are returned, the plan only when there were no errors.
 * An output root of another pipeline is refused before it is read (DF5011); `claim` records
 * the pipeline as the root's owner (commands whose artifacts write under it); `limits` bound
 * the grid and relation kernels it calls (the isolation flags).
 */
export async function loadPlan(
  sources: SourceMap,
  file: string,
  flags: PlanFlags,
  cwd: string,
  claim = false,
  limits: IsolationSettings = {},
): Promise<{ plan?: Plan; pipeline?: BoundPipeline; scope?: Scope; diagnostics: Diagnostic[] }> {
  const source = path.resolve(cwd, file);
  const checked = await checkFile(sources, source, { loadIndex: defaultIndexLoader });
  const diagnostics = [...checked.diagnostics];
  const c = checked.value?.bound;
  if (c === undefined || diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const out = outputRoot(flags.out, c, source, cwd);
  diagnostics.push(...claimOutputRoot(out, rootOwner(c, source), cwd, claim));
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const opts = { out, ...(flags.profile !== undefined ? { profile: flags.profile } : {}), ...(flags.set !== undefined ? { set: flags.set } : {}) };
  // With the kernels at hand, grids and relations computed by kernels whose inputs are on disk
  // are resolved too, so the plan reaches as far as the data made so far allows.
  let p: { value: Plan | undefined; diagnostics: readonly Diagnostic[] };
  if (c.index !== undefined) {
    try {
      p = await planWithData(c, { ...opts, ...limits });
    } catch (e) {
      p = { value: undefined, diagnostics: [diag("DF5008", `The frontier of the plan could not be computed: ${(e as Error).message}`, undefined)] };
    }
  } else p = guard(() => planProgram(c, opts));
  diagnostics.push(...p.diagnostics);
  const scope = checked.value?.checked?.scope;
  return p.value !== undefined ? { plan: p.value, pipeline: c, ...(scope !== undefined ? { scope } : {}), diagnostics } : { diagnostics };
}
