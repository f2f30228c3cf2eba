import { fork, type ChildProcess } from "node:child_process";
import { secondsText } from "../util/secondsText.js";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import v8 from "node:v8";
import type { ProductTypeInfo } from "../kernels/index.js";
import type { DomainCallJob, DomainCallResult } from "./domainCall.js";
import { logFileOf, type TaskOutcome, type TaskRecord } from "./executeTask.js";
import { jobLogOf, LAST_WORDS_FD, TASK_CHILD_ENV, type ChildInit, type ChildJob, type ChildReply } from "./taskChild.js";
import { byteSize } from "../util/byteSize.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** How long a task may run and how much memory its process may hold, each with where the limit comes from (for messages). */
export interface TaskLimits {
  readonly seconds?: number;
  readonly secondsWhy?: string;
  readonly memory?: number;
  readonly memoryWhy?: string;
}

/** What a task pool needs: how many processes at most, the bundled CLI they run, and what every task shares. */
export interface TaskPoolOptions {
  readonly size: number;
  /** The bundled CLI (`dist/dflow.js`), forked as a task process. */
  readonly script: string;
  readonly out: string;
  readonly types: readonly ProductTypeInfo[];
  /** `dflow run --verify`: rehash the outputs of tasks that look up to date. */
  readonly verify?: boolean;
  /** How a task process hashes an input the run did not pass: by reading it (default), or from its producer's state (`dflow task`). */
  readonly inputHashes?: "file" | "state";
  /** The largest memory limit of any task: a process's V8 heap is raised to it when node's default is smaller. */
  readonly maxMemory?: number;
  /** A line for the run's progress (a process that ended between tasks). */
  readonly note?: (line: string) => void;
}

/** A job that ended its process or was stopped: why, and what more its log gets (a stack). */
interface Failure {
  readonly failure: string;
  readonly detail?: string;
}

interface Pending {
  readonly msg: ChildJob;
  readonly limits: TaskLimits;
  readonly settle: (r: ChildReply | Failure) => void;
}

interface Child {
  readonly proc: ChildProcess;
  readonly inflight: Pending[];
  words: string;
  /** The last of what the process wrote on its stdout and stderr (quoted when it aborts). */
  tail: string;
  /** Why the pool stopped it (a limit), when it did. */
  stopped?: string;
  /** The job that left something behind in it, which retired it: it gets no further job. */
  retired?: string;
  timer?: NodeJS.Timeout | undefined;
}

/** At most this many jobs are sent ahead to one process. */
const MAX_DEPTH = 8;
/** How often the resident memory of busy processes is read. */
const POLL_MS = 100;

/** What is said of a job whose kernel left `left` behind. */
const retiredLine = (left: string): string => `its kernel left ${left} behind, so its task process was retired: nothing it left can act during another task`;

const secs = secondsText;

