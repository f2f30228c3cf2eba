/**
 * The verification pass an emitted Makefile runs before make compares times (`dflow task PLAN
 * --verify-outputs`): every output a state record under the output root names is compared with
 * the disk by the rule of "up to date" ({@link outputMatches}: size, then time, settled by the
 * hash; every hash with `verify`), and an output whose bytes are not those recorded is removed,
 * so that make, finding it missing, runs its producer again and then, by times, what depends on
 * it. An output whose time alone changed and whose hash stands has its record brought up to date
 * (as `dflow run` does), so the next pass does not hash it again.
 *
 * Make decides by times only: without this pass a truncated product newer than its dependents
 * sends them to read it (and fail on every later make), and an emptied leaf is "up to date".
 */
import { readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from "node:fs";
import path from "node:path";
import type { TaskRecord } from "./executeTask.js";
import { fileStamp, readState, stateDir, writeState, type OutputRecord, type TaskState } from "./state.js";
import { outputMatches } from "./upToDate.js";

/** An output found changed on disk: its task, its path under the root, and what differed. */
export interface ChangedOutput {
  readonly task: string;
  readonly path: string;
  readonly how: "size" | "content" | "unrecorded";
}

/** What a verification pass saw and did. */
export interface VerifyOutputsReport {
  /** State records read (one per task that ran). */
  readonly records: number;
  /** Outputs those records name that are on disk (one missing is make's to remake: nothing to do). */
  readonly outputs: number;
  /** Outputs whose bytes are not those recorded: removed (unless `dryRun`). */
  readonly changed: readonly ChangedOutput[];
  /** Records whose outputs' times changed while their hashes stood: rewritten with the new times. */
  readonly refreshed: number;
  /** Records that are not records (torn, or of another shape): skipped, their task has no record and runs again when asked to. */
  readonly unreadable: number;
}

/** Options of {@link verifyOutputs}. */
export interface VerifyOutputsOptions {
  /** Hash every output, not only those whose size or time changed (`--verify`): finds a change that kept both. */
  readonly verify?: boolean;
  /** Report only: remove nothing, rewrite no record. */
  readonly dryRun?: boolean;
}

/**
 * A recorded output path that stays under the root and outside its state folder: a record
 * written by hand must not make the pass remove a file elsewhere.
 */
function insideRoot(rel: string): boolean {
  if (rel === "" || path.isAbsolute(rel)) return false;
  const n = path.normalize(rel);
  return n === rel && n !== ".." && !n.startsWith(".." + path.sep) && n !== ".dflow" && !n.startsWith(".dflow" + path.sep);
}

/** A state record's text as a record, or undefined for one of another shape (as `readState` reads them). */
function parseRecord(text: string): TaskState | undefined {
  try {
    const v = JSON.parse(text) as Partial<TaskState> | null;
    return v !== null && typeof v.id === "string" && typeof v.fingerprint === "string" && Array.isArray(v.outputs) ? (v as TaskState) : undefined;
  } catch {
    return undefined;
  }
}

/** The files of a directory, or none when it cannot be read (absent, or removed meanwhile). */
function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Verifies every recorded output under output root `out` (see the module's comment). */
export function verifyOutputs(out: string, opts: VerifyOutputsOptions = {}): VerifyOutputsReport {
  const root = path.join(stateDir(out), "state");
  const changed: ChangedOutput[] = [];
  let records = 0;
  let outputs = 0;
  let refreshed = 0;
  let unreadable = 0;
  for (const shard of listDir(root).sort()) {
    const dir = path.join(root, shard);
    for (const f of listDir(dir).sort()) {
      if (!f.endsWith(".json")) continue;
      let text: string;
      try {
        text = readFileSync(path.join(dir, f), "utf8");
      } catch {
        continue;
      }
      const rec = parseRecord(text);
      if (rec === undefined) {
        unreadable++;
        continue;
      }
      records++;
      const kept: OutputRecord[] = [];
      let retimed = false;
      for (const o of rec.outputs) {
        if (typeof o?.path !== "string" || typeof o.sha256 !== "string" || !insideRoot(o.path)) {
          kept.push(o);
          continue;
        }
        const file = path.join(out, o.path);
        const m = outputMatches(file, o, opts.verify === true);
        if (m.kind === "missing") {
          kept.push(o);
          continue;
        }
        outputs++;
        if (m.kind === "changed") {
          changed.push({ task: rec.id, path: o.path, how: m.how });
          if (opts.dryRun !== true) removeIfThere(file);
          kept.push(o);
          continue;
        }
        retimed ||= m.rehashed;
        kept.push(m.rehashed ? { path: o.path, sha256: o.sha256, ...m.stamp } : o);
      }
      if (retimed && opts.dryRun !== true) {
        writeState(out, { ...rec, outputs: kept });
        refreshed++;
      }
    }
  }
  return { records, outputs, changed, refreshed, unreadable };
}

/** Removes a file; one already gone (removed meanwhile) is fine. */
function removeIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/**
 * The first input of a task whose file is not what its producer's record says (by
 * {@link outputMatches}), with what differs; undefined when all are as recorded. An input without
 * a producer, or whose producer has no record of it (put there by hand), or that is missing, is
 * not judged here. What `dflow task` checks before a task reads its inputs: make reruns a
 * dependent of a changed file by its time without rerunning its producer.
 */
export function changedInput(out: string, record: Pick<TaskRecord, "inputs">): ChangedOutput | undefined {
  for (const inp of record.inputs) {
    for (const it of inp.items) {
      if (it.producer === undefined) continue;
      const rec = readState(out, it.producer)?.outputs.find((o) => o.path === it.path);
      if (rec === undefined) continue;
      const m = outputMatches(path.join(out, it.path), rec, false);
      if (m.kind === "changed") return { task: it.producer, path: it.path, how: m.how };
    }
  }
  return undefined;
}

/** Why a task does not read an input {@link changedInput} found changed, and what to run instead; `planDir` as shown to the user. */
export function changedInputMessage(c: ChangedOutput, planDir: string): string {
  const what = c.how === "size" ? "its size is not the one recorded" : "its content hash is not the one recorded";
  return (
    `input \`${c.path}\` changed on disk since \`${c.task}\` wrote it (${what}), so it is not read: ` +
    `run its producer again first (\`dflow task ${shellWord(planDir)} ${shellWord(c.task)}\` does, as \`dflow run\` would), ` +
    "or run make again: an emitted Makefile first removes outputs changed on disk, so make remakes them and what depends on them"
  );
}

/** A word as a shell reads it back: as it is when it holds nothing the shell treats specially, else in single quotes. */
function shellWord(s: string): string {
  return /^[\w./:=,+@-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/**
 * After `dflow task` found a task up to date: dates now those of its outputs that are older than
 * one of its inputs, and records their new times. Make reran the task because an input was newer
 * (its producer ran again and wrote the same bytes); without this, make would rerun it on every
 * later make and `make -q` would never say the outputs are current.
 */
export function dateAfterInputs(out: string, record: Pick<TaskRecord, "id" | "inputs" | "outputs">): void {
  let newest = -1n;
  for (const inp of record.inputs)
    for (const it of inp.items) {
      const st = statSync(path.join(out, it.path), { bigint: true, throwIfNoEntry: false });
      if (st !== undefined && st.mtimeNs > newest) newest = st.mtimeNs;
    }
  const files = record.outputs.map((o) => path.join(out, o.path));
  const older = files.filter((f) => (statSync(f, { bigint: true, throwIfNoEntry: false })?.mtimeNs ?? newest) < newest);
  if (older.length === 0) return;
  const now = new Date();
  for (const f of older) utimesSync(f, now, now);
  const rec = readState(out, record.id);
  if (rec === undefined) return;
  writeState(out, {
    ...rec,
    outputs: rec.outputs.map((o) => {
      const stamp = older.includes(path.join(out, o.path)) ? fileStamp(path.join(out, o.path)) : undefined;
      return stamp !== undefined ? { ...o, ...stamp } : o;
    }),
  });
}
