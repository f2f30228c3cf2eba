/**
 * The one writer of files. Every file dflow writes (products, run state, the plan file, kernel
 * caches, emitted Makefiles and Slurm scripts, formatted sources) goes through here: the bytes
 * go to a temporary name in the target's directory, are optionally fsync'd, and the temporary
 * file is renamed over the target. POSIX `rename(2)` replaces the target atomically, so a
 * reader (or a rerun after a crash) sees the old file or the new one, never a partial one.
 */
import { createHash, randomBytes, type Hash } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { makeDirectory } from "./makeDirectory.js";

export interface WriteFileOptions {
  /**
   * Flush the file's bytes to the disk before the rename (default true), so that after a power
   * cut the final name holds the new bytes or the old file, never an empty or partial one. Pass
   * false for what can be made again at the cost of a command: run-state records (a lost one
   * makes its task run again), caches, the plan file and emitted scripts (`dflow emit` again);
   * with hundreds of job scripts, flushing each would triple the time of `emit slurm`. The
   * directory is not flushed: a rename lost in a power cut leaves the old file, and the task
   * or command that wrote it runs again.
   */
  readonly fsync?: boolean;
  /** Permission bits of the file (e.g. 0o755 for a script), set exactly (not masked by the umask). Default: 0o666 less the umask. */
  readonly mode?: number;
  /** Create the missing parent directories (default true). */
  readonly mkdir?: boolean;
  /** Compute the SHA-256 of the bytes as they are written (returned as `sha256`). */
  readonly hash?: boolean;
}

/** What a write produced. */
export interface WrittenFile {
  readonly bytes: number;
  /** Lower-case hex SHA-256 of the bytes, when `hash` was asked for. */
  readonly sha256?: string;
}

/** What {@link writeFileAtomic} accepts: a whole text or buffer, or chunks of either (streamed). */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

let serial = 0;

/**
 * A temporary name beside `file`, unique per host process, worker thread and call: worker
 * threads of one process share its pid, and processes on two nodes of a cluster writing to
 * a shared file system may share a pid too (hence the random part).
 */
export function temporaryName(file: string): string {
  serial++;
  return `${file}.tmp-${process.pid}-${threadId}-${serial}-${randomBytes(4).toString("hex")}`;
}

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

/** Strings are gathered up to this many UTF-16 units before one write. */
const BATCH = 1 << 16;

/**
 * A file being written under a temporary name: `write` appends, `commit` makes it the target
 * (fsync, rename), `abort` removes it. Use {@link writeFileAtomic} unless the bytes are
 * produced by a loop that cannot be written as an iterable.
 */
export class AtomicFile {
  readonly path: string;
  readonly tmp: string;
  private fd: number | undefined;
  private readonly sync: boolean;
  private readonly hasher: Hash | undefined;
  private pending: string[] = [];
  private pendingLength = 0;
  private written = 0;

