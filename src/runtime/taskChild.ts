import { appendFileSync, closeSync, openSync, readFileSync, writeSync, constants as fsConstants } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { loadExport, type KernelFunction, type ProductTypeInfo } from "../kernels/index.js";
import { runDomainCall, type DomainCallJob, type DomainCallResult } from "./domainCall.js";
import { domainLogOf, executeTask, logFileOf, type TaskOutcome, type TaskRecord } from "./executeTask.js";
import { fileHash, inputHash } from "./state.js";
import { thrownText } from "./thrownText.js";
import { globalsChanged, globalsNow, type Globals } from "./globalsFingerprint.js";
import { byteSize } from "../util/byteSize.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** The environment variable that makes the bundled CLI serve tasks (set by the pool on its children only). */
export const TASK_CHILD_ENV = "DFLOW_TASK_CHILD";
/** The child's file descriptor for its last words (why it is about to exit), read by the pool. */
export const LAST_WORDS_FD = 4;

/** What the pool sends a task process first. */
export interface ChildInit {
  readonly t: "init";
  readonly out: string;
  readonly types: readonly ProductTypeInfo[];
  /** How an input the job does not hash is hashed: read whole, or from its producer's state. */
  readonly inputHashes: "file" | "state";
  /** `dflow run --verify`: rehash the outputs of tasks that look up to date. */
  readonly verify: boolean;
}

/** One job: a stage's task, or a grid or relation kernel call, with its memory limit in bytes. */
export type ChildJob =
  | {
      readonly t: "task";
      readonly seq: number;
      readonly record: TaskRecord;
      /** Content hashes the run already knows, by absolute path. */
      readonly hashes: Readonly<Record<string, string>>;
      /** The fingerprint the run found stale: the task runs without deciding again. */
      readonly fingerprint?: string;
      readonly memory?: number;
    }
  | { readonly t: "call"; readonly seq: number; readonly job: DomainCallJob; readonly memory?: number };

/**
 * A task process's answer to one job. With `left`, the kernel left something behind that can
 * act later (what, in words): the process runs no further job, and the pool retires it.
 */
export type ChildReply = ({ readonly seq: number; readonly outcome: TaskOutcome } | { readonly seq: number; readonly result: DomainCallResult }) & {
  readonly left?: string;
};

/** Whether this process is a task process started by the pool (the bundled CLI, forked with {@link TASK_CHILD_ENV}). */
export function isTaskChild(): boolean {
  return process.env[TASK_CHILD_ENV] === "1" && typeof process.send === "function";
}

/** Resident-memory figures of this process from /proc, in bytes: now and the peak since the last reset. */
function memoryOfSelf(): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync("/proc/self/status", "latin1");
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb("VmRSS"), peak: kb("VmHWM") };
  } catch {
    return undefined;
  }
}

