import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { displayPath } from "../diag/SourceMap.js";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import type { TaskBasis } from "./taskBasis.js";

/** The state folder under the output root: fingerprints, logs and the owner. */
export function stateDir(out: string): string {
  return path.join(out, ".dflow");
}

export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
}

/**
 * What a state record says of one output: its path under the root, its content hash, and the
 * size and modification time (nanoseconds since the epoch, as text) it had when it was
 * recorded. Records written before dflow kept the size and time lack them: the first check
 * hashes the file once and records them (see upToDate.ts).
 */
export interface OutputRecord {
  readonly path: string;
  readonly sha256: string;
  readonly size?: number;
  readonly mtimeNs?: string;
}

/** The state record of a task that ran: its fingerprint and its outputs. */
export interface TaskState {
  readonly id: string;
  readonly fingerprint: string;
  readonly outputs: readonly OutputRecord[];
  /** What the fingerprint was made of, to name what changed (absent in records written before dflow kept it). */
  readonly basis?: TaskBasis;
}

export function statePath(out: string, id: string): string {
  const h = sha256(id);
  return path.join(stateDir(out), "state", h.slice(0, 2), h + ".json");
}

export function readState(out: string, id: string): TaskState | undefined {
  const file = statePath(out, id);
  try {
    // Most tasks of a first run have no record: asked without an exception, which costs more than the read.
    if (statSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
    const v = JSON.parse(readFileSync(file, "utf8")) as Partial<TaskState> | null;
    // A record of another shape (torn, or written by hand) is no record: its task runs again.
    return v !== null && typeof v.fingerprint === "string" && Array.isArray(v.outputs) ? (v as TaskState) : undefined;
  } catch {
    return undefined;
  }
}

/** Records a task's state (not fsync'd: a record lost in a crash only makes its task run again). */
export function writeState(out: string, state: TaskState): void {
  writeFileAtomic(statePath(out, state.id), JSON.stringify(state) + "\n", { fsync: false });
}

/** Who an output root belongs to: the pipeline's name and the `.dflow` file it was run from. */
export interface RootOwner {
  readonly pipeline: string;
  /** Absolute path of the `.dflow` file. */
  readonly source: string;
  /**
   * The pipeline's stage names: a root whose state predates owner files is adopted when its
   * state records are all of these stages (they are not recorded in the owner file).
   */
  readonly stages?: readonly string[];
}

/** The file under an output root naming the pipeline whose products and state it holds. */
export function ownerPath(out: string): string {
  return path.join(stateDir(out), "pipeline.json");
}

/** The output root a pipeline uses when `--out` is not given: `out/<pipeline name>` under `cwd`. */
export function defaultOutputRoot(cwd: string, pipeline: string): string {
  return path.resolve(cwd, "out", pipeline);
}

/** The owner recorded under an output root, or undefined when none is (or it cannot be read). */
export function readRootOwner(out: string): RootOwner | undefined {
  try {
    const v = JSON.parse(readFileSync(ownerPath(out), "utf8")) as Partial<RootOwner>;
    return typeof v.pipeline === "string" ? { pipeline: v.pipeline, source: typeof v.source === "string" ? v.source : "" } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stage names of the state records under a root (a task id is its stage's name, then its
 * key in brackets), sorted; empty when it holds none. Roots made before dflow recorded owners
 * are identified by them.
 */
export function recordedStages(out: string): string[] {
  const stages = new Set<string>();
  const dir = path.join(stateDir(out), "state");
  let shards: string[];
  try {
    shards = readdirSync(dir);
  } catch {
    return [];
  }
  for (const shard of shards) {
    let files: string[];
    try {
      files = readdirSync(path.join(dir, shard));
    } catch {
      continue;
    }
    for (const f of files) {
      if (!f.endsWith(".json")) continue;
      try {
        const id = (JSON.parse(readFileSync(path.join(dir, shard, f), "utf8")) as Partial<TaskState>).id;
        if (typeof id === "string") stages.add(id.split("[", 1)[0]!);
      } catch {
        // A record being written or torn is no evidence either way.
      }
    }
  }
  return [...stages].sort();
}

/**
 * Claims an output root for a pipeline before anything is read or written under it: refuses
 * (DF5011, nothing written) a root whose state belongs to another pipeline, since its products
 * would be read as this pipeline's (same paths, other types); else, unless `record` is false
 * (commands that only read), records the owner (`.dflow/pipeline.json`) when the root has none
 * or the pipeline's file moved. A root with state records but no owner (made before dflow
 * recorded owners) belongs to this pipeline when every record is of one of its stages, and is
 * refused otherwise. `cwd` is where paths in the message are relative to.
 */
export function claimOutputRoot(out: string, owner: RootOwner, cwd: string, record = true): Diagnostic[] {
  const root = path.resolve(out);
  const current = readRootOwner(root);
  const rel = (p: string): string => displayPath(p, cwd);
  const help = (other: string): string =>
    `give \`${owner.pipeline}\` an output root of its own with \`--out DIR\` (without it, \`${rel(defaultOutputRoot(cwd, owner.pipeline))}\`), or remove \`${rel(root)}\` if ${other} products are no longer wanted`;
  if (current !== undefined && current.pipeline !== owner.pipeline) {
    return [
      diag(
        "DF5011",
        `The output root \`${rel(root)}\` holds the state of pipeline \`${current.pipeline}\`${current.source !== "" ? ` (${rel(current.source)})` : ""}, not of \`${owner.pipeline}\` (${rel(owner.source)}).`,
        undefined,
        { help: help(`\`${current.pipeline}\`'s`) },
      ),
    ];
  }
  if (current === undefined && owner.stages !== undefined) {
    const ours = new Set(owner.stages);
    const recorded = recordedStages(root);
    if (recorded.some((s) => !ours.has(s))) {
      const shown = recorded.slice(0, 6).map((s) => `\`${s}\``);
      const more = recorded.length > shown.length ? `, and ${recorded.length - shown.length} more` : "";
      return [
        diag(
          "DF5011",
          `The output root \`${rel(root)}\` holds the state of another pipeline (stages ${shown.join(", ")}${more}), made before dflow recorded owners, not of \`${owner.pipeline}\` (${rel(owner.source)}).`,
          undefined,
          { help: help("its") },
        ),
      ];
    }
  }
  if (record && (current === undefined || current.source !== owner.source)) {
    writeFileAtomic(ownerPath(root), JSON.stringify({ pipeline: owner.pipeline, source: owner.source }, null, 2) + "\n", { fsync: false });
  }
  return [];
}

/** SHA-256 of a file's bytes (the content hash stored beside each product). */
export function fileHash(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * The content hash of an input: from its producer's state record when the file still has the
 * size and modification time recorded there, else the file's own (a product changed on disk
 * since its producer ran is seen as what it now holds).
 */
export function inputHash(out: string, file: string, producer: string | undefined): string {
  const rel = path.relative(out, file);
  const rec = producer !== undefined ? readState(out, producer)?.outputs.find((o) => o.path === rel) : undefined;
  if (rec !== undefined && rec.size !== undefined) {
    const stamp = fileStamp(file);
    if (stamp !== undefined && stamp.size === rec.size && stamp.mtimeNs === rec.mtimeNs) return rec.sha256;
  }
  return fileHash(file);
}

/**
 * Whether `file` is as task `producer` wrote it: its recorded size and time, or else its
 * recorded hash. A file its producer has no record of (put there by hand, or the record was
 * lost) and a file that is not there count as intact: whether and how to read them is the
 * reader's decision.
 */
export function productIntact(out: string, file: string, producer: string): boolean {
  const rel = path.relative(out, file);
  const rec = readState(out, producer)?.outputs.find((o) => o.path === rel);
  const stamp = rec !== undefined ? fileStamp(file) : undefined;
  if (rec === undefined || stamp === undefined) return true;
  if (rec.size !== undefined && rec.size !== stamp.size) return false;
  return (rec.size === stamp.size && rec.mtimeNs === stamp.mtimeNs) || fileHash(file) === rec.sha256;
}

/** The size and modification time (nanoseconds, as text) of a file, or undefined when it is not a regular file. */
export function fileStamp(file: string): { readonly size: number; readonly mtimeNs: string } | undefined {
  const st = statSync(file, { bigint: true, throwIfNoEntry: false });
  return st === undefined || !st.isFile() ? undefined : { size: Number(st.size), mtimeNs: st.mtimeNs.toString() };
}