  constructor(file: string, options: WriteFileOptions = {}) {
    this.path = file;
    this.sync = options.fsync ?? true;
    this.hasher = options.hash === true ? createHash("sha256") : undefined;
    if (options.mkdir ?? true) makeDirectory(path.dirname(file));
    this.tmp = temporaryName(file);
    this.fd = openSync(this.tmp, "wx", options.mode ?? 0o666);
    try {
      if (options.mode !== undefined) fchmodSync(this.fd, options.mode);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Appends a chunk; strings are batched, so many small chunks cost few system calls. */
  write(chunk: string | Uint8Array): void {
    if (typeof chunk === "string") {
      this.pending.push(chunk);
      this.pendingLength += chunk.length;
      if (this.pendingLength >= BATCH) this.flush();
      return;
    }
    this.flush();
    this.writeBytes(chunk);
  }

  private flush(): void {
    if (this.pendingLength === 0) return;
    const b = Buffer.from(this.pending.length === 1 ? this.pending[0]! : this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
    this.writeBytes(b);
  }

  private writeBytes(b: Uint8Array): void {
    const fd = this.open();
    this.hasher?.update(b);
    let done = 0;
    try {
      while (done < b.byteLength) done += writeSync(fd, b, done, b.byteLength - done);
    } catch (e) {
      throw namingFile(e, this.path);
    }
    this.written += b.byteLength;
  }

  private open(): number {
    if (this.fd === undefined) throw new Error(`${this.tmp} is already closed`);
    return this.fd;
  }

  /** Flushes, fsyncs (unless asked not to), closes and renames the file over its target. */
  commit(): WrittenFile {
    try {
      this.flush();
      const fd = this.open();
      if (this.sync) fsyncSync(fd);
      this.fd = undefined;
      closeSync(fd);
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw namingFile(e, this.path);
    }
    const sha256 = this.hasher?.digest("hex");
    return sha256 !== undefined ? { bytes: this.written, sha256 } : { bytes: this.written };
  }

  /** Closes and removes the temporary file; the target is left as it was. Safe to call twice. */
  abort(): void {
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      try {
        closeSync(fd);
      } catch {
        // Already unusable: removing the name is all that is left to do.
      }
    }
    rmSync(this.tmp, { force: true });
  }
}

/** System error codes of a write the environment refused, and what each means to a user. */
export const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: "no space is left on the device",
  EDQUOT: "the disk quota is exhausted",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of the path is a file, not a directory",
  EISDIR: "it is a directory",
  EEXIST: "a file is in the way",
  EMFILE: "too many files are open",
  EIO: "the device reported an I/O error",
};

/**
 * What a write the environment refused says to a user, naming the file (`\`F\` could not be
 * written: no space is left on the device (ENOSPC)`), or undefined for any other error.
 */
export function writeErrorText(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException | null | undefined;
  const reason = typeof err?.code === "string" ? WRITE_ERRORS[err.code] : undefined;
  // A rename names its destination too: the file being written, not the temporary beside it.
  const file = (err as { dest?: unknown } | null | undefined)?.dest ?? err?.path;
  return reason !== undefined && typeof file === "string" ? `\`${file}\` could not be written: ${reason} (${err!.code}).` : undefined;
}

/** A system error of a write through a descriptor names no file: it is given the target's path and a message naming it, so a report can name it. */
export function namingFile(e: unknown, file: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof Error && typeof err.code === "string" && err.path === undefined) {
    err.path = file;
    // Whoever shows only the message (a worker's failure, a log) names the file too.
    err.message = writeErrorText(e) ?? `${err.message} (${file})`;
  }
  return e;
}

/**
 * Writes `data` (a string, bytes, or an iterable of chunks, streamed: a survey-scale Makefile
 * is larger than V8's longest string) to `file` atomically. Throws what the file system or
 * the iterable throws; the temporary file is then removed and `file` is untouched.
 */
export function writeFileAtomic(file: string, data: FileData, options: WriteFileOptions = {}): WrittenFile {
  const f = new AtomicFile(file, options);
  try {
    if (typeof data === "string" || data instanceof Uint8Array) f.write(data);
    else for (const chunk of data) f.write(chunk);
  } catch (e) {
    f.abort();
    throw e;
  }
  return f.commit();
}

/**
 * Where a program dflow runs writes `file`: a fresh directory beside it, named as the writer's
 * temporary files are (so that a sweep finds it), holding a file of `file`'s own name and
 * extension (a program may choose its format by the extension). {@link commitProgramOutput}
 * moves it into place; {@link discardProgramOutput} removes it.
 */
export function programOutputPath(file: string): string {
  makeDirectory(path.dirname(file));
  const dir = temporaryName(file);
  makeDirectory(dir);
  return path.join(dir, path.basename(file));
}

/**
 * Moves a program's output written at `written` (from {@link programOutputPath}) over `file`
 * atomically, flushed first; returns its SHA-256. Its temporary directory is removed.
 */
export function commitProgramOutput(written: string, file: string): string {
  const fd = openSync(written, "r");
  const hash = createHash("sha256");
  try {
    const buf = new Uint8Array(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(written, file);
  rmSync(path.dirname(written), { recursive: true, force: true });
  return hash.digest("hex");
}

/** Removes what a program wrote for `written` (its temporary directory), if anything. */
export function discardProgramOutput(written: string): void {
  rmSync(path.dirname(written), { recursive: true, force: true });
}
