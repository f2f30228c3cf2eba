import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import { requestedStages } from "../check/index.js";
import { checkFile, defaultIndexLoader } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { displayPath, SourceMap } from "../diag/SourceMap.js";
import {
  checkSlurmBudget,
  frontierProducts,
  parseSacct,
  planSlurmJobs,
  readLedgers,
  sbatchSafe,
  slurmFiles,
  slurmStatus,
  submissionDirs,
  withEmissionLock,
  type FollowUp,
  type JobStates,
  type SlurmJobs,
  type SlurmStatus,
} from "../emit/slurm/index.js";
import { loadSite, staleTasks, taskId, type Plan, type Site } from "../plan/index.js";
import { claimOutputRoot, planWithData, writePlanFile } from "../runtime/index.js";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import type { CommandResult } from "./CliCommand.js";
import type { CliIo } from "./io.js";
import { outputRoot, rootOwner } from "../compile.js";
import { refineByFingerprint } from "../runtime/index.js";
import { isDataFormat } from "./report.js";
import { parseSelectors } from "../drivers/selectors.js";
import { dflowScript } from "./self.js";

/**
 * What the Slurm commands (`emit slurm`, `status`, `resubmit`, `continue`) share: reading an
 * emission back, planning it again, laying it out, writing a submission and running it. The
 * decisions (task states, follow-up task sets, the lock) are pure functions of `emit/slurm`;
 * each step adds its diagnostics to a `SlurmSession` that the command reports once.
 */

/** What a Slurm emission was made from, kept in `emit.json` so that follow-ups re-plan the same way. */
export interface EmissionMeta {
  readonly version: string;
  readonly source: string;
  readonly site: string;
  /** The output root (absolute); a first emission without `--out` leaves it to the pipeline's default. */
  readonly out?: string;
  readonly profile?: string;
  readonly set?: readonly string[];
  /** `--only` selectors: the stages submitted (and what they need). */
  readonly only?: readonly string[];
  readonly allowRefactoring?: boolean;
}

/** The diagnostics of one Slurm command so far, with the sources they point into. */
export interface SlurmSession {
  readonly io: CliIo;
  readonly sources: SourceMap;
  readonly diagnostics: Diagnostic[];
  /** Whether stdout carries the report (`--format json|github`): then what submit.sh prints goes to stderr. */
  readonly reportOnStdout: boolean;
  /** A failure that is not a diagnostic (sacct, scancel or submit.sh failed). */
  failed: boolean;
}

/** A new session over `io` for a command reporting in `format`. */
export function slurmSession(io: CliIo, format: string): SlurmSession {
  return { io, sources: new SourceMap(), diagnostics: [], reportOnStdout: isDataFormat(format), failed: false };
}

/** The session's result, for `report` and `exitCode`. */
export function sessionResult(s: SlurmSession): CommandResult {
  return { sources: s.sources, diagnostics: s.diagnostics, failed: s.failed };
}

/** A checked and planned emission. */
export interface Prepared {
  readonly pipeline: BoundPipeline;
  readonly plan: Plan;
  readonly site: Site;
  readonly source: string;
  /** The stages this emission submits (`--only` and what they need; every stage without it). */
  readonly stages: ReadonlySet<string>;
}

const hasError = (diags: readonly Diagnostic[]): boolean => diags.some((d) => d.severity === "error");

/** Checks, reads the site, claims the output root (DF5011) and plans as far as the data on disk allows. */
export async function prepare(s: SlurmSession, meta: EmissionMeta): Promise<Prepared | undefined> {
  const site = loadSite(meta.site);
  const checked = await checkFile(s.sources, meta.source, { loadIndex: defaultIndexLoader });
  s.diagnostics.push(...site.diagnostics, ...checked.diagnostics);
  const cp = checked.value?.checked;
  const c = checked.value?.bound;
  if (site.site === undefined || cp === undefined || c === undefined || hasError(s.diagnostics)) return undefined;
  const selectors = parseSelectors(s.sources, meta.only ?? []);
  const req = requestedStages(cp.scope, selectors.value, meta.allowRefactoring === true);
  s.diagnostics.push(...selectors.diagnostics, ...req.diagnostics);
  if (hasError(s.diagnostics)) return undefined;
  const out = outputRoot(meta.out, c, meta.source, s.io.cwd);
  s.diagnostics.push(...claimOutputRoot(out, rootOwner(c, meta.source), s.io.cwd));
  if (hasError(s.diagnostics)) return undefined;
  try {
    const pv = await planWithData(c, {
      out,
      ...(meta.profile !== undefined ? { profile: meta.profile } : {}),
      ...(meta.set !== undefined ? { set: [...meta.set] } : {}),
    });
    s.diagnostics.push(...pv.diagnostics);
    if (pv.value === undefined || hasError(s.diagnostics)) return undefined;
    return { pipeline: c, plan: pv.value, site: site.site, source: meta.source, stages: req.stages };
  } catch (e) {
    s.diagnostics.push(diag("DF5008", `The frontier of the plan could not be computed: ${(e as Error).message}`, undefined));
    return undefined;
  }
}