/** Resets the kernel's peak-RSS counter of this process (Linux `clear_refs` 5); false where it cannot. */
function resetPeak(): boolean {
  try {
    // A control file of /proc, not a file of dflow's: written in place, as the kernel expects.
    const fd = openSync("/proc/self/clear_refs", fsConstants.O_WRONLY);
    try {
      writeSync(fd, "5");
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

/** The log of a job: its task's, or its grid's or relation's kernel's. */
export function jobLogOf(out: string, job: ChildJob): string {
  return job.t === "task" ? logFileOf(out, job.record) : domainLogOf(out, job.job.kind, job.job.name);
}

/**
 * Makes what a kernel prints through `process.stdout` and `process.stderr` (console.log and
 * console.error) go to the log of the job that runs (`running`), never to the run's own output;
 * between jobs it goes to the pool, which puts it in a log too.
 */
function printsToLogs(running: () => string | undefined): void {
  for (const stream of [process.stdout, process.stderr]) {
    const own = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = (chunk: unknown, ...rest: unknown[]): boolean => {
      const log = running();
      if (log === undefined) return own(chunk, ...rest);
      try {
        makeDirectory(path.dirname(log));
        appendFileSync(log, typeof chunk === "string" ? chunk : (chunk as Uint8Array));
      } catch {
        // A log that cannot be written loses the print, which never reaches the run's output.
      }
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (done !== undefined) queueMicrotask(done);
      return true;
    };
  }
}

/** The process events through which dflow serves its jobs and contains its kernels: a kernel must leave their listeners as they were. */
const SERVED_EVENTS = ["message", "disconnect", "uncaughtException", "unhandledRejection"] as const;
/** The process as an emitter of any event (its typings take one event name at a time). */
const emitter: NodeJS.EventEmitter = process;

/** What a process holds that can act later, by kind (timers, immediates, handles, requests), counted. */
function activeResources(): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
}

/** What the process holds, beyond what it held before its first job, that a job left behind, in words; undefined when nothing. */
function leftBehind(base: ReadonlyMap<string, number>, listeners: ReadonlyMap<string, readonly unknown[]>, exitFn: unknown): string | undefined {
  const what: string[] = [];
  for (const [kind, n] of activeResources()) {
    const extra = n - (base.get(kind) ?? 0);
    if (extra > 0) what.push(`${extra} pending ${kind === "Timeout" ? "timer" : kind === "Immediate" ? "immediate" : kind}${extra === 1 ? "" : "s"}`);
  }
  for (const [event, fns] of listeners) {
    const now = emitter.listeners(event);
    if (now.length !== fns.length || now.some((f, i) => f !== fns[i])) what.push(`changed listeners of the process's "${event}" event`);
  }
  if (process.exit !== exitFn) what.push("a replaced `process.exit`");
  return what.length > 0 ? what.join(", ") : undefined;
}

/**
 * A thread that ends this process the moment its parent is gone (ended by a signal, even
 * SIGKILL), although a kernel's synchronous loop holds the main thread: an orphan, which commits
 * nothing, must not go on spending the CPU and memory a resumed run needs. It polls the parent's
 * id five times a second and does not keep the process alive.
 */
function watchParent(parent: number): void {
  const code = `const { workerData } = require("node:worker_threads");
const self = process["pid"];
setInterval(() => { if (process.ppid !== workerData) process.kill(self, "SIGKILL"); }, 200);`;
  new Worker(code, { eval: true, workerData: parent, resourceLimits: { maxOldGenerationSizeMb: 8 } }).unref();
}

/**
 * What a job left behind (see {@link leftBehind}) and the globals it changed, in words, once the
 * requests still in flight when it ended (a file's close after a module was imported, a write the
 * kernel did not wait for) have had a few turns of the event loop to finish, while the job is
 * still the current one: a request that finishes is not a leftover; a timer, a handle or a
 * listener is one at once.
 */
async function settledLeftovers(left: () => string | undefined, globals: () => string | undefined): Promise<string | undefined> {
  for (let turn = 0; ; turn++) {
    const l = left();
    const onlyRequests = l !== undefined && l.split(", ").every((w) => /^\d+ pending \w+Req(Wrap|Callback|Promise)?s?$/.test(w));
    // Up to a second (a loaded disk can be that slow), at first a turn at a time.
    if (!onlyRequests || turn === 110) return [l, globals()].filter((w) => w !== undefined).join(", ") || undefined;
    await new Promise((resolve) => setTimeout(resolve, turn < 10 ? 0 : 10));
  }
}

/**
 * The loop of a task process: runs the jobs it is sent (in batches) one after the other (kernels loaded
 * once each) and answers each. What would end the process from inside a kernel (a call of
 * `process.exit`, an uncaught error from a timer, an unhandled rejection) writes one line of
 * last words on fd {@link LAST_WORDS_FD} and ends the process at once, so no later line of the
 * task runs (no output and no state is written for it); the pool fails the job with those words.
 */
export function serveTaskChild(exit: (code: number) => never): void {
  delete process.env[TASK_CHILD_ENV];
  let init: ChildInit | undefined;
  let types = new Map<string, ProductTypeInfo>();
  const queue: ChildJob[] = [];
  let current: ChildJob | undefined;
  let busy = false;
  const fns = new Map<string, Promise<KernelFunction | string>>();
  const load = (module: string, exportName: string, kernel: string): Promise<KernelFunction | string> => {
    let f = fns.get(kernel);
    if (f === undefined) {
      f = loadExport(module, exportName, kernel);
      fns.set(kernel, f);
    }
    return f;
  };
  // Set once a job left something behind: the process then runs nothing more.
  let retired = false;
  let base: Map<string, number> | undefined;
  let listeners: Map<string, unknown[]> | undefined;
  let globals: Globals | undefined;
  // A kernel that changed a global would corrupt every later task of its process, and its own
  // outputs, which dflow encodes after it returns in this process: its task fails with nothing
  // written, and the process is retired (a grid or relation kernel's result, passed back
  // without JavaScript's globals, is kept).
  const changed = (): string | undefined => {
    const g = globals === undefined ? undefined : globalsChanged(globals);
    return g === undefined ? undefined : `its kernel left ${g} behind, a global every later task of its process would see, so none of its outputs is written`;
  };
  const die = (message: string, detail?: string): never => {
    try {
      writeSync(LAST_WORDS_FD, JSON.stringify({ seq: current?.seq, message, detail }) + "\n");
    } catch {
      // The pool is gone: nothing to tell.
    }
    return exit(70);
  };
  // A kernel's call of `process.exit` ends its own task only.
  const ownExit = (code?: number | string | null): never =>
    die(`the kernel called \`process.exit\`${code === undefined || code === null ? "" : ` with code ${String(code)}`}, which would end the run`);
  process.exit = ownExit;
  process.on("uncaughtException", (e) => {
    const t = thrownText(e);
    die(`an uncaught error (from a timer or a callback the kernel left): ${t.message}`, t.log);
  });
  process.on("unhandledRejection", (e) => {
    const t = thrownText(e);
    die(`a promise the kernel made was rejected and nothing caught it: ${t.message}`, t.log);
  });
  // A process whose run is gone (killed, even by SIGKILL) commits nothing more and takes no further
  // job: its channel is closed, or it was given to another parent. The channel's state is learnt only
  // when the event loop runs (not during a kernel's synchronous loop), the parent's id at once.
  const parent = process.ppid;
  const orphaned = (): boolean => !process.connected || process.ppid !== parent;
  const leaveIfOrphaned = (): void => {
    if (orphaned()) exit(0);
  };
  process.on("disconnect", () => exit(0));
  watchParent(parent);
  printsToLogs(() => (current !== undefined && init !== undefined ? jobLogOf(init.out, current) : undefined));

  const run = async (job: ChildJob): Promise<ChildReply> => {
    const limit = job.memory;
    const tracked = limit !== undefined && resetPeak();
    const over = (): string | undefined => {
      if (!tracked) return undefined;
      const m = memoryOfSelf();
      return m !== undefined && m.peak > limit ? `it used ${byteSize(m.peak, limit)} of memory, more than its limit of ${byteSize(limit, m.peak)}` : undefined;
    };
    if (job.t === "call") {
      const result = await runDomainCall(job.job, (j) => load(j.module, j.exportName, j.kernel), types);
      const o = over();
      return { seq: job.seq, result: o !== undefined ? { ok: false, message: o } : result };
    }
    let outcome: TaskOutcome;
    try {
      outcome = await executeTask(job.record, {
        out: init!.out,
        types,
        loadKernel: (r) => load(r.module, r.exportName, r.kernel),
        hashOf: (file, producer) => job.hashes[file] ?? (init!.inputHashes === "state" ? inputHash(init!.out, file, producer) : fileHash(file)),
        verify: init!.verify,
        ...(job.fingerprint !== undefined ? { fingerprint: job.fingerprint } : {}),
        afterKernel: () => over() ?? changed(),
        beforeCommit: leaveIfOrphaned,
      });
    } catch (e) {
      outcome = { kind: "failed", message: thrownText(e, "running it").message };
    }
    return { seq: job.seq, outcome };
  };
  const pump = async (): Promise<void> => {
    if (busy || retired) return;
    busy = true;
    if (base === undefined) {
      // Streams a kernel's first print would open are opened now, so that they are part of the baseline.
      void process.stdout;
      void process.stderr;
      base = activeResources();
      listeners = new Map(SERVED_EVENTS.map((e) => [e, emitter.listeners(e)]));
      globals = globalsNow();
    }
    while (queue.length > 0) {
      leaveIfOrphaned();
      current = queue.shift()!;
      const reply = await run(current);
      // A timer, an immediate, a handle or a listener the job left could act during a later job
      // and be charged to it: such a process answers, runs nothing more and is retired by the pool.
      const left = await settledLeftovers(
        () => leftBehind(base!, listeners!, ownExit),
        () => globalsChanged(globals!),
      );
      if (left !== undefined) {
        retired = true;
        queue.length = 0;
        process.send!({ ...reply, left });
        break;
      }
      process.send!(reply);
    }
    current = undefined;
    busy = false;
  };
  process.on("message", (m: ChildInit | readonly ChildJob[]) => {
    if (!Array.isArray(m)) {
      init = m as ChildInit;
      types = new Map(init.types.map((t) => [t.name, t]));
      return;
    }
    if (retired) return;
    queue.push(...(m as readonly ChildJob[]));
    void pump();
  });
}
