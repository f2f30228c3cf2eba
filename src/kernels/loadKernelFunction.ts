import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import { DFLOW_VERSION } from "../version.js";
import { kernelCacheDir } from "./loadKernelIndex.js";
import { installedDflow, PACKAGE_EXPORTS, stdlibRoot } from "./resolveModules.js";
import type { KernelIndex } from "./types.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** A kernel function as the runtime calls it (docs/conventions.md#kernel-contract). */
export type KernelFunction = (inputs: Record<string, unknown>, params: Record<string, unknown>, ctx: unknown) => unknown;

/** The specifiers of a module's imports, exports and dynamic imports (in TypeScript or in the JavaScript it becomes). */
const SPECIFIER_RE = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([^"'\n]+)\2/g;

/**
 * The TypeScript file an import specifier of `file` names when it is one of the module's own
 * files: a relative (`./`, `../`) or absolute (`/…`, `file:`) path, its `.js` (or `.ts`)
 * extension or none, or a bare `stdlib/…` (or `dflow/stdlib/…`) specifier. Undefined for a
 * package or a builtin.
 */
function localSpecifier(file: string, spec: string): string | undefined {
  const std = stdlibSpecifier(spec, file);
  if (std !== undefined) return std;
  let base: string;
  if (/^\.{1,2}\//.test(spec)) base = path.resolve(path.dirname(file), spec);
  else if (path.isAbsolute(spec)) base = path.resolve(spec);
  else if (spec.startsWith("file:")) {
    try {
      base = fileURLToPath(spec);
    } catch {
      return undefined;
    }
  } else return undefined;
  const candidates = [base.replace(/\.js$/, ".ts"), base + ".ts", path.join(base, "index.ts"), base];
  return candidates.find((c) => c.endsWith(".ts") && existsSync(c) && statSync(c).isFile());
}

/**
 * The TypeScript files a module entry reaches through relative and absolute imports and
 * re-exports (`.js` specifiers map to `.ts`) and through bare `stdlib/…` (or `dflow/stdlib/…`)
 * specifiers.
 */
export function moduleClosure(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(SPECIFIER_RE)) {
      const hit = localSpecifier(file, m[3]!);
      if (hit !== undefined) stack.push(hit);
    }
  }
  return [...seen].sort();
}

/** The directory the build compiles the standard library into (`dist/stdlib`), next to `stdlib/`. */
function builtStdlib(): string | undefined {
  const root = stdlibRoot();
  return root === undefined ? undefined : path.join(path.dirname(root), "dist", "stdlib");
}

/** The compiled file of a stdlib source when the build's copy is at least as new as the source. */
function fromBuild(file: string): string | undefined {
  const root = stdlibRoot();
  const built = builtStdlib();
  if (root === undefined || built === undefined) return undefined;
  const rel = path.relative(root, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  const js = path.join(built, rel.replace(/\.ts$/, ".js"));
  try {
    return statSync(js).mtimeMs >= statSync(file).mtimeMs ? js : undefined;
  } catch {
    return undefined;
  }
}

/** Where transpiled modules go: the user's kernel cache (see {@link kernelCacheDir}), never the install, which may not be theirs to write. */
function transpileBase(): string {
  return path.join(kernelCacheDir(), "modules");
}

/**
 * The stdlib file a bare `stdlib/…` or `dflow/stdlib/…` specifier names, and `dflow/kernel` or
 * `dflow/datamodel` when no `dflow` package is installed where `from` lies (an installed one is
 * Node's to resolve); undefined for any other specifier.
 */
function stdlibSpecifier(spec: string, from: string): string | undefined {
  const root = stdlibRoot();
  const exported = PACKAGE_EXPORTS[spec];
  if (exported !== undefined) return root === undefined || installedDflow(path.dirname(from)) ? undefined : path.join(root, exported);
  const m = /^(?:dflow\/)?stdlib\/(.+)$/.exec(spec);
  if (m === undefined || m === null || root === undefined) return undefined;
  const base = path.join(root, m[1]!);
  return [base.replace(/\.js$/, ".ts"), base + ".ts", path.join(base, "index.ts"), base].find((c) => existsSync(c) && statSync(c).isFile());
}

/**
 * Lets bare imports of the transpiled copies resolve as from the sources: in the mirror of each
 * directory above a source file that holds a `node_modules`, a link to it (the kernel's own
 * packages), and at the mirror's root a link to dflow's own `node_modules` (what the stdlib
 * imports). Node walks up from a transpiled file through the mirror, as from its source.
 */
function linkPackages(dir: string, closure: readonly string[]): void {
  const link = (target: string, at: string): void => {
    if (existsSync(at)) return;
    makeDirectory(path.dirname(at));
    try {
      symlinkSync(target, at, "dir");
    } catch (e) {
      // Another process or worker made the same link first.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  };
  const seen = new Set<string>();
  for (const f of closure)
    for (let d = path.dirname(f); !seen.has(d); d = path.dirname(d)) {
      seen.add(d);
      const nm = path.join(d, "node_modules");
      if (existsSync(nm)) link(nm, path.join(dir, d.replace(/^[A-Za-z]:/, ""), "node_modules"));
      if (path.dirname(d) === d) break;
    }
  const root = stdlibRoot();
  const own = root !== undefined ? path.join(path.dirname(root), "node_modules") : undefined;
  if (own !== undefined && existsSync(own)) link(own, path.join(dir, "node_modules"));
}

/**
 * Makes a module runnable and returns the file to import: the build's compiled copy for the
 * stdlib (when fresh), else every file of the module's closure transpiled (TypeScript's
 * `transpileModule`, through ts-morph, loaded only here) into a directory keyed by the
 * closure's content hash, mirroring the sources' absolute paths so relative imports resolve.
 */
export async function runnableModule(entry: string): Promise<string> {
  const closure = moduleClosure(entry);
  const built = closure.map(fromBuild);
  if (built.every((b) => b !== undefined)) return fromBuild(entry)!;
  const h = createHash("sha256").update(DFLOW_VERSION + "\0transpile-5\0");
  for (const f of closure)
    h.update(f + "\0")
      .update(readFileSync(f))
      .update("\0");
  const dir = path.join(transpileBase(), h.digest("hex").slice(0, 32));
  const target = (f: string): string => path.join(dir, f.replace(/^[A-Za-z]:/, "").replace(/\.ts$/, ".js"));
  linkPackages(dir, closure);
  // A bare `stdlib/…` import becomes the file URL of its copy: the install has no package of that
  // name; so does an absolute one (its source is TypeScript, not the copy), and a `.ts` relative
  // one names its transpiled neighbour.
  const rewrite = (js: string, file: string): string =>
    js.replace(SPECIFIER_RE, (all, head: string, q: string, spec: string) => {
      const hit = localSpecifier(file, spec);
      if (hit === undefined) return all;
      if (/^\.{1,2}\//.test(spec)) return /\.ts$/.test(spec) ? `${head}${q}${spec.replace(/\.ts$/, ".js")}${q}` : all;
      return `${head}${q}${pathToFileURL(fromBuild(hit) ?? target(hit)).href}${q}`;
    });
  if (!closure.every((f) => existsSync(target(f)))) {
    const { ts } = await import("ts-morph");
    for (const f of closure) {
      const out = ts.transpileModule(readFileSync(f, "utf8"), {
        fileName: f,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true, sourceMap: true },
      });
      // A cache: losing it in a crash costs a transpile. Temporary names differ per process and worker thread.
      writeFileAtomic(target(f), withSourceMap(rewrite(out.outputText, f), out.sourceMapText, f), { fsync: false });
    }
  }
  return target(entry);
}

/**
 * The transpiled text with its source map inline, naming the TypeScript file by its absolute path: with
 * source maps on (see {@link loadExport}), a kernel's stack names its own file and line, not the
 * copy in the cache. The specifier rewrite changes import lines only, never how many lines there are.
 */
function withSourceMap(js: string, map: string | undefined, source: string): string {
  const body = js.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  if (map === undefined) return body;
  const m = JSON.parse(map) as { sources?: string[]; sourceRoot?: string };
  m.sources = [source];
  delete m.sourceRoot;
  return `${body}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(m)).toString("base64")}\n`;
}

/** Imports a module entry (made runnable by {@link runnableModule}) and returns its export `exportName`, or why not. */
export async function loadExport(entry: string, exportName: string, label: string): Promise<KernelFunction | string> {
  // Stacks through the transpiled copies name the kernels' own files and lines.
  process.setSourceMapsEnabled(true);
  try {
    const ns = (await import(pathToFileURL(await runnableModule(entry)).href)) as Record<string, unknown>;
    const fn = ns[exportName];
    return typeof fn === "function" ? (fn as KernelFunction) : `\`${entry}\` does not export a function \`${exportName}\``;
  } catch (e) {
    return `\`${label}\` cannot be loaded: ${loadFailure(e, entry)}`;
  }
}

/** What the system said of a file, in a few words. */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "does not exist (moved or removed since the pipeline was checked?)",
  ENOTDIR: "does not exist: a file stands where its path needs a directory",
  EISDIR: "is a directory, not a module",
  EACCES: "cannot be read: permission denied",
  EPERM: "cannot be read: permission denied",
  ELOOP: "cannot be read: its path has a loop of symbolic links",
  EIO: "cannot be read: the disk reported an input/output error",
};

/**
 * Why a kernel's module could not be loaded: a system error on one of its files in dflow's
 * words, with the file (`entry` when the error names none: a read of a directory); else the
 * error's message.
 */
export function loadFailure(e: unknown, entry: string): string {
  const err = e as NodeJS.ErrnoException | null | undefined;
  const file = typeof err?.path === "string" ? err.path : typeof err?.code === "string" && /^E[A-Z]+$/.test(err.code) ? entry : undefined;
  const why = typeof err?.code === "string" ? FILE_ERRORS[err.code] : undefined;
  const cache = kernelCacheDir();
  if (file !== undefined && typeof err?.code === "string" && (file === cache || file.startsWith(cache + path.sep)))
    return `the kernel cache directory \`${cache}\` cannot be written (${err.code}), where its module is transpiled: set DFLOW_CACHE_DIR to a writable directory`;
  if (file !== undefined && why !== undefined) return `its file \`${file}\` ${why}`;
  if (file !== undefined && typeof err?.code === "string") return `its file \`${file}\` cannot be read (${err.code})`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Loads kernel `name` (`calib.fiberflat`) of an index for running: imports its module (see
 * {@link runnableModule}) and returns the exported function, or a message saying why not.
 */
export async function loadKernelFunction(index: KernelIndex, name: string): Promise<{ fn?: KernelFunction; error?: string }> {
  const k = index.kernels.find((x) => x.name === name);
  if (k === undefined) return { error: `there is no kernel \`${name}\`` };
  const mod = index.modules.find((m) => m.alias === k.module);
  if (mod === undefined) return { error: `the module of \`${name}\` is not loaded` };
  const f = await loadExport(mod.entry, k.exportName, name);
  return typeof f === "string" ? { error: f } : { fn: f };
}
