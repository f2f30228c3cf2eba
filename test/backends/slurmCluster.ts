/**
 * The real one-node Slurm the backend tests submit to: started by scripts/slurm-up.sh when it
 * is not up, polled through sacct until every job of a submission (and of its follow-ups) has
 * ended.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseSacct } from "../../src/emit/slurm/slurmLedger.js";
import { submissionDirs } from "../../src/emit/slurm/slurmLedger.js";

const PACKAGES = "slurmctld slurmd slurm-client slurmdbd munge mariadb-server";
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED"]);

/** Starts the local Slurm if `scontrol ping` does not answer; throws naming the Debian packages when it cannot. */
export function ensureSlurm(): void {
  const ping = (): boolean => {
    const r = spawnSync("scontrol", ["ping"], { encoding: "utf8" });
    return r.status === 0 && /UP/.test(r.stdout);
  };
  if (ping()) return;
  const up = spawnSync("bash", ["scripts/slurm-up.sh"], { encoding: "utf8" });
  if (up.status !== 0 || !ping()) {
    throw new Error(`No Slurm cluster: scripts/slurm-up.sh failed (it installs the Debian packages ${PACKAGES}).\n${up.stdout}\n${up.stderr}`);
  }
}

/** Every job id in the ledgers of a submission root and its follow-ups. */
export function ledgerJobs(root: string): { name: string; id: string }[] {
  const out: { name: string; id: string }[] = [];
  for (const dir of submissionDirs(root)) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, "ledger.tsv"), "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) {
      const [name, id] = line.split("\t");
      if (name !== undefined && id !== undefined && id !== "") out.push({ name, id });
    }
  }
  return out;
}

/** One sacct row per job or array element. */
export interface SacctRow {
  readonly jobId: string;
  readonly name: string;
  readonly state: string;
  readonly start: number;
  readonly end: number;
  readonly comment: string;
}

/** `sacct -j` rows of the given jobs (whole arrays not split yet come as one `ID_[…]` row). */
export function sacct(ids: readonly string[]): SacctRow[] {
  if (ids.length === 0) return [];
  const r = spawnSync("sacct", ["-j", ids.join(","), "-X", "--parsable2", "--noheader", "--format=JobID,JobName%60,State,Start,End,Comment%2000"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`sacct failed: ${r.stderr}`);
  const time = (s: string): number => (/^\d{4}-/.test(s) ? Date.parse(s + "Z") : Number.NaN);
  return r.stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const [jobId, name, state, start, end, ...comment] = l.split("|");
      return { jobId: jobId!, name: name!, state: state!.split(" ")[0]!, start: time(start!), end: time(end!), comment: comment.join("|") };
    });
}

/** Waits until every job of `root` (follow-ups included) has ended, as sacct sees it, twice in a row. */
export async function waitForJobs(root: string, timeoutMs: number): Promise<SacctRow[]> {
  const t0 = Date.now();
  let settled = 0;
  for (;;) {
    const jobs = ledgerJobs(root);
    const rows = sacct(jobs.map((j) => j.id));
    const seen = new Set(rows.map((r) => r.jobId.split("_")[0]));
    const done =
      jobs.length > 0 &&
      jobs.every((j) => seen.has(j.id)) &&
      rows.every((r) => TERMINAL.has(r.state)) &&
      [...parseSacct(rows.map((r) => `${r.jobId}|${r.state}`).join("\n")).values()].every((s) => TERMINAL.has(s));
    settled = done ? settled + 1 : 0;
    if (settled >= 2) return rows;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`Slurm jobs of ${root} did not end within ${timeoutMs / 1000} s: ${rows.map((r) => `${r.jobId} ${r.state}`).join(", ")}`);
    await new Promise((r) => setTimeout(r, 1500));
  }
}

/** Every file an emission wrote that a shell runs: submit.sh and the job scripts, follow-ups included. */
export function emittedScripts(root: string): string[] {
  const out: string[] = [];
  for (const dir of submissionDirs(root)) {
    out.push(path.join(dir, "submit.sh"));
    for (const f of readdirSync(path.join(dir, "jobs"))) if (f.endsWith(".sbatch")) out.push(path.join(dir, "jobs", f));
  }
  return out;
}