/** Per task: 0 up to date, else it must run (outputs missing, or fingerprint changed, or upstream). */
export function taskState(p: Prepared): Uint8Array {
  const g = p.plan.graph;
  const state = staleTasks(g, p.plan.out);
  refineByFingerprint(p.plan, p.pipeline, state);
  // Stages outside the selection are not this emission's: they count as up to date.
  for (const s of g.stages) if (!p.stages.has(s.name)) state.fill(0, s.first, s.first + s.count);
  return state;
}

/** The Slurm layout of the tasks to submit (see planSlurmJobs). */
export function layout(p: Prepared, submit: Uint8Array, external: ReadonlyMap<number, string>, suffix: string | undefined, continuation = true): SlurmJobs {
  const g = p.plan.graph;
  const pipeline = p.pipeline.name || "pipeline";
  return planSlurmJobs(g, {
    pipeline,
    site: p.site,
    submit,
    external,
    frontierProducts: frontierProducts(p.pipeline, g.frontier),
    continuation,
    reserve: g.stages.some((s) => s.deferred !== undefined) ? 1 : 0,
    ...(suffix !== undefined ? { suffix } : {}),
  });
}

/**
 * Writes one submission into `dir`: the plan file, per array an sbatch script and a task list,
 * `submit.sh`, and the continuation job when the layout has one. The budget and the values
 * going on `#SBATCH` lines are checked first; when they fail nothing is written.
 */
export function writeSubmission(s: SlurmSession, p: Prepared, root: string, dir: string, jobs: SlurmJobs): SlurmJobs | undefined {
  const g = p.plan.graph;
  const pipeline = p.pipeline.name || "pipeline";
  const unsafe = [
    ["the emit directory", dir],
    ["the site's partition", p.site.partition],
    ["the site's account", p.site.account],
    ["the site's qos", p.site.qos],
    ["the site's constraint", p.site.constraint],
  ].filter(([, v]) => v !== undefined && !sbatchSafe(v));
  if (unsafe.length > 0) {
    s.diagnostics.push(
      ...unsafe.map(([what, v]) =>
        diag("DF5009", `${what!.replace(/^./, (c) => c.toUpperCase())} \`${v}\` cannot go on an #SBATCH line.`, undefined, {
          help: "sbatch splits #SBATCH lines on blanks and reads quotes: use letters, digits and _.,:=@%+/- only",
        }),
      ),
    );
    return undefined;
  }
  const over = checkSlurmBudget(jobs, p.site);
  if (over.length > 0) {
    s.diagnostics.push(...over);
    return undefined;
  }
  mkdirSync(dir, { recursive: true });
  rmSync(path.join(dir, "jobs"), { recursive: true, force: true });
  mkdirSync(path.join(dir, "jobs"), { recursive: true });
  mkdirSync(path.join(dir, "logs"), { recursive: true });
  const planDir = path.join(dir, "plan");
  writePlanFile(p.pipeline, p.plan, planDir);
  const target = { source: displayPath(p.source, s.io.cwd), pipeline, dir, planDir, node: process.execPath, dflow: dflowScript(), site: p.site, root };
  for (const f of slurmFiles(jobs, g, target)) {
    // Not fsync'd (hundreds of files): an emission lost in a power cut is emitted again.
    writeFileAtomic(path.join(dir, f.path), f.chunks, { fsync: false });
  }
  for (const a of jobs.arrays) mkdirSync(path.join(dir, "logs", a.name), { recursive: true });
  return jobs;
}

/** One line on what a submission holds: tasks, stages, arrays, elements, packing, node-hours, continuation. */
export function describe(jobs: SlurmJobs, site: Site): string {
  const stages = new Set(jobs.arrays.map((a) => a.stage)).size;
  const tasks = jobs.arrays.reduce((a, x) => a + x.tasks.length, 0);
  return `${tasks} tasks of ${stages} stages in ${jobs.arrays.length} job arrays, ${jobs.elements} elements${jobs.autoPack > 1 ? ` (packed ${jobs.autoPack} tasks per element to fit MaxSubmitJobs ${site.MaxSubmitJobs})` : ""}, ${jobs.nodeHours.toFixed(2)} node-hours${jobs.continuationAfter !== undefined ? ", and a continuation job for the frontier" : ""}`;
}

/** Whether `root` holds a submitted plan (a non-empty ledger): then `emit slurm` does not write over it. */
export function alreadySubmitted(root: string): boolean {
  const ledger = path.join(root, "ledger.tsv");
  return existsSync(ledger) && readFileSync(ledger, "utf8").trim() !== "";
}

/** Writes `emit.json`. */
export function writeMeta(root: string, meta: EmissionMeta): void {
  writeFileAtomic(path.join(root, "emit.json"), JSON.stringify(meta, null, 2) + "\n", { fsync: false });
}

/** Why `emit.json` could not be read, in words (no raw system message). */
function emissionMissing(root: string, e: unknown): string {
  if (!existsSync(root)) return "the directory does not exist";
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "it has no `emit.json`";
  return e instanceof SyntaxError ? "its `emit.json` is not valid JSON" : `its \`emit.json\` cannot be read (${code ?? (e as Error).message})`;
}

