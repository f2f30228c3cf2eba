/**
 * Kill-and-resume checks of `dflow run` (the SIGKILL test and bench/killResume.ts): a run killed
 * at a seeded moment, what it left (whole products only, temporary files), and whether a rerun
 * ends with the bytes of an uninterrupted run and no temporary file.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";

/** The writer's temporary names (`TARGET.tmp-PID-THREAD-SERIAL-RANDOM`). */
const TEMPORARY = /\.tmp-\d+-\d+-\d+-[0-9a-f]{8}$/;

/** The products under an output root (outside `.dflow`, by path relative to it, with their SHA-256) and every temporary file (anywhere under it). */
export interface Tree {
  readonly products: Map<string, string>;
  readonly temporaries: string[];
}

function sha256File(file: string): string {
  const h = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, "r");
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

/** Hashes the files of output roots, hashing again only a file whose size or times changed since it was last seen (products are large). */
export class TreeHasher {
  readonly #seen = new Map<string, { stamp: string; sha: string }>();
  /** Bytes hashed so far. */
  bytes = 0;

  scan(root: string): Tree {
    const products = new Map<string, string>();
    const temporaries: string[] = [];
    const walk = (d: string, inState: boolean): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p, inState || (d === root && e.name === ".dflow"));
        else if (TEMPORARY.test(e.name)) temporaries.push(path.relative(root, p));
        else if (!inState && e.isFile()) products.set(path.relative(root, p), this.hash(p));
      }
    };
    walk(root, false);
    return { products, temporaries: temporaries.sort() };
  }

  hash(file: string): string {
    const st = statSync(file, { bigint: true });
    // The change time too: a file changed in place and given back its modification time is hashed again.
    const stamp = `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    const known = this.#seen.get(file);
    if (known !== undefined && known.stamp === stamp) return known.sha;
    const sha = sha256File(file);
    this.bytes += Number(st.size);
    this.#seen.set(file, { stamp, sha });
    return sha;
  }
}

/** What a run killed (or not) at a moment did. */
export interface KilledRun {
  /** Whether SIGKILL was sent (false: the run ended first). */
  readonly killed: boolean;
  readonly code: number | null;
  readonly seconds: number;
}

/** Starts `node dist/dflow.js ARGS` and sends it SIGKILL after `ms` milliseconds unless it has ended. */
export function runKilledAt(args: readonly string[], ms: number, cwd = process.cwd()): Promise<KilledRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.resolve(cwd, "dist/dflow.js"), ...args], { cwd, stdio: "ignore" });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill("SIGKILL");
    }, ms);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ killed, code, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

/**
 * Starts `node dist/dflow.js ARGS` and sends it SIGKILL `delayMs` after `ready()` (polled every
 * 50 ms) first holds, unless it has ended: a moment by progress, not by the clock, so it lands
 * in the same phase of the run however loaded the machine is.
 */
export function runKilledWhen(args: readonly string[], ready: () => boolean, delayMs: number, cwd = process.cwd()): Promise<KilledRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.resolve(cwd, "dist/dflow.js"), ...args], { cwd, stdio: "ignore" });
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      if (timer !== undefined || !ready()) return;
      clearInterval(poll);
      timer = setTimeout(() => {
        killed = child.kill("SIGKILL");
      }, delayMs);
    }, 50);
    child.on("exit", (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ killed, code, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

/** One process of a group, from `/proc/PID/stat`: its id and the CPU clock ticks it has used. */
interface Member {
  readonly pid: number;
  readonly ticks: number;
}

/** The living processes of process group `pgid` (zombies, which a late reaper keeps, count as ended). */
export function groupMembers(pgid: number): Member[] {
  const out: Member[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${d}/stat`, "utf8");
    } catch {
      continue;
    }
    // After the command's name in parentheses: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) === pgid && f[0] !== "Z" && f[0] !== "X") out.push({ pid: Number(d), ticks: Number(f[11]) + Number(f[12]) });
  }
  return out;
}

/** What a run whose whole process group was killed at a moment did, and what was running then. */
export interface GroupKilledRun extends KilledRun {
  /** Seconds from the start to the kill (the run's length when it ended first). */
  readonly killSeconds: number;
  /** The task processes (the group's members but its leader) that were using CPU when the group was killed. */
  readonly busyTasks: number;
  /** The group's processes still alive 10 s after the kill (none expected). */
  readonly survivors: number;
}

