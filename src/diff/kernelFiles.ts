import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import { stdlibRoot as installedStdlib } from "../kernels/index.js";

/**
 * The files of each kernel's import closure by a name both sides share: `stdlib/calib/sky.ts`
 * under the standard library, else the path from the `.dflow` file's folder. A kernel's closure
 * hash holds absolute paths, so a revision read from another folder would differ everywhere:
 * the diff compares these names and the files' content instead.
 */
export class KernelFiles {
  readonly #hashes = new Map<string, string>();
  readonly #byKernel = new Map<string, ReadonlyMap<string, string>>();
  readonly #root: string | undefined;
  readonly #dir: string;

  constructor(
    readonly pipeline: BoundPipeline,
    dflowFile: string,
    stdlibRoot: string | undefined,
  ) {
    this.#root = stdlibRoot ?? installedStdlib();
    this.#dir = path.dirname(path.resolve(dflowFile));
  }

  /** A file's shared name. */
  name(file: string): string {
    const abs = path.resolve(file);
    if (this.#root !== undefined && abs.startsWith(this.#root + path.sep)) return "stdlib/" + path.relative(this.#root, abs).split(path.sep).join("/");
    return path.relative(this.#dir, abs).split(path.sep).join("/");
  }

  #hash(file: string): string {
    let h = this.#hashes.get(file);
    if (h === undefined) {
      try {
        h = createHash("sha256").update(readFileSync(file)).digest("hex");
      } catch {
        h = "";
      }
      this.#hashes.set(file, h);
    }
    return h;
  }

  /** The absolute files of kernel `name`'s closure (empty when the index does not know it). */
  files(name: string): readonly string[] {
    return this.pipeline.index?.kernels.find((k) => k.name === name)?.importClosure ?? [];
  }

  /** Kernel `name`'s closure: shared name → content hash. */
  closure(name: string): ReadonlyMap<string, string> {
    let m = this.#byKernel.get(name);
    if (m === undefined) {
      const files = new Map<string, string>();
      for (const f of this.files(name)) files.set(this.name(f), this.#hash(f));
      m = files;
      this.#byKernel.set(name, m);
    }
    return m;
  }
}

/** The shared names of the files that differ between two closures (changed, added or gone), sorted. */
export function changedFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}