/** Reads `emit.json`; a diagnostic when `root` holds no emission. */
export function readMeta(s: SlurmSession, root: string): EmissionMeta | undefined {
  try {
    return JSON.parse(readFileSync(path.join(root, "emit.json"), "utf8")) as EmissionMeta;
  } catch (e) {
    s.diagnostics.push(
      diag("DF5010", `\`${displayPath(root, s.io.cwd)}\` holds no Slurm emission: ${emissionMissing(root, e)}.`, undefined, {
        help: "write one with `dflow emit slurm FILE --site SITE --emit-dir DIR`",
      }),
    );
    return undefined;
  }
}

/** The sacct state of every element of these jobs; a message when sacct cannot run or fails. */
function sacctStates(jobIds: readonly string[]): JobStates | string {
  if (jobIds.length === 0) return new Map();
  const r = spawnSync("sacct", ["-j", jobIds.join(","), "-X", "--parsable2", "--noheader", "--format=JobID,State"], { encoding: "utf8" });
  if (r.error !== undefined) return `sacct could not run (${r.error.message}): install the Debian package slurm-client`;
  if (r.status !== 0) return `sacct failed: ${r.stderr.trim()}`;
  return parseSacct(r.stdout);
}

/** A prepared emission with every task's status. */
export interface Followed {
  readonly prepared: Prepared;
  /** Every task's id, by task number. */
  readonly ids: readonly string[];
  readonly status: SlurmStatus;
}

/** Reads the emission in `root` back, re-plans it and classifies every task from the ledger, sacct and the outputs' fingerprints. */
export async function computeStatus(s: SlurmSession, root: string, siteOverride?: string): Promise<Followed | undefined> {
  const read = readMeta(s, root);
  if (read === undefined) return undefined;
  const meta = siteOverride !== undefined ? { ...read, site: path.resolve(s.io.cwd, siteOverride) } : read;
  const p = await prepare(s, meta);
  if (p === undefined) return undefined;
  const fresh = taskState(p);
  const ledger = readLedgers(root);
  const jobStates = sacctStates(ledger.jobIds);
  if (typeof jobStates === "string") {
    s.io.stderr(`error: ${jobStates}\n`);
    s.failed = true;
    return undefined;
  }
  const g = p.plan.graph;
  const ids = Array.from({ length: g.taskCount }, (_, t) => taskId(g, t));
  return { prepared: p, ids, status: slurmStatus(ids, fresh, ledger, jobStates) };
}

/** Runs `fn` holding the emission's lock; a diagnostic when another follow-up holds it. */
export async function withLock(s: SlurmSession, root: string, fn: () => Promise<void>): Promise<void> {
  if (readMeta(s, root) === undefined) return;
  const r = await withEmissionLock(root, fn);
  if (r.held)
    s.diagnostics.push(
      diag("DF5007", `Another \`dflow continue\` or \`dflow resubmit\` holds \`${displayPath(path.join(root, ".lock"), s.io.cwd)}\`.`, undefined, {
        help: "wait for it to end; remove the directory if no such command runs",
      }),
    );
}

/** Cancels job array elements with scancel; false (and a message) when it fails. */
export function cancelElements(s: SlurmSession, elements: readonly string[]): boolean {
  const r = spawnSync("scancel", [...elements], { encoding: "utf8" });
  if (r.status === 0) return true;
  s.io.stderr(`error: scancel ${elements.join(" ")} failed: ${r.error?.message ?? r.stderr.trim()}\n`);
  s.failed = true;
  return false;
}

/** Writes the follow-up submission `kind` (continue or resubmit) in `ROOT/next/NNN-kind/` and, unless `--no-submit`, runs its submit.sh. */
export function followUp(s: SlurmSession, p: Prepared, root: string, kind: string, tasks: FollowUp, continuation: boolean, submit: boolean): void {
  const count = tasks.submit.reduce((a, b) => a + b, 0);
  const n = submissionDirs(root).length;
  const dir = path.join(root, "next", `${String(n).padStart(3, "0")}-${kind}`);
  const planned = layout(p, tasks.submit, tasks.external, `${kind[0]}${n}`, continuation);
  if (count === 0 && planned.continuationAfter === undefined) {
    s.io.stderr(`${kind}: nothing to submit (every task is done, queued, or waits on a failed one: see dflow status)\n`);
    return;
  }
  const jobs = writeSubmission(s, p, root, dir, planned);
  if (jobs === undefined) return;
  s.io.stderr(`${kind}: wrote ${displayPath(path.join(dir, "submit.sh"), s.io.cwd)}: ${describe(jobs, p.site)}\n`);
  if (!submit) return;
  const r = spawnSync("bash", [path.join(dir, "submit.sh")], { encoding: "utf8" });
  if (r.stdout !== "") (s.reportOnStdout ? s.io.stderr : s.io.stdout)(r.stdout);
  if (r.stderr !== "") s.io.stderr(r.stderr);
  if (r.status !== 0) s.failed = true;
}
