/**
 * The one rule of "up to date": whether a task's recorded state still stands for its outputs on
 * disk. `dflow run` and `dflow task` skip a task by it, and `dflow plan --list`, `emit make` and
 * the Slurm status find stale tasks by it, so every command agrees on what would run and why.
 *
 * A task is up to date when its state record holds its fingerprint and, for every output, a
 * file of the recorded size and modification time. A size that differs makes it stale at once;
 * a modification time that differs (or none recorded, in a record written before dflow kept
 * them) is settled by hashing the file: the recorded hash stands or the task is stale. With
 * `verify`, every output is hashed. The stat per output keeps a rerun cheap; the hash is paid
 * only for what changed on disk or when asked for.
 */
import path from "node:path";
import { fileHash, fileStamp, readState, type OutputRecord, type TaskState } from "./state.js";
import type { TaskBasis } from "./taskBasis.js";

/** Why a task would run. */
export type StaleReason =
  /** No state record: never run here, or its record was lost. */
  | { readonly kind: "no-record" }
  /**
   * Its fingerprint changed: kernel, params, seed, an input's content, or dflow's version.
   * `previous` is what the recorded fingerprint was made of (absent in older records); `details`
   * name the differences once a caller has compared it with the current basis.
   */
  | { readonly kind: "changed"; readonly previous?: TaskBasis; readonly details?: readonly string[] }
  /** An output is not on disk. */
  | { readonly kind: "missing-output"; readonly path: string }
  /** An output's bytes are not those recorded: its size differs, or its hash after its time changed (or with `verify`). */
  | { readonly kind: "output-changed"; readonly path: string; readonly how: "size" | "content" | "unrecorded" };

/** What {@link upToDate} decided. */
export type UpToDate =
  | {
      readonly stale: false;
      /** The outputs' content hashes, in the order asked for. */
      readonly hashes: readonly string[];
      /** A record to write back when the files' size and time were checked by hash (a touched file, or a record without them). */
      readonly refreshed?: TaskState;
    }
  | { readonly stale: true; readonly reason: StaleReason };

/** Options of {@link upToDate}. */
export interface UpToDateOptions {
  /** Hash every output, not only those whose size or time changed (`dflow run --verify`). */
  readonly verify?: boolean;
  /**
   * What the current fingerprint is made of: an up-to-date record without it gets it (records
   * written before dflow kept it). A function is called only for such a record.
   */
  readonly basis?: TaskBasis | (() => TaskBasis);
  /**
   * The task's fingerprint as an older dflow computed it (before change detection per kernel): a
   * record holding it counts as holding `fingerprint`, and is rewritten with it (migrated).
   */
  readonly former?: string;
}

/**
 * Whether task `id`, whose fingerprint is now `fingerprint` and whose outputs are `outputs`
 * (paths relative to `out`), is up to date, and if not, why.
 */
export function upToDate(out: string, id: string, fingerprint: string, outputs: readonly string[], opts: UpToDateOptions = {}): UpToDate {
  const prev = readState(out, id);
  if (prev === undefined) return { stale: true, reason: { kind: "no-record" } };
  const migrated = opts.former !== undefined && prev.fingerprint === opts.former && prev.fingerprint !== fingerprint;
  if (prev.fingerprint !== fingerprint && !migrated)
    return { stale: true, reason: prev.basis !== undefined ? { kind: "changed", previous: prev.basis } : { kind: "changed" } };
  const hashes: string[] = [];
  const records: OutputRecord[] = [];
  // A record without its basis is migrated when it is found up to date.
  let refresh = migrated || (prev.basis === undefined && opts.basis !== undefined);
  for (const rel of outputs) {
    const m = outputMatches(
      path.join(out, rel),
      prev.outputs.find((o) => o.path === rel),
      opts.verify === true,
    );
    if (m.kind === "missing") return { stale: true, reason: { kind: "missing-output", path: rel } };
    if (m.kind === "changed") return { stale: true, reason: { kind: "output-changed", path: rel, how: m.how } };
    if (m.rehashed) refresh = true;
    hashes.push(m.sha256);
    records.push({ path: rel, sha256: m.sha256, ...m.stamp });
  }
  if (!refresh) return { stale: false, hashes };
  const current = typeof opts.basis === "function" ? opts.basis() : opts.basis;
  const basis = migrated ? (current ?? prev.basis) : (prev.basis ?? current);
  return { stale: false, hashes, refreshed: { id, fingerprint, outputs: records, ...(basis !== undefined ? { basis } : {}) } };
}

/** The size and modification time of a file, as {@link fileStamp} reads them. */
type FileStamp = NonNullable<ReturnType<typeof fileStamp>>;

/** What {@link outputMatches} found of one output on disk. */
export type OutputMatch =
  /** Its record stands: `rehashed` when its size and time were not those recorded (or absent) and its hash was. */
  | { readonly kind: "same"; readonly sha256: string; readonly stamp: FileStamp; readonly rehashed: boolean }
  /** Not a file on disk. */
  | { readonly kind: "missing" }
  /** Its bytes are not those recorded (or it has no record). */
  | { readonly kind: "changed"; readonly how: "size" | "content" | "unrecorded" };

/**
 * Whether an output file still holds what its record says, the one comparison behind "up to
 * date" (here, and the check `dflow task --verify-outputs` makes before make compares times): a
 * size that differs is a change at once; a time that differs, or none recorded, is settled by
 * the hash; with `verify`, the hash is always compared.
 */
export function outputMatches(file: string, rec: OutputRecord | undefined, verify: boolean): OutputMatch {
  const stamp = fileStamp(file);
  if (stamp === undefined) return { kind: "missing" };
  if (rec === undefined) return { kind: "changed", how: "unrecorded" };
  if (rec.size !== undefined && rec.size !== stamp.size) return { kind: "changed", how: "size" };
  const same = rec.size === stamp.size && rec.mtimeNs === stamp.mtimeNs;
  if ((!same || verify) && fileHash(file) !== rec.sha256) return { kind: "changed", how: "content" };
  return { kind: "same", sha256: rec.sha256, stamp, rehashed: !same };
}

/** A reason in a few words, for a listing or a log: `missing output item/item-0.json`. */
export function describeStaleReason(r: StaleReason): string {
  switch (r.kind) {
    case "no-record":
      return "never run";
    case "changed":
      if (r.details !== undefined && r.details.length > 0) return r.details.join(", ");
      return r.previous === undefined ? "kernel, params or inputs changed (recorded before dflow kept what changed)" : "kernel, params or inputs changed";
    case "missing-output":
      return `missing output ${r.path}`;
    case "output-changed":
      return `output changed on disk: ${r.path}${r.how === "size" ? " (size)" : r.how === "unrecorded" ? " (not recorded)" : ""}`;
  }
}
