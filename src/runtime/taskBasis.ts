/**
 * What a task's fingerprint was made of, kept in its state record so that a later plan can say
 * which part changed: `param gain 1→2`, `kernel stdlib/calib/sky.ts`, `input frame[…]`. The
 * fingerprint stays the one rule of up to date; the basis only names the difference. The files
 * of a kernel's import closure are recorded once per closure hash (`.dflow/closures/HASH.json`),
 * not per task.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import { fileHash, stateDir } from "./state.js";

/** The parts of a fingerprint, as recorded with a task's state. */
export interface TaskBasis {
  /** dflow's and the codecs' versions. */
  readonly versions: string;
  readonly kernel: string;
  /** Content hash of the kernel's import closure. */
  readonly closure: string;
  /** The params as the kernel receives them, JSON-normalised. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: string;
  /** Each input file (relative to the output root) with its content hash, in the kernel's order. */
  readonly inputs: readonly (readonly [string, string])[];
}

/** The file recording the files of a closure and their hashes. */
function closurePath(out: string, closure: string): string {
  return path.join(stateDir(out), "closures", `${closure}.json`);
}

/** The files of a closure with their content hashes (a file gone hashes as ""). */
export function closureFileHashes(files: readonly string[]): Record<string, string> {
  const h: Record<string, string> = {};
  for (const f of files) h[f] = existsSync(f) ? fileHash(f) : "";
  return h;
}

/** Records the files of a closure once (their hashes identify the closure's hash). */
export function recordClosure(out: string, closure: string, files: readonly string[] | undefined): void {
  if (files === undefined || files.length === 0) return;
  const file = closurePath(out, closure);
  if (existsSync(file)) return;
  writeFileAtomic(file, JSON.stringify({ files: closureFileHashes(files) }) + "\n", { fsync: false });
}

function readClosure(out: string, closure: string): Record<string, string> | undefined {
  try {
    const v = JSON.parse(readFileSync(closurePath(out, closure), "utf8")) as { files?: Record<string, string> };
    return typeof v.files === "object" && v.files !== null ? v.files : undefined;
  } catch {
    return undefined;
  }
}

const show = (v: unknown): string => (v === undefined ? "(none)" : JSON.stringify(v));

/** What the current task needs besides its basis to name a change: its closure's files, its inputs' producers, how to show a path. */
export interface BasisContext {
  readonly out: string;
  readonly closureFiles?: readonly string[];
  /** Input path → the id of the task that writes it. */
  readonly producers?: ReadonlyMap<string, string>;
  /** A kernel file's path as shown (relative to the working directory). */
  readonly display?: (file: string) => string;
}

/**
 * The differences between a recorded basis and the current one, in a few words each; an empty
 * list when the record has no basis (written before dflow kept them) or nothing recorded differs.
 */
export function diffBasis(prev: TaskBasis | undefined, now: TaskBasis, ctx: BasisContext): string[] {
  if (prev === undefined) return [];
  const out: string[] = [];
  if (prev.versions !== now.versions) out.push(`dflow ${prev.versions}→${now.versions}`);
  if (prev.kernel !== now.kernel) out.push(`kernel ${prev.kernel}→${now.kernel}`);
  else if (prev.closure !== now.closure) out.push(...kernelFiles(prev.closure, now, ctx));
  const keys = [...new Set([...Object.keys(prev.params), ...Object.keys(now.params)])].sort();
  for (const k of keys) if (show(prev.params[k]) !== show(now.params[k])) out.push(`param ${k} ${show(prev.params[k])}→${show(now.params[k])}`);
  if (prev.seed !== now.seed) out.push(`param seed ${prev.seed}→${now.seed}`);
  const before = new Map(prev.inputs.map(([p, h]) => [p, h]));
  const after = new Set(now.inputs.map(([p]) => p));
  const name = (p: string): string => ctx.producers?.get(p) ?? p;
  for (const [p, h] of now.inputs) {
    const old = before.get(p);
    if (old === undefined) out.push(`new input ${name(p)}`);
    else if (old !== h) out.push(`input ${name(p)}`);
  }
  for (const [p] of prev.inputs) if (!after.has(p)) out.push(`input gone ${name(p)}`);
  return out;
}

/** `kernel FILE` for each file of the closure that changed, appeared or went; `kernel NAME` when the old files are not recorded. */
function kernelFiles(prevClosure: string, now: TaskBasis, ctx: BasisContext): string[] {
  const old = readClosure(ctx.out, prevClosure);
  if (old === undefined || ctx.closureFiles === undefined) return [`kernel ${now.kernel}`];
  const cur = closureFileHashes(ctx.closureFiles);
  const show_ = ctx.display ?? ((f: string) => f);
  const files = [...new Set([...Object.keys(old), ...Object.keys(cur)])].sort();
  const changed = files.filter((f) => old[f] !== cur[f]).map((f) => `kernel ${show_(f)}`);
  return changed.length > 0 ? changed : [`kernel ${now.kernel}`];
}
