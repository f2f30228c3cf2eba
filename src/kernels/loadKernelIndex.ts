import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { hashFile, hashKernelSources, isUnderRoots } from "./hashKernelSources.js";
import { KERNEL_INDEX_VERSION } from "./kernelIndexVersion.js";
import { stdlibRoot as defaultStdlibRoot } from "./resolveModules.js";
import type { KernelIndex, ModuleInfo } from "./types.js";
import { writeFileAtomic } from "../util/writeFileAtomic.js";

/** Reads an index from sources on a cache miss (by default `readKernelIndex`, with ts-morph). */
export type KernelIndexReader = (modules: readonly ModuleInfo[], opts: { readonly hash: string }) => Promise<KernelIndex>;

/** Options of {@link loadKernelIndex}; by default everything comes from the environment. */
export interface LoadKernelIndexOptions {
  /** Where cache files go (default {@link kernelCacheDir}). */
  readonly cacheDir?: string;
  /** The standard library's root, hashed as a whole (default: `stdlibRoot()`). */
  readonly stdlibRoot?: string;
  /** Environment for the defaults (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** The reader used on a miss (tests inject one to count calls). */
  readonly read?: KernelIndexReader;
}

/** A loaded index, whether it came from the cache, and the cache file it was read from or written to. */
export interface LoadedKernelIndex {
  readonly index: KernelIndex;
  readonly fromCache: boolean;
  readonly cachePath: string;
}

/** A file the index depends on outside the hashed directories, with its content hash when read. */
interface ExternalFile {
  readonly path: string;
  readonly sha256: string;
}

/** The cache file's content. */
interface CacheFile {
  readonly external: readonly ExternalFile[];
  readonly index: KernelIndex;
}

/**
 * The kernel cache directory: `$DFLOW_CACHE_DIR`, else `$XDG_CACHE_HOME/dflow`, else
 * `~/.cache/dflow`.
 */
export function kernelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env["DFLOW_CACHE_DIR"];
  if (explicit !== undefined && explicit !== "") return explicit;
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg !== undefined && xdg !== "") return join(xdg, "dflow");
  return join(homedir(), ".cache", "dflow");
}

/**
 * The kernel index of `modules`: from `<cacheDir>/kernels-<hash>.json` when its content hash
 * matches (ts-morph is not loaded then), else read with ts-morph and written to the cache
 * atomically. A cache file that does not parse, has another version, or depends on a file
 * outside the hashed directories that has changed since, is ignored and rewritten. A cache that
 * cannot be written is not an error: the index is returned all the same.
 */
export async function loadKernelIndex(modules: readonly ModuleInfo[], opts: LoadKernelIndexOptions = {}): Promise<LoadedKernelIndex> {
  const env = opts.env ?? process.env;
  const root = opts.stdlibRoot ?? defaultStdlibRoot(env);
  const { hash, roots } = hashKernelSources(modules, root);
  const dir = opts.cacheDir ?? kernelCacheDir(env);
  const cachePath = join(dir, `kernels-${hash}.json`);

  const cached = readCache(cachePath, hash);
  if (cached !== undefined) return { index: cached, fromCache: true, cachePath };

  const read = opts.read ?? (async (mods, o) => (await import("./readKernelIndex.js")).readKernelIndex(mods, o));
  const index = await read(modules, { hash });
  const external: ExternalFile[] = [];
  for (const path of filesOf(index)) {
    if (isUnderRoots(path, roots)) continue;
    const sha256 = hashFile(path);
    if (sha256 !== undefined) external.push({ path, sha256 });
  }
  writeCache(cachePath, { external, index });
  return { index, fromCache: false, cachePath };
}

function readCache(path: string, hash: string): KernelIndex | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  if (!isCacheFile(data) || data.index.version !== KERNEL_INDEX_VERSION || data.index.hash !== hash) return undefined;
  for (const f of data.external) if (hashFile(f.path) !== f.sha256) return undefined;
  return data.index;
}

function isCacheFile(v: unknown): v is CacheFile {
  if (typeof v !== "object" || v === null) return false;
  const c = v as { external?: unknown; index?: unknown };
  if (
    !Array.isArray(c.external) ||
    !c.external.every(
      (f) => typeof f === "object" && f !== null && typeof (f as ExternalFile).path === "string" && typeof (f as ExternalFile).sha256 === "string",
    )
  )
    return false;
  if (typeof c.index !== "object" || c.index === null) return false;
  const i = c.index as Partial<Record<keyof KernelIndex, unknown>>;
  return (
    typeof i.version === "string" &&
    typeof i.hash === "string" &&
    Array.isArray(i.modules) &&
    Array.isArray(i.kernels) &&
    Array.isArray(i.types) &&
    Array.isArray(i.problems)
  );
}

function writeCache(path: string, content: CacheFile): void {
  try {
    writeFileAtomic(path, JSON.stringify(content), { fsync: false });
  } catch {
    // A cache that cannot be written is only a slower next start.
  }
}

/** Every source file the index was read from, as far as the index records it. */
function filesOf(index: KernelIndex): string[] {
  const files = new Set<string>();
  for (const m of index.modules) files.add(m.entry);
  for (const k of index.kernels) {
    files.add(k.loc.file);
    for (const f of k.importClosure) files.add(f);
  }
  for (const t of index.types) {
    files.add(t.loc.file);
    for (const h of t.hdus) for (const c of h.columns ?? []) files.add(c.loc.file);
  }
  return [...files].sort();
}
