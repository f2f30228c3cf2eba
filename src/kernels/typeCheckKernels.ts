/**
 * Type-checks the user's kernel modules a pipeline imports (`dflow check`): TypeScript's own
 * diagnostics for every file they reach outside the standard library (which `tsc -p .` checks
 * when dflow is built, not here), cached by content so that a warm check reads one small file.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { existsSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import { hashFile } from "./hashKernelSources.js";
import { KERNEL_INDEX_VERSION } from "./kernelIndexVersion.js";
import { kernelCacheDir } from "./loadKernelIndex.js";
import { stdlibRoot } from "./resolveModules.js";
import type { KernelIndex, TsLoc } from "./types.js";

/** One TypeScript error in a kernel module: its message on one line, TypeScript's code and where it is. */
export interface KernelTypeError {
  readonly message: string;
  readonly code: number;
  readonly loc: TsLoc;
}

/** The type errors of a pipeline's kernel modules, and whether they came from the cache. */
export interface KernelTypeCheck {
  readonly errors: readonly KernelTypeError[];
  readonly fromCache: boolean;
}

/** The cache file: the checked files with their content hashes, and what the check found. */
interface CacheFile {
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  readonly errors: readonly KernelTypeError[];
}

/**
 * Type-checks the modules of `index` that are not the standard library's, with the options
 * kernels are read with (`kernelCompilerOptions`). The result is cached under the kernel cache
 * directory, keyed by the index's hash (which covers the modules' directories and the standard
 * library) and checked against the content of every file the check read outside them.
 */
export async function typeCheckKernels(index: KernelIndex, opts: { readonly cacheDir?: string; readonly stdlibRoot?: string } = {}): Promise<KernelTypeCheck> {
  const stdlib = opts.stdlibRoot ?? stdlibRoot();
  const inStdlib = (f: string): boolean => stdlib !== undefined && f.startsWith(stdlib + sep);
  const modules = index.modules.filter((m) => !inStdlib(m.entry));
  if (modules.length === 0) return { errors: [], fromCache: false };
  // Node's globals (timers, `process`) when the project installed their types, as its own `tsc` would see them.
  const nodeTypes = modules.some((m) => seesPackage(dirname(m.entry), "@types/node"));
  const key = createHash("sha256")
    .update(`typecheck-1\0${KERNEL_INDEX_VERSION}\0${index.hash}\0${nodeTypes}\0${JSON.stringify(modules)}`)
    .digest("hex");
  const cachePath = join(opts.cacheDir ?? kernelCacheDir(), `typecheck-${key}.json`);
  const cached = readCache(cachePath);
  if (cached !== undefined) return { errors: cached, fromCache: true };

  const tm = await import("ts-morph");
  const { kernelCompilerOptions } = await import("./readKernelIndex.js");
  const compilerOptions = { ...kernelCompilerOptions(tm, index.modules, stdlib), ...(nodeTypes ? { types: ["node"], typeRoots: typeRootsOf(modules) } : {}) };
  const project = new tm.Project({ skipAddingFilesFromTsConfig: true, compilerOptions });
  for (const m of modules) project.addSourceFileAtPathIfExists(m.entry);
  project.resolveSourceFileDependencies();
  const program = project.getProgram().compilerObject;
  const errors: KernelTypeError[] = [];
  const files: { path: string; sha256: string }[] = [];
  for (const sf of project.getSourceFiles()) {
    const path = sf.getFilePath() as string;
    if (sf.isDeclarationFile() || sf.isInNodeModules() || inStdlib(path)) continue;
    files.push({ path, sha256: hashFile(path) ?? "" });
    const found = [...program.getSyntacticDiagnostics(sf.compilerNode), ...program.getSemanticDiagnostics(sf.compilerNode)];
    for (const d of found) {
      if (d.category !== tm.ts.DiagnosticCategory.Error) continue;
      const start = d.start ?? 0;
      const { line, column } = sf.getLineAndColumnAtPos(start);
      errors.push({
        message: tm.ts.flattenDiagnosticMessageText(d.messageText, " "),
        code: d.code,
        loc: { file: path, start, end: start + (d.length ?? 0), line, column },
      });
    }
  }
  errors.sort((a, b) => (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.start - b.loc.start));
  try {
    writeFileAtomic(cachePath, JSON.stringify({ files, errors } satisfies CacheFile), { fsync: false });
  } catch {
    // A cache that cannot be written is only a slower next check.
  }
  return { errors, fromCache: false };
}

function readCache(path: string): readonly KernelTypeError[] | undefined {
  let data: CacheFile;
  try {
    data = JSON.parse(readFileSync(path, "utf8")) as CacheFile;
  } catch {
    return undefined;
  }
  const files: unknown = data.files;
  const errors: unknown = data.errors;
  if (!Array.isArray(files) || !Array.isArray(errors)) return undefined;
  for (const f of files as CacheFile["files"]) if (hashFile(f.path) !== f.sha256) return undefined;
  return errors as readonly KernelTypeError[];
}

/** Whether package `name` is installed in a `node_modules` in `dir` or above it. */
function seesPackage(dir: string, name: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules", name, "package.json"))) return true;
    if (dirname(d) === d) return false;
  }
}

/** The `node_modules/@types` directories above the modules, nearest first. */
function typeRootsOf(modules: readonly { readonly entry: string }[]): string[] {
  const roots = new Set<string>();
  for (const m of modules)
    for (let d = dirname(m.entry); ; d = dirname(d)) {
      if (existsSync(join(d, "node_modules", "@types"))) roots.add(join(d, "node_modules", "@types"));
      if (dirname(d) === d) break;
    }
  return [...roots];
}
