/**
 * Removing what a killed run left behind. The one writer (`src/util/writeFileAtomic.ts`) writes
 * each file under a temporary name beside it, named after it with the writer's PID (see `temporaryName`), and renames
 * it over the target; a process killed between the two leaves the temporary file, which no
 * later write reuses. Before a run starts its tasks, it removes such files when all of these hold:
 *
 * - the name is the writer's pattern exactly, and its target is one of this run's planned
 *   outputs (a file beside a product, named after it) or any file under the state folder
 *   (`OUT/.dflow`) but its logs: nothing else under the root is touched. Logs
 *   (`OUT/.dflow/logs`, one per task) are appended to, never written through the one writer,
 *   so no temporary file of the writer is ever among them, and they are not listed (on a rerun
 *   of many tasks, they are half of the state folder's files);
 * - the process that wrote it is gone: no live process has its PID on this host, or the PID
 *   is this run's own (a run sweeps before any write of its own is under way), or the live
 *   process of that PID started after the file was last written (the PID was reused; known
 *   from `/proc` where there is one).
 *
 * So two runs on one root on one host leave each other's writes alone (task processes of a run
 * are live processes too). A PID says nothing of another host: two `dflow run`s over one root
 * from two hosts of a shared file system may remove each other's temporary files (the write
 * under way then fails its task). `dflow task` (what Make and Slurm jobs run, often many at
 * once on many hosts) sweeps only the temporary files of the files its task writes (its outputs
 * and its state record), by the same rule, before it runs the task ({@link sweepTaskTemporaries}):
 * two jobs of one task on two hosts at once may remove each other's write under way, which then
 * fails. The walk of a product's directory does not enter the
 * state folder, which has rules of its own.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { TaskGraph } from "../plan/index.js";
import { stateDir } from "./state.js";
import { temporaryTarget, writerGone } from "../util/writeFileAtomic.js";

/** Removes `file`, a temporary file, when its writer is gone; whether it did. */
function removeIfStale(file: string, pid: number): boolean {
  const st = statSync(file, { throwIfNoEntry: false });
  if (st === undefined || !st.isFile() || !writerGone(pid, st.mtimeMs)) return false;
  rmSync(file, { force: true });
  return true;
}

/**
 * The temporary files under `dir` and its subdirectories (not those in `skip`, which it
 * extends with every directory it lists; symbolic links are not followed), by path.
 */
function findTemporaries(dir: string, skip: Set<string>, found: Map<string, number>): void {
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (skip.has(d)) continue;
    skip.add(d);
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) stack.push(path.join(d, e.name));
      else {
        const t = temporaryTarget(e.name);
        if (t !== undefined) found.set(path.join(d, e.name), t.pid);
      }
    }
  }
}

/**
 * The sweep of one run: {@link TemporarySweep.sweep} is called with each plan of the run's
 * rounds, before their tasks start. Directories are listed once per run (under the state
 * folder, and under the directory each product's paths start with); a temporary file whose
 * target is not yet a planned output (a product of a grid still unknown) is looked at again
 * with each later plan. The planned outputs are enumerated only when a temporary file was
 * found, so a run after a clean one pays a listing of its directories, not a path per task.
 */
export class TemporarySweep {
  readonly #out: string;
  readonly #listed = new Set<string>();
  /** Temporary files found beside products whose target was not planned yet, with their writer's PID. */
  readonly #pending = new Map<string, number>();

  constructor(out: string) {
    this.#out = out;
  }

  /** Removes the stale temporary files of plan `g`'s outputs (and, the first time, of the state folder); returns their paths. */
  sweep(g: TaskGraph): string[] {
    const removed: string[] = [];
    const state = stateDir(this.#out);
    if (!this.#listed.has(state)) {
      const found = new Map<string, number>();
      this.#listed.add(path.join(state, "logs"));
      findTemporaries(state, this.#listed, found);
      for (const [file, pid] of found) if (removeIfStale(file, pid)) removed.push(file);
    }
    for (const prefix of new Set(g.pathPrefixes.values())) {
      const dir = prefix === "" ? this.#out : path.join(this.#out, prefix);
      if (!this.#listed.has(dir)) findTemporaries(dir, this.#listed, this.#pending);
    }
    if (this.#pending.size === 0) return removed;
    const targets = new Map<string, string[]>();
    for (const file of this.#pending.keys()) {
      const target = path.join(path.dirname(file), temporaryTarget(path.basename(file))!.target);
      targets.set(target, [...(targets.get(target) ?? []), file]);
    }
    for (let t = 0; t < g.taskCount; t++)
      g.outputsOf(t, (product, keys) => {
        const files = targets.get(path.join(this.#out, g.paths.get(product)!(keys)));
        if (files === undefined) return;
        for (const f of files) {
          if (removeIfStale(f, this.#pending.get(f)!)) removed.push(f);
          this.#pending.delete(f);
        }
      });
    return removed;
  }
}

/**
 * Removes the stale temporary files of `files` (absolute paths: a task's outputs and its state
 * record), by the rule of a run's sweep: listing only their directories, once each. Returns the
 * paths removed.
 */
export function sweepTaskTemporaries(files: readonly string[]): string[] {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const d = path.dirname(f);
    byDir.set(d, (byDir.get(d) ?? new Set()).add(path.basename(f)));
  }
  const removed: string[] = [];
  for (const [dir, names] of byDir) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      const t = temporaryTarget(e);
      if (t !== undefined && names.has(t.target) && removeIfStale(path.join(dir, e), t.pid)) removed.push(path.join(dir, e));
    }
  }
  return removed;
}
