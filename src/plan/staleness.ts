import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { TaskGraph } from "./TaskGraph.js";

/** What `dflow plan` says about each task. */
export type TaskState = "up-to-date" | "missing-output" | "upstream";

/**
 * Which tasks must run, like `make -n`: a task runs when one of its outputs is missing (or,
 * once fingerprints exist, stale) or when a task it depends on runs. Existence is checked with
 * one directory listing per directory, and not at all under a directory that does not exist.
 * Returns one code per task: 0 up to date, 1 an output is missing, 2 an upstream task runs.
 */
export function staleTasks(g: TaskGraph, root: string): Uint8Array {
  const state = new Uint8Array(g.taskCount);
  const listings = new Map<string, Set<string> | null>();
  const base = root.endsWith(path.sep) ? root : root + path.sep;
  const exists = (rel: string): boolean => {
    const cut = rel.lastIndexOf("/");
    const dir = base + rel.slice(0, cut + 1);
    let l = listings.get(dir);
    if (l === undefined) {
      try {
        l = new Set(readdirSync(dir));
      } catch {
        l = null;
      }
      listings.set(dir, l);
    }
    return l !== null && l.has(rel.slice(cut + 1));
  };
  for (const s of g.stages) {
    if (s.count === 0) continue;
    // When the directory all of a stage's outputs lie under does not exist, they are all missing.
    const outputs = s.stage.outputs.map((o) => o.ref.product);
    const allMissing = outputs.some((p) => !existsSync(base + (g.pathPrefixes.get(p) ?? "")));
    for (let t = s.first; t < s.first + s.count; t++) {
      let missing = false;
      if (allMissing) missing = true;
      else {
        g.outputsOf(t, (product, keys) => {
          if (!missing && !exists(g.paths.get(product)!(keys))) missing = true;
        });
      }
      if (missing) {
        state[t] = 1;
        continue;
      }
      for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
        if (state[g.edges[e]!] !== 0) {
          state[t] = 2;
          break;
        }
      }
    }
  }
  return state;
}
