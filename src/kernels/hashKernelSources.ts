import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { KERNEL_INDEX_VERSION } from "./kernelIndexVersion.js";
import type { ModuleInfo } from "./types.js";

/** The content hash of a set of modules and the directories it covers. */
export interface KernelSourcesHash {
  /** SHA-256 (hex) over the index version, the modules, and every covered file's path and content. */
  readonly hash: string;
  /** The directories hashed recursively: the standard library and each user module's directory. */
  readonly roots: readonly string[];
}

/**
 * Hashes what a kernel index depends on: the index version, the modules (alias, spec, entry),
 * and the path and content of every `.ts` file under the standard library root and under each
 * module's directory, recursively (`*.test.ts`, `node_modules` and dot-directories skipped),
 * in sorted path order.
 */
export function hashKernelSources(modules: readonly ModuleInfo[], stdlibRoot: string | undefined): KernelSourcesHash {
  const roots: string[] = [];
  const covered = (dir: string): boolean => roots.some((r) => dir === r || dir.startsWith(r + sep));
  for (const dir of [...(stdlibRoot === undefined ? [] : [resolve(stdlibRoot)]), ...modules.map((m) => dirname(resolve(m.entry)))]) {
    if (covered(dir)) continue;
    // A new root may contain earlier ones (a module directory above another): keep the outer one.
    for (let i = roots.length - 1; i >= 0; i--) if ((roots[i] ?? "").startsWith(dir + sep)) roots.splice(i, 1);
    roots.push(dir);
  }
  const files: string[] = [];
  for (const r of roots) collectTs(r, files);
  files.sort();
  const h = createHash("sha256");
  h.update(`${KERNEL_INDEX_VERSION}\0`);
  h.update(`${JSON.stringify(modules.map((m) => [m.alias, m.spec, m.entry]))}\0`);
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(readFileSync(f));
    h.update("\0");
  }
  return { hash: h.digest("hex"), roots: roots.sort() };
}

/** Whether `file` lies under one of `roots` (so the hash covers it). */
export function isUnderRoots(file: string, roots: readonly string[]): boolean {
  return roots.some((r) => file.startsWith(r + sep));
}

/** SHA-256 (hex) of a file's content, or `undefined` when it cannot be read. */
export function hashFile(path: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
}

function collectTs(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules") collectTs(path, out);
    } else if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) {
      out.push(path);
    }
  }
}