/**
 * Starts `node dist/dflow.js ARGS` as the leader of its own process group and, once `ready()`
 * holds (polled every 100 ms) and one of its task processes is using CPU (a task running: its
 * clock ticks rose over the last poll), sends SIGKILL to the whole group: the run and every task
 * process it forked, as a kill -9 of a job or a lost node would. Resolves once no process of the
 * group is left.
 */
export function runGroupKilledWhen(args: readonly string[], ready: () => boolean, cwd = process.cwd()): Promise<GroupKilledRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.resolve(cwd, "dist/dflow.js"), ...args], { cwd, stdio: "ignore", detached: true });
    const pgid = child.pid!;
    let killed = false;
    let killSeconds = Number.NaN;
    let busyTasks = 0;
    let last = new Map<number, number>();
    const poll = setInterval(() => {
      const now = groupMembers(pgid).filter((m) => m.pid !== pgid);
      const busy = now.filter((m) => last.has(m.pid) && m.ticks > last.get(m.pid)!).length;
      last = new Map(now.map((m) => [m.pid, m.ticks]));
      if (busy === 0 || !ready()) return;
      clearInterval(poll);
      try {
        process.kill(-pgid, "SIGKILL");
        killed = true;
        killSeconds = (Date.now() - t0) / 1000;
        busyTasks = busy;
      } catch {
        // The group ended between the poll and the kill.
      }
    }, 100);
    child.on("exit", (code) => {
      clearInterval(poll);
      const seconds = (Date.now() - t0) / 1000;
      // The task processes die with the leader, but are reaped apart from it: wait for them.
      const until = Date.now() + 10_000;
      const wait = (): void => {
        const left = groupMembers(pgid).length;
        if (left > 0 && Date.now() < until) setTimeout(wait, 50);
        else resolve({ killed, code, seconds, killSeconds: killed ? killSeconds : seconds, busyTasks, survivors: left });
      };
      wait();
    });
  });
}

/** How many task state records (tasks done, each with its outputs recorded) are under `root`. */
export function stateRecords(root: string): number {
  let n = 0;
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith(".json") && !TEMPORARY.test(e.name)) n++;
    }
  };
  walk(path.join(root, ".dflow", "state"));
  return n;
}

/** How many products (files outside `.dflow`, temporary files left out) are under `root`. */
export function productCount(root: string): number {
  let n = 0;
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!(d === root && e.name === ".dflow")) walk(path.join(d, e.name));
      } else if (!TEMPORARY.test(e.name)) n++;
    }
  };
  walk(root);
  return n;
}

/** Runs `node dist/dflow.js ARGS` to its end: exit code, stderr and the tasks run and up to date of its summary line. */
export function runToEnd(args: readonly string[], cwd = process.cwd()): { code: number; stderr: string; ran: number; upToDate: number; seconds: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.resolve(cwd, "dist/dflow.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const m = /run: (\d+) tasks? run, (\d+) up to date/.exec(r.stderr);
  return {
    code: r.status ?? -1,
    stderr: r.stderr,
    ran: m !== null ? Number(m[1]) : -1,
    upToDate: m !== null ? Number(m[2]) : -1,
    seconds: (Date.now() - t0) / 1000,
  };
}

/**
 * What is wrong with the products of `got` against those of an uninterrupted run: a product
 * whose bytes differ (a partial one), one that is not a product of the reference, and, when
 * `complete`, one missing.
 */
export function productProblems(want: ReadonlyMap<string, string>, got: ReadonlyMap<string, string>, complete: boolean): string[] {
  const problems: string[] = [];
  for (const [f, sha] of got) {
    const w = want.get(f);
    if (w === undefined) problems.push(`${f}: not a product of an uninterrupted run`);
    else if (w !== sha) problems.push(`${f}: bytes differ from an uninterrupted run's`);
  }
  if (complete) for (const f of want.keys()) if (!got.has(f)) problems.push(`${f}: missing`);
  return problems;
}

/** Seeded moments: `n` numbers in [lo, hi), the same for a seed on every machine. */
export function seededMoments(seed: number, n: number, lo: number, hi: number): number[] {
  let x = seed >>> 0;
  return Array.from({ length: n }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return Math.round(lo + ((x >>> 8) / (1 << 24)) * (hi - lo));
  });
}
