/**
 * The one way dflow makes a directory it writes into (`--out`, `--emit-dir`, `OUT/.dflow` and
 * what lies under them): level by level, each missing level with one plain `mkdir(2)`. Node's
 * recursive `mkdir` is not used: a dangling symbolic link on the way makes it fail with a bare
 * ENOENT naming the wrong path, and where the system refuses a new entry with ENOENT under an
 * existing directory (`/proc`) it retries forever. Here every refusal ends in a
 * {@link DirectoryError} that names the path at fault and why.
 */
import { accessSync, constants, lstatSync, mkdirSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";

/** What is at fault: a file in the way, a dangling symbolic link, a directory that cannot be written, or a refusal of the system. */
export type DirectoryFault = "file" | "link" | "unwritable" | "refused";

/** Why a directory cannot be used or made; `at` is the path at fault (the directory itself or one of its ancestors). */
export class DirectoryError extends Error {
  constructor(
    readonly dir: string,
    readonly at: string,
    readonly reason: string,
    readonly fault: DirectoryFault = "refused",
    /** The system's error code of a refusal (ENOSPC, EROFS, …), as on the error the system raised. */
    readonly code?: string,
  ) {
    super(at === dir ? `\`${dir}\` ${reason}.` : `\`${dir}\` cannot be created: \`${at}\` ${reason}.`);
    this.name = "DirectoryError";
  }

  /** The path refused, as on a system error: who names a failed write by its `path` names this one. */
  get path(): string {
    return this.at;
  }
}

const REFUSALS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  ENOENT: "the system refuses to create it there",
  ENOTDIR: "a path component is not a directory",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "name too long",
};

function code(e: unknown): string {
  const c = (e as NodeJS.ErrnoException | null)?.code;
  return typeof c === "string" ? c : "EIO";
}

function refused(e: unknown): string {
  const c = code(e);
  return `${REFUSALS[c] ?? (e instanceof Error ? e.message : String(e))} (${c})`;
}

/** The problem of an existing entry `p` that should be a directory, or undefined when it is one. */
function notDirectory(dir: string, p: string): DirectoryError | undefined {
  let link: string | undefined;
  try {
    if (lstatSync(p).isSymbolicLink()) link = readlinkSync(p);
  } catch (e) {
    return new DirectoryError(dir, p, `cannot be examined: ${refused(e)}`);
  }
  try {
    if (statSync(p).isDirectory()) return undefined;
  } catch (e) {
    if (link !== undefined)
      return new DirectoryError(dir, p, `is a symbolic link to \`${link}\`, which ${code(e) === "ELOOP" ? "loops" : "does not exist"}`, "link");
    return new DirectoryError(dir, p, `cannot be examined: ${refused(e)}`);
  }
  return new DirectoryError(dir, p, "is a file, not a directory", "file");
}

/**
 * The nearest existing entry at or above `dir` (absolute), with the missing levels below it,
 * top first; a problem when that entry is not a usable directory.
 */
function walk(dir: string): { existing: string; missing: string[] } | DirectoryError {
  const missing: string[] = [];
  let p = dir;
  for (;;) {
    try {
      lstatSync(p);
      break;
    } catch (e) {
      // ENOTDIR: a file lies higher up; the loop reaches it and reports it.
      if (code(e) !== "ENOENT" && code(e) !== "ENOTDIR") return new DirectoryError(dir, p, `cannot be examined: ${refused(e)}`);
    }
    const up = path.dirname(p);
    if (up === p) break;
    missing.unshift(p);
    p = up;
  }
  return notDirectory(dir, p) ?? { existing: p, missing };
}

/** Whether the directory `p` can be written into (entries created in it). */
export function writableDirectory(p: string): boolean {
  try {
    accessSync(p, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the directory `dir` (absolute) could not be made, found without making anything: a file
 * or a dangling symbolic link at it or above it, or a nearest existing directory that cannot be
 * written. Undefined when it exists as a writable directory or looks creatable.
 */
export function directoryProblem(dir: string): DirectoryError | undefined {
  const w = walk(dir);
  if (w instanceof DirectoryError) return w;
  if (!writableDirectory(w.existing))
    return new DirectoryError(dir, w.existing, w.existing === dir ? "is a directory that cannot be written" : "cannot be written", "unwritable");
  return undefined;
}

/** Makes the directory `dir` and its missing parents, level by level; throws a {@link DirectoryError} naming the path the system refused. */
export function makeDirectory(dir: string): void {
  const abs = path.resolve(dir);
  try {
    if (statSync(abs).isDirectory()) return;
  } catch {
    // Missing, or not usable: the walk says which.
  }
  const w = walk(abs);
  if (w instanceof DirectoryError) throw w;
  for (const level of w.missing) {
    try {
      mkdirSync(level);
    } catch (e) {
      // Another process may have made it meanwhile: usable when it is a directory now.
      if (code(e) === "EEXIST") {
        const problem = notDirectory(abs, level);
        if (problem === undefined) continue;
        throw problem;
      }
      throw new DirectoryError(abs, level, `could not be created: ${refused(e)}`, "refused", code(e));
    }
  }
}
