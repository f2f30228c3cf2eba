import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The submissions of a Slurm emission: the first in its root directory, follow-ups (continuation,
 * resubmission) in `ROOT/next/NNN-kind/`, in order. Each holds `ledger.tsv` (job name, job id per
 * submitted array, written by its `submit.sh`) and `jobs/NAME.tasks` (the task ids of each element).
 */
export function submissionDirs(root: string): string[] {
  const dirs = [root];
  const next = path.join(root, "next");
  if (existsSync(next)) for (const d of readdirSync(next).sort()) dirs.push(path.join(next, d));
  return dirs;
}

/** Where one task was last submitted. */
export interface LedgerEntry {
  readonly jobId: string;
  readonly element: number;
  readonly jobName: string;
  /** The submission directory. */
  readonly dir: string;
}

/** What the ledgers of an emission say: where each task was last submitted, every job id, the continuation jobs. */
export interface Ledger {
  readonly tasks: Map<string, LedgerEntry>;
  /** Every job id, in submission order. */
  readonly jobIds: string[];
  readonly continuations: { readonly jobId: string; readonly dir: string }[];
}

/** One submission as text: its directory, its `ledger.tsv`, and a reader of its `jobs/NAME.tasks` (undefined when missing). */
export interface SubmissionText {
  readonly dir: string;
  readonly ledger: string;
  readonly tasksFile: (jobName: string) => string | undefined;
}

/**
 * Every task ever submitted, with the job array element that last ran it (a later submission
 * wins), and the job ids in submission order. Arrays of a submission whose ledger has no line
 * were never submitted (a `submit.sh` stopped early) and count as such; malformed lines are skipped.
 */
export function parseLedgers(submissions: Iterable<SubmissionText>): Ledger {
  const tasks = new Map<string, LedgerEntry>();
  const jobIds: string[] = [];
  const continuations: { jobId: string; dir: string }[] = [];
  for (const { dir, ledger, tasksFile } of submissions) {
    for (const line of ledger.split("\n")) {
      if (line === "") continue;
      const [name, jobId] = line.split("\t");
      if (name === undefined || jobId === undefined || !/^\d+$/.test(jobId)) continue;
      jobIds.push(jobId);
      if (name.endsWith(".continue")) {
        continuations.push({ jobId, dir });
        continue;
      }
      const text = tasksFile(name);
      if (text === undefined) continue;
      text.split("\n").forEach((l, element) => {
        if (l === "") return;
        for (const id of l.split("\t")) tasks.set(id, { jobId, element, jobName: name, dir });
      });
    }
  }
  return { tasks, jobIds, continuations };
}

/** The ledgers of the emission in `root` and its follow-ups, read from disk (see `parseLedgers`). */
export function readLedgers(root: string): Ledger {
  const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, "utf8") : undefined);
  function* submissions(): Generator<SubmissionText> {
    for (const dir of submissionDirs(root)) {
      const ledger = read(path.join(dir, "ledger.tsv"));
      if (ledger !== undefined) yield { dir, ledger, tasksFile: (name) => read(path.join(dir, "jobs", `${name}.tasks`)) };
    }
  }
  return parseLedgers(submissions());
}

/** A job state from sacct, per array element (`JOBID_INDEX`) or plain job (`JOBID`). */
export type JobStates = Map<string, string>;

/**
 * Parses `sacct -X --parsable2 --noheader --format=JobID,State` output. A row for a whole
 * array not yet split (`12_[0-7%2]`, `12_[1,3-5]`) gives every listed element that state;
 * a row of its own for an element wins over it.
 */
export function parseSacct(text: string): JobStates {
  const states: JobStates = new Map();
  const ranges: [string, string][] = [];
  for (const line of text.split("\n")) {
    const [id, stateRaw] = line.split("|");
    if (id === undefined || stateRaw === undefined || id === "") continue;
    const state = stateRaw.split(" ")[0]!;
    const m = /^(\d+)_\[(.*)\]$/.exec(id);
    if (m !== null) {
      ranges.push([id, state]);
      continue;
    }
    states.set(id, state);
  }
  for (const [id, state] of ranges) {
    const m = /^(\d+)_\[(.*)\]$/.exec(id)!;
    const spec = m[2]!.split("%")[0]!;
    for (const part of spec.split(",")) {
      const [a, b] = part.split("-").map(Number);
      if (a === undefined || Number.isNaN(a)) continue;
      for (let i = a; i <= (b ?? a); i++) if (!states.has(`${m[1]}_${i}`)) states.set(`${m[1]}_${i}`, state);
    }
  }
  return states;
}
