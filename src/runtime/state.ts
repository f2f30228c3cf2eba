import { createHash } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/** The state folder under the output root: fingerprints and logs. */
export function stateDir(out: string): string {
  return path.join(out, ".dflow");
}

export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
}

export interface TaskState {
  readonly id: string;
  readonly fingerprint: string;
  readonly outputs: readonly { readonly path: string; readonly sha256: string }[];
}

export function statePath(out: string, id: string): string {
  const h = sha256(id);
  return path.join(stateDir(out), "state", h.slice(0, 2), h + ".json");
}

export function readState(out: string, id: string): TaskState | undefined {
  try {
    return JSON.parse(readFileSync(statePath(out, id), "utf8")) as TaskState;
  } catch {
    return undefined;
  }
}

/**
 * Writes a file atomically: a temporary name in the same directory, fsync (products only: a
 * state record lost in a crash only makes its task run again), rename.
 */
export function writeAtomic(file: string, chunks: Iterable<Uint8Array | string>, sync = true): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const h = createHash("sha256");
  const fd = openSync(tmp, "w");
  try {
    for (const c of chunks) {
      const b = typeof c === "string" ? Buffer.from(c) : c;
      h.update(b);
      writeSync(fd, b);
    }
    if (sync) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
  return h.digest("hex");
}


/** SHA-256 of a file's bytes (the content hash stored beside each product). */
export function fileHash(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The content hash of an input: from its producer's state record when there is one, else the file's. */
export function inputHash(out: string, file: string, producer: string | undefined): string {
  const rel = path.relative(out, file);
  const fromState = producer !== undefined ? readState(out, producer)?.outputs.find((o) => o.path === rel)?.sha256 : undefined;
  return fromState ?? fileHash(file);
}