/** Resident memory of process `pid`, in bytes, from /proc; undefined where it cannot be read. */
function rssOf(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
    return m === null ? undefined : Number(m[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** A job as messages name it: its task, or its grid's or relation's kernel. */
function jobName(msg: ChildJob): string {
  return msg.t === "task" ? `task \`${msg.record.id}\`` : `the kernel \`${msg.job.kernel}\` of the ${msg.job.kind} \`${msg.job.name}\``;
}

/** Why a process ended while it ran a job: the pool's own reason, its last words, or its exit status. */
function endMessage(c: Child, code: number | null, signal: NodeJS.Signals | null): Failure {
  if (c.stopped !== undefined) return { failure: c.stopped };
  const last = c.words.trim().split("\n").pop();
  if (last !== undefined && last !== "") {
    try {
      const w = JSON.parse(last) as { message?: unknown; detail?: unknown };
      if (typeof w.message === "string") return { failure: w.message, ...(typeof w.detail === "string" ? { detail: w.detail } : {}) };
    } catch {
      // Not a line the process wrote whole: fall through to the exit status.
    }
  }
  if (signal === "SIGABRT" || code === 134)
    return {
      failure: "its process aborted (SIGABRT), most often because the JavaScript heap was full",
      ...(c.tail.trim() !== "" ? { detail: `the last it wrote:\n${c.tail.trim().split("\n").slice(-8).join("\n")}` } : {}),
    };
  if (signal === "SIGKILL") return { failure: "its process was killed (SIGKILL), perhaps by the system for lack of memory" };
  if (signal !== null) return { failure: `its process was ended by ${signal}` };
  return { failure: `its process ended with exit code ${code ?? "?"} before the task did` };
}

/**
 * Runs tasks, and grid and relation kernels, each in a child process of the bundled CLI, at most
 * `size` processes at once, started on demand. A process runs one job at a time (up to 8 more
 * are sent ahead while many wait). A job that ends its process (an exit, an uncaught error, an unhandled
 * rejection), outlives its time limit or holds more resident memory than its limit fails alone:
 * its process is killed if needed and replaced, and the jobs sent ahead to it go to another.
 * Memory is read from /proc every 100 ms while a job runs, and its peak checked when the kernel
 * returns (in the process); node's heap limit is raised to the largest memory limit when needed.
 */
export class TaskPool {
  readonly #children: Child[] = [];
  readonly #queue: Pending[] = [];
  /** When each job began in its process (it became the head of its process's jobs), by seq. */
  readonly #began = new Map<number, number>();
  readonly #opts: TaskPoolOptions;
  readonly #execArgv: string[];
  #seq = 0;
  #poll: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(opts: TaskPoolOptions) {
    this.#opts = opts;
    const heapMb = opts.maxMemory !== undefined ? Math.ceil(opts.maxMemory / 2 ** 20) : 0;
    const defaultMb = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
    this.#execArgv = [...process.execArgv, ...(heapMb > defaultMb ? [`--max-old-space-size=${heapMb}`] : [])];
  }

  /**
   * Runs one task (with `fingerprint`, one already found stale: it is not decided again); a
   * process that ends or is stopped fails it with why (appended to its log too).
   */
  async runTask(record: TaskRecord, hashes: Readonly<Record<string, string>>, limits: TaskLimits, fingerprint?: string): Promise<TaskOutcome> {
    const job: ChildJob = {
      t: "task",
      seq: this.#seq++,
      record,
      hashes,
      ...(fingerprint !== undefined ? { fingerprint } : {}),
      ...(limits.memory !== undefined ? { memory: limits.memory } : {}),
    };
    const r = await this.#submit(job, limits);
    const began = this.#began.get(job.seq);
    this.#began.delete(job.seq);
    if ("outcome" in r) {
      if (r.left !== undefined) this.#appendLog(record, `${retiredLine(r.left)}\n`);
      return r.outcome.kind === "ran" && began !== undefined ? { ...r.outcome, seconds: (performance.now() - began) / 1000 } : r.outcome;
    }
    const message = "failure" in r ? r.failure : "the task process gave no outcome";
    this.#appendLog(record, `${message}\n${"detail" in r && r.detail !== undefined ? r.detail + "\n" : ""}`);
    return { kind: "failed", message };
  }

  /** What a process wrote on its stdout or stderr besides its kernels' prints (node's own reports): to the log of the job it runs. */
  #printed(c: Child, d: Buffer): void {
    c.tail = (c.tail + d.toString("utf8")).slice(-4096);
    const head = c.inflight[0];
    if (head === undefined) return;
    try {
      const log = jobLogOf(this.#opts.out, head.msg);
      makeDirectory(path.dirname(log));
      appendFileSync(log, d);
    } catch {
      // A log that cannot be written loses the text, which never reaches the run's output.
    }
  }

  #appendLog(record: TaskRecord, text: string): void {
    try {
      const log = logFileOf(this.#opts.out, record);
      makeDirectory(path.dirname(log));
      appendFileSync(log, text);
    } catch {
      // The message is still reported: a log that cannot be written loses only its copy.
    }
  }

  /** Calls a grid or relation kernel in a task process. */
  async call(job: DomainCallJob, limits: TaskLimits): Promise<DomainCallResult> {
    const r = await this.#submit({ t: "call", seq: this.#seq++, job, ...(limits.memory !== undefined ? { memory: limits.memory } : {}) }, limits);
    if ("result" in r) return r.result;
    if (!("failure" in r)) return { ok: false, message: "the task process gave no result" };
    return { ok: false, message: r.failure, ...(r.detail !== undefined ? { detail: r.detail } : {}) };
  }

  /** Stops every process (idle ones leave on their own; a busy one is killed) and fails what is still queued. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#poll !== undefined) clearInterval(this.#poll);
    for (const p of this.#queue.splice(0)) p.settle({ failure: "the run ended before it started" });
    await Promise.all(
      this.#children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.proc.exitCode !== null || c.proc.signalCode !== null) return resolve();
            c.proc.once("exit", () => resolve());
            if (c.inflight.length > 0) c.proc.kill("SIGKILL");
            else c.proc.disconnect();
          }),
      ),
    );
  }

  #submit(msg: ChildJob, limits: TaskLimits): Promise<ChildReply | Failure> {
    return new Promise((settle) => {
      this.#queue.push({ msg, limits, settle });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    // Jobs sent ahead: more while many wait (a process then never waits for this one to be
    // scheduled between two tasks), fewer near the end (no job queued behind a slow one while
    // another process idles). Each process gets its jobs of one pass in one message.
    const depth = Math.min(MAX_DEPTH, Math.max(2, Math.ceil(this.#queue.length / this.#opts.size)));
    const batches = new Map<Child, ChildJob[]>();
    while (this.#queue.length > 0 && !this.#closed) {
      let target = this.#children.find((c) => c.inflight.length === 0 && c.stopped === undefined);
      if (target === undefined && this.#children.length < this.#opts.size) target = this.#spawn();
      if (target === undefined) {
        const open = this.#children.filter((c) => c.inflight.length < depth && c.stopped === undefined);
        target = open.sort((a, b) => a.inflight.length - b.inflight.length)[0];
      }
      if (target === undefined) break;
      const p = this.#queue.shift()!;
      target.inflight.push(p);
      const batch = batches.get(target);
      if (batch === undefined) batches.set(target, [p.msg]);
      else batch.push(p.msg);
      if (target.inflight.length === 1) this.#startHead(target);
    }
    for (const [c, jobs] of batches) c.proc.send(jobs, (e) => void e);
  }

  #spawn(): Child {
    const proc = fork(this.#opts.script, [], {
      env: { ...process.env, [TASK_CHILD_ENV]: "1" },
      execArgv: this.#execArgv,
      // What the process writes (a kernel's prints, node's own reports) goes to logs, never to the run's output.
      stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"],
      serialization: "advanced",
    });
    const c: Child = { proc, inflight: [], words: "", tail: "" };
    this.#children.push(c);
    for (const s of [proc.stdout, proc.stderr]) {
      s?.on("data", (d: Buffer) => this.#printed(c, d));
      s?.on("error", () => undefined);
    }
    const words = proc.stdio[LAST_WORDS_FD] as Readable;
    let ended = false;
    words.on("data", (d: Buffer) => (c.words += d.toString("utf8")));
    words.on("end", () => (ended = true));
    words.on("error", () => undefined);
    proc.on("message", (r: ChildReply) => this.#onReply(c, r));
    // Not "close": a process a kernel started may hold the pipe of last words open. The words
    // were written before the exit, so they are in the pipe: wait for them briefly.
    proc.on("exit", (code, signal) => {
      const done = (): void => {
        words.destroy();
        this.#onClose(c, code, signal);
      };
      if (ended) done();
      else {
        const t = setTimeout(done, 100);
        words.once("end", () => {
          clearTimeout(t);
          done();
        });
      }
    });
    proc.on("error", () => undefined);
    const init: ChildInit = {
      t: "init",
      out: this.#opts.out,
      types: this.#opts.types,
      inputHashes: this.#opts.inputHashes ?? "file",
      verify: this.#opts.verify === true,
    };
    proc.send(init, (e) => void e);
    return c;
  }

  #startHead(c: Child): void {
    if (c.timer !== undefined) clearTimeout(c.timer);
    c.timer = undefined;
    const head = c.inflight[0];
    if (head === undefined) return;
    if (!this.#began.has(head.msg.seq)) this.#began.set(head.msg.seq, performance.now());
    const l = head.limits;
    if (l.seconds !== undefined && Number.isFinite(l.seconds))
      c.timer = setTimeout(
        () => this.#stop(c, `it did not finish within ${secs(l.seconds!)}${l.secondsWhy !== undefined ? ` (${l.secondsWhy})` : ""}, so it was stopped`),
        Math.min(l.seconds * 1000, 2 ** 31 - 1),
      );
    if (l.memory !== undefined && this.#poll === undefined) {
      this.#poll = setInterval(() => this.#pollMemory(), POLL_MS);
      this.#poll.unref();
    }
  }

  #pollMemory(): void {
    for (const c of this.#children) {
      const l = c.inflight[0]?.limits;
      if (l?.memory === undefined || c.stopped !== undefined || c.proc.pid === undefined) continue;
      const rss = rssOf(c.proc.pid);
      if (rss !== undefined && rss > l.memory)
        this.#stop(
          c,
          `its process held ${byteSize(rss, l.memory)} of memory, more than its limit of ${byteSize(l.memory, rss)}${l.memoryWhy !== undefined ? ` (${l.memoryWhy})` : ""}, so it was stopped`,
        );
    }
  }

  #stop(c: Child, why: string): void {
    if (c.stopped !== undefined) return;
    c.stopped = why;
    c.proc.kill("SIGKILL");
  }

  #onReply(c: Child, r: ChildReply): void {
    const i = c.inflight.findIndex((p) => p.msg.seq === r.seq);
    if (i < 0) return;
    const [p] = c.inflight.splice(i, 1);
    if (r.left !== undefined) this.#retire(c, p!.msg, r.left);
    else if (i === 0) this.#startHead(c);
    p!.settle(r);
    this.#dispatch();
  }

  /**
   * Retires a process whose job left something behind that can act later (a timer, a handle, a
   * changed listener): it ran nothing after that job, so the jobs sent ahead to it go to another
   * process; it is killed at once and a new one takes its place.
   */
  #retire(c: Child, msg: ChildJob, left: string): void {
    c.retired = jobName(msg);
    if (c.timer !== undefined) clearTimeout(c.timer);
    c.timer = undefined;
    this.#children.splice(this.#children.indexOf(c), 1);
    this.#queue.unshift(...c.inflight.splice(0));
    this.#opts.note?.(`note: ${c.retired}: ${retiredLine(left)}`);
    c.proc.kill("SIGKILL");
  }

  #onClose(c: Child, code: number | null, signal: NodeJS.Signals | null): void {
    if (c.timer !== undefined) clearTimeout(c.timer);
    const at = this.#children.indexOf(c);
    if (at >= 0) this.#children.splice(at, 1);
    const [head, ...rest] = c.inflight.splice(0);
    if (head !== undefined) head.settle(endMessage(c, code, signal));
    else if (!this.#closed && c.words.trim() !== "")
      this.#opts.note?.(
        `a task process ended between tasks${c.retired !== undefined ? `, after ${c.retired} left something behind` : ""}: ${endMessage(c, code, signal).failure}`,
      );
    // Jobs sent ahead had not started: they go to another process.
    this.#queue.unshift(...rest);
    this.#dispatch();
  }
}
