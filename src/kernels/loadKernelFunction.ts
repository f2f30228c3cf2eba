import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import { DFLOW_VERSION } from "../version.js";
import { kernelCacheDir } from "./loadKernelIndex.js";
import { stdlibRoot } from "./resolveModules.js";
import type { KernelIndex } from "./types.js";

/** A kernel function as the runtime calls it (docs/conventions.md#kernel-contract). */
export type KernelFunction = (inputs: Record<string, unknown>, params: Record<string, unknown>, ctx: unknown) => unknown;

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** The TypeScript files a module entry reaches through relative imports and re-exports (`.js` specifiers map to `.ts`). */
export function moduleClosure(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1]!;
      const base = path.resolve(path.dirname(file), spec);
      const candidates = [base.replace(/\.js$/, ".ts"), base + ".ts", path.join(base, "index.ts")];
      const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
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

/** Where transpiled modules go: inside dflow's own node_modules when there is one (so bare imports resolve), else the kernel cache. */
function transpileBase(): string {
  const root = stdlibRoot();
  const nm = root !== undefined ? path.join(path.dirname(root), "node_modules") : undefined;
  if (nm !== undefined && existsSync(nm)) return path.join(nm, ".cache", "dflow-kernels");
  return path.join(kernelCacheDir(), "modules");
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
  const h = createHash("sha256").update(DFLOW_VERSION + "\0transpile-1\0");
  for (const f of closure)
    h.update(f + "\0")
      .update(readFileSync(f))
      .update("\0");
  const dir = path.join(transpileBase(), h.digest("hex").slice(0, 32));
  const target = (f: string): string => path.join(dir, f.replace(/^[A-Za-z]:/, "").replace(/\.ts$/, ".js"));
  if (!closure.every((f) => existsSync(target(f)))) {
    const { ts } = await import("ts-morph");
    for (const f of closure) {
      const out = ts.transpileModule(readFileSync(f, "utf8"), {
        fileName: f,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true, sourceMap: false },
      });
      // A cache: losing it in a crash costs a transpile. Temporary names differ per process and worker thread.
      writeFileAtomic(target(f), out.outputText, { fsync: false });
    }
  }
  return target(entry);
}

/** Imports a module entry (made runnable by {@link runnableModule}) and returns its export `exportName`, or why not. */
export async function loadExport(entry: string, exportName: string, label: string): Promise<KernelFunction | string> {
  try {
    const ns = (await import(pathToFileURL(await runnableModule(entry)).href)) as Record<string, unknown>;
    const fn = ns[exportName];
    return typeof fn === "function" ? (fn as KernelFunction) : `\`${entry}\` does not export a function \`${exportName}\``;
  } catch (e) {
    return `\`${label}\` cannot be loaded: ${(e as Error).message}`;
  }
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
