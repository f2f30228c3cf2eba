/**
 * Removing what a killed run left behind. The one writer (`src/util/writeFileAtomic.ts`) writes
 * each file under a temporary name beside it, `TARGET.tmp-PID-THREAD-SERIAL-RANDOM`, and renames
 * it over the target; a process killed between the two leaves the temporary file, which no
 * later write reuses. Before a run starts its tasks, it removes such files when all of these hold:
 *
 * - the name is the writer's pattern exactly, and its target is one of this run's planned
 *   outputs (a file beside a product, named after it) or any file under the state folder
 *   (`OUT/.dflow`): nothing else under the root is touched;
 * - the process that wrote it is gone: no live process has its PID on this host, or the PID
 *   is this run's own (a run sweeps before any write of its own is under way), or the live
 *   process of that PID started after the file was last written (the PID was reused; known
 *   from `/proc` where there is one).
 *
 * So two runs on one root on one host leave each other's writes alone. A PID says nothing of
 * another host: two `dflow run`s over one root from two hosts of a shared file system may
 * remove each other's temporary files (the write under way then fails its task). `dflow task`
 * (what Make and Slurm jobs run, often many at once on many hosts) never sweeps.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { TaskGraph } from "../plan/index.js";
import { stateDir } from "./state.js";

/** The writer's temporary names: the target's name, then `.tmp-PID-THREAD-SERIAL-` and 8 hex digits. */
const TEMPORARY = /^(.+)\.tmp-(\d+)-(\d+)-(\d+)-[0-9a-f]{8}$/;

/** The target and writer's PID of a temporary file's name, or undefined when it is not the writer's pattern. */
export function temporaryTarget(name: string): { readonly target: string; readonly pid: number } | undefined {
  const m = TEMPORARY.exec(name);
  return m === null ? undefined : { target: m[1]!, pid: Number(m[2]) };
}

/** The system's boot time in milliseconds since the epoch, from `/proc/stat`; undefined without `/proc`. */
let bootMs: number | null | undefined;
function bootTime(): number | undefined {
  if (bootMs === undefined) {
    try {
      const m = /^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"));
      bootMs = m !== null ? Number(m[1]) * 1000 : null;
    } catch {
      bootMs = null;
    }
  }
  return bootMs ?? undefined;
}

/** When process `pid` started (ms since the epoch, to about a second), from `/proc`; undefined when unknown. */
function processStart(pid: number): number | undefined {
  const boot = bootTime();
  if (boot === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command's name (in parentheses, which may hold spaces), field 22 is the start
    // time in clock ticks since boot; Linux fixes the ticks user space sees at 100 a second.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? boot + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote a temporary file last modified at `mtimeMs` can no longer finish it. */
export function writerGone(pid: number, mtimeMs: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: a live process of another user (it may be a run of theirs on a shared root).
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
  const start = processStart(pid);
  // A second of slack for the start time's and the boot time's rounding.
  return start !== undefined && start > mtimeMs + 1000;
}

/** Removes the stale temporary files among `names` of `dir` whose target passes `mine`; returns their paths. */
function sweepDir(dir: string, mine: (target: string) => boolean): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const t = temporaryTarget(name);
    if (t === undefined || !mine(path.join(dir, t.target))) continue;
    const file = path.join(dir, name);
    const st = statSync(file, { throwIfNoEntry: false });
    if (st === undefined || !st.isFile() || !writerGone(t.pid, st.mtimeMs)) continue;
    rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/** Every directory under `dir`, itself included (symbolic links are not followed). */
function directoriesUnder(dir: string): string[] {
  const all = [dir];
  for (let i = 0; i < all.length; i++) {
    try {
      for (const e of readdirSync(all[i]!, { withFileTypes: true })) if (e.isDirectory()) all.push(path.join(all[i]!, e.name));
    } catch {
      // Gone or unreadable: nothing of ours to remove there.
    }
  }
  return all;
}

/**
 * Removes the stale temporary files of a run under root `out` (see the rules above): those
 * beside the planned outputs of `g` in directories not in `swept` (which it extends: a run
 * sweeps each directory once, as later rounds of planning add tasks), and, the first time
 * (when `swept` is empty), those under the state folder. Returns the paths removed.
 */
export function sweepTemporaries(out: string, g: TaskGraph, swept: Set<string>): string[] {
  const removed: string[] = [];
  if (swept.size === 0) {
    const state = stateDir(out);
    swept.add(state);
    for (const d of directoriesUnder(state)) removed.push(...sweepDir(d, () => true));
  }
  const dirs = new Set<string>();
  for (let t = 0; t < g.taskCount; t++)
    g.outputsOf(t, (product, keys) => {
      const rel = g.paths.get(product)!(keys);
      const cut = rel.lastIndexOf("/");
      const dir = cut < 0 ? out : path.join(out, rel.slice(0, cut));
      if (!swept.has(dir)) dirs.add(dir);
    });
  if (dirs.size === 0) return removed;
  // The planned outputs of the new directories whose temporary files were found, checked in one pass.
  const candidates = new Set<string>();
  for (const d of dirs) {
    swept.add(d);
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const name of names) {
      const t = temporaryTarget(name);
      if (t !== undefined) candidates.add(path.join(d, t.target));
    }
  }
  if (candidates.size === 0) return removed;
  const planned = new Set<string>();
  for (let t = 0; t < g.taskCount; t++)
    g.outputsOf(t, (product, keys) => {
      const file = path.join(out, g.paths.get(product)!(keys));
      if (candidates.has(file)) planned.add(file);
    });
  for (const d of new Set([...planned].map((f) => path.dirname(f)))) removed.push(...sweepDir(d, (target) => planned.has(target)));
  return removed;
}
