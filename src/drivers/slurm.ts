import { spawnSync } from "node:child_process";
import { isolationSettings, type IsolationFlags } from "./isolationFlags.js";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import { checkFile, defaultIndexLoader } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { displayPath, SourceMap } from "../diag/SourceMap.js";
import { DFLOW_VERSION } from "../version.js";
import {
  checkSlurmBudget,
  continuationQueued,
  continueTasks,
  resubmitTasks,
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
import { outputRoot, rootOwner } from "../compile.js";
import { refineByFingerprint } from "../runtime/index.js";
import { refusedPaths, shQuote } from "../emit/emittedPaths.js";
import { outputDirProblems } from "./outputDirProblem.js";
import { SelectionError, TaskSelector } from "./selectors.js";
import { makeDirectory } from "../util/makeDirectory.js";

/**
 * The Slurm backend's I/O (`emit slurm`, `status`, `resubmit`, `continue`): reading an emission
 * back, planning it again, laying it out, writing a submission and running it. The decisions
 * (task states, follow-up task sets, the lock) are pure functions of `emit/slurm`. Each command
 * is one call that returns a {@link SlurmResult}: its diagnostics, the lines it has to say and
 * whether something that is not a diagnostic failed; the CLI prints them.
 */

/**
 * What a Slurm emission plans with besides its file and site: the planning flags, the `--only`
 * selection and the isolation flags (which bound the grid and relation kernels planning calls).
 */
export interface EmissionChoices extends IsolationFlags {
  /** The output root (absolute in `emit.json`); a first emission without `--out` leaves it to the pipeline's default. */
  readonly out?: string;
  readonly profile?: string;
  readonly set?: readonly string[];
  /** `--only` selectors: the stages submitted (and what they need). */
  readonly only?: readonly string[];
  readonly allowRefactoring?: boolean;
}

/** What a Slurm emission was made from, kept in `emit.json` so that follow-ups re-plan the same way. */
export interface EmissionMeta extends EmissionChoices {
  readonly version: string;
  readonly source: string;
  readonly site: string;
}

/**
 * A line to print, in order: `note` goes to stderr (what was written, cancelled, or failed to
 * run); `output` is what submit.sh printed on its stdout, `output-stderr` on its stderr.
 */
export interface SlurmMessage {
  readonly kind: "note" | "output" | "output-stderr";
  readonly text: string;
}

/** What a Slurm command ends with. */
export interface SlurmResult {
  readonly sources: SourceMap;
  readonly diagnostics: readonly Diagnostic[];
  readonly messages: readonly SlurmMessage[];
  /** A failure that is not a diagnostic (sacct, scancel or submit.sh failed). */
  readonly failed: boolean;
}

/** Where a Slurm command runs and what its scripts call. */
export interface SlurmContext {
  /** What relative paths are resolved against, and shown relative to. */
  readonly cwd: string;
  /** The executable the job scripts run `dflow task` with (node runs it). */
  readonly dflow: string;
}

/** What one command has found so far; its fields become the {@link SlurmResult}. */
interface Session extends SlurmContext {
  readonly sources: SourceMap;
  readonly diagnostics: Diagnostic[];
  readonly messages: SlurmMessage[];
  failed: boolean;
}

function session(ctx: SlurmContext): Session {
  return { cwd: ctx.cwd, dflow: ctx.dflow, sources: new SourceMap(), diagnostics: [], messages: [], failed: false };
}

function note(s: Session, text: string): void {
  s.messages.push({ kind: "note", text });
}

function resultOf(s: Session): SlurmResult {
  return { sources: s.sources, diagnostics: s.diagnostics, messages: s.messages, failed: s.failed };
}

/** A checked and planned emission. */
export interface Prepared {
  readonly pipeline: BoundPipeline;
  readonly plan: Plan;
  readonly site: Site;
  readonly source: string;
  /** The stages this emission submits (`--only` and what they need; every stage without it). */
  readonly stages: ReadonlySet<string>;
  /** With `--only`: per task, 1 when it is selected or needed upstream. */
  readonly selected?: Uint8Array;
}

const hasError = (diags: readonly Diagnostic[]): boolean => diags.some((d) => d.severity === "error");

/** Checks, reads the site, claims the output root (DF5011) and plans as far as the data on disk allows. */
async function prepare(s: Session, meta: EmissionMeta): Promise<Prepared | undefined> {
  const site = loadSite(meta.site);
  const checked = await checkFile(s.sources, meta.source, { loadIndex: defaultIndexLoader });
  s.diagnostics.push(...site.diagnostics, ...checked.diagnostics);
  const cp = checked.value?.checked;
  const c = checked.value?.bound;
  if (site.site === undefined || cp === undefined || c === undefined || hasError(s.diagnostics)) return undefined;
  const selection = new TaskSelector(s.sources, cp.scope, meta.only ?? [], meta.allowRefactoring === true);
  const limits = isolationSettings(meta);
  s.diagnostics.push(...selection.diagnostics, ...limits.diagnostics);
  if (hasError(s.diagnostics)) return undefined;
  const out = outputRoot(meta.out, c, meta.source, s.cwd);
  s.diagnostics.push(...claimOutputRoot(out, rootOwner(c, meta.source), s.cwd));
  if (hasError(s.diagnostics)) return undefined;
  try {
    const pv = await planWithData(c, {
      out,
      ...(meta.profile !== undefined ? { profile: meta.profile } : {}),
      ...(meta.set !== undefined ? { set: [...meta.set] } : {}),
      ...limits.value,
    });
    s.diagnostics.push(...pv.diagnostics);
    if (pv.value === undefined || hasError(s.diagnostics)) return undefined;
    const selected = meta.only !== undefined && meta.only.length > 0 ? selection.mask(pv.value.graph, c) : undefined;
    return { pipeline: c, plan: pv.value, site: site.site, source: meta.source, stages: selection.stages, ...(selected !== undefined ? { selected } : {}) };
  } catch (e) {
    if (e instanceof SelectionError) {
      s.diagnostics.push(...e.diagnostics);
      return undefined;
    }
    s.diagnostics.push(diag("DF5008", `The frontier of the plan could not be computed: ${(e as Error).message}`, undefined));
    return undefined;
  }
}

/** Per task: 0 up to date, else it must run (outputs missing, or fingerprint changed, or upstream). */
function taskState(p: Prepared): Uint8Array {
  const g = p.plan.graph;
  const state = staleTasks(g, p.plan.out);
  refineByFingerprint(p.plan, p.pipeline, state);
  // Stages outside the selection are not this emission's: they count as up to date.
  for (const s of g.stages) if (!p.stages.has(s.name)) state.fill(0, s.first, s.first + s.count);
  if (p.selected !== undefined) for (let t = 0; t < g.taskCount; t++) if (p.selected[t] === 0) state[t] = 0;
  return state;
}

/** The Slurm layout of the tasks to submit (see planSlurmJobs). */
function layout(p: Prepared, submit: Uint8Array, external: ReadonlyMap<number, string>, suffix: string | undefined, continuation = true): SlurmJobs {
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
function writeSubmission(s: Session, p: Prepared, root: string, dir: string, jobs: SlurmJobs): SlurmJobs | undefined {
  const g = p.plan.graph;
  const pipeline = p.pipeline.name || "pipeline";
  // Paths by the emitters' one rule (quoted where they go, or DF5018); the site's words go on #SBATCH lines (DF5009).
  const refused = refusedPaths({ emitDir: dir, out: p.plan.out, node: process.execPath, dflow: s.dflow }, "a Slurm job script");
  if (refused.length > 0) {
    s.diagnostics.push(...refused);
    return undefined;
  }
  const unsafe = [
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
  makeDirectory(dir);
  rmSync(path.join(dir, "jobs"), { recursive: true, force: true });
  makeDirectory(path.join(dir, "jobs"));
  makeDirectory(path.join(dir, "logs"));
  const planDir = path.join(dir, "plan");
  writePlanFile(p.pipeline, p.plan, planDir);
  const target = { source: displayPath(p.source, s.cwd), pipeline, dir, planDir, node: process.execPath, dflow: s.dflow, site: p.site, root };
  for (const f of slurmFiles(jobs, g, target)) {
    // Not fsync'd (hundreds of files): an emission lost in a power cut is emitted again.
    writeFileAtomic(path.join(dir, f.path), f.chunks, { fsync: false });
  }
  for (const a of jobs.arrays) makeDirectory(path.join(dir, "logs", a.name));
  return jobs;
}

/** One line on what a submission holds: tasks, stages, arrays, elements, packing, node-hours, continuation. */
function describe(jobs: SlurmJobs, site: Site): string {
  const stages = new Set(jobs.arrays.map((a) => a.stage)).size;
  const tasks = jobs.arrays.reduce((a, x) => a + x.tasks.length, 0);
  return `${tasks} tasks of ${stages} stages in ${jobs.arrays.length} job arrays, ${jobs.elements} elements${jobs.autoPack > 1 ? ` (packed ${jobs.autoPack} tasks per element to fit MaxSubmitJobs ${site.MaxSubmitJobs})` : ""}, ${jobs.nodeHours.toFixed(2)} node-hours${jobs.continuationAfter !== undefined ? ", and a continuation job for the frontier" : ""}`;
}

/** Whether `root` holds a submitted plan (a non-empty ledger): then `emit slurm` does not write over it. */
function alreadySubmitted(root: string): boolean {
  const ledger = path.join(root, "ledger.tsv");
  return existsSync(ledger) && readFileSync(ledger, "utf8").trim() !== "";
}

/** Writes `emit.json`. */
function writeMeta(root: string, meta: EmissionMeta): void {
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
function readMeta(s: Session, root: string): EmissionMeta | undefined {
  try {
    return JSON.parse(readFileSync(path.join(root, "emit.json"), "utf8")) as EmissionMeta;
  } catch (e) {
    s.diagnostics.push(
      diag("DF5010", `\`${displayPath(root, s.cwd)}\` holds no Slurm emission: ${emissionMissing(root, e)}.`, undefined, {
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
async function computeStatus(s: Session, root: string, siteOverride?: string): Promise<Followed | undefined> {
  const read = readMeta(s, root);
  if (read === undefined) return undefined;
  const meta = siteOverride !== undefined ? { ...read, site: path.resolve(s.cwd, siteOverride) } : read;
  const p = await prepare(s, meta);
  if (p === undefined) return undefined;
  const fresh = taskState(p);
  const ledger = readLedgers(root);
  const jobStates = sacctStates(ledger.jobIds);
  if (typeof jobStates === "string") {
    note(s, `error: ${jobStates}\n`);
    s.failed = true;
    return undefined;
  }
  const g = p.plan.graph;
  const ids = Array.from({ length: g.taskCount }, (_, t) => taskId(g, t));
  return { prepared: p, ids, status: slurmStatus(ids, fresh, ledger, jobStates) };
}

/** Runs `fn` holding the emission's lock; a diagnostic when another follow-up holds it. */
async function withLock(s: Session, root: string, fn: () => Promise<void>): Promise<void> {
  if (readMeta(s, root) === undefined) return;
  const r = await withEmissionLock(root, fn);
  if (r.held)
    s.diagnostics.push(
      diag("DF5007", `Another \`dflow continue\` or \`dflow resubmit\` holds \`${displayPath(path.join(root, ".lock"), s.cwd)}\`.`, undefined, {
        help: "wait for it to end; remove the directory if no such command runs",
      }),
    );
}

/** Cancels job array elements with scancel; false (and a message) when it fails. */
function cancelElements(s: Session, elements: readonly string[]): boolean {
  const r = spawnSync("scancel", [...elements], { encoding: "utf8" });
  if (r.status === 0) return true;
  note(s, `error: scancel ${elements.join(" ")} failed: ${r.error?.message ?? r.stderr.trim()}\n`);
  s.failed = true;
  return false;
}

/** Writes the follow-up submission `kind` (continue or resubmit) in `ROOT/next/NNN-kind/` and, unless `--no-submit`, runs its submit.sh. */
function followUp(s: Session, p: Prepared, root: string, kind: string, tasks: FollowUp, continuation: boolean, submit: boolean): void {
  const count = tasks.submit.reduce((a, b) => a + b, 0);
  const n = submissionDirs(root).length;
  const dir = path.join(root, "next", `${String(n).padStart(3, "0")}-${kind}`);
  const planned = layout(p, tasks.submit, tasks.external, `${kind[0]}${n}`, continuation);
  if (count === 0 && planned.continuationAfter === undefined) {
    note(s, `${kind}: nothing to submit (every task is done, queued, or waits on a failed one: see dflow status)\n`);
    return;
  }
  const jobs = writeSubmission(s, p, root, dir, planned);
  if (jobs === undefined) return;
  note(s, `${kind}: wrote ${displayPath(path.join(dir, "submit.sh"), s.cwd)}: ${describe(jobs, p.site)}\n`);
  if (!submit) return;
  const r = spawnSync("bash", [path.join(dir, "submit.sh")], { encoding: "utf8" });
  if (r.stdout !== "") s.messages.push({ kind: "output", text: r.stdout });
  if (r.stderr !== "") s.messages.push({ kind: "output-stderr", text: r.stderr });
  if (r.status !== 0) s.failed = true;
}

/** The flags of `dflow emit slurm`, as written (paths relative to the context's cwd). */
export interface EmitSlurmOptions extends EmissionChoices {
  readonly site: string;
  readonly emitDir: string;
}

/** `dflow emit slurm`: plans `file` and writes a first submission into the emit directory, not submitted; DF5007 when it was already submitted. */
export async function emitSlurm(file: string, opts: EmitSlurmOptions, ctx: SlurmContext): Promise<SlurmResult> {
  const s = session(ctx);
  await emitFirstSubmission(s, file, opts);
  return resultOf(s);
}

async function emitFirstSubmission(s: Session, file: string, opts: EmitSlurmOptions): Promise<void> {
  const root = path.resolve(s.cwd, opts.emitDir);
  // Unusable --out and --emit-dir, and paths the scripts cannot hold, are refused before any work (without --out the root is out/<pipeline name>).
  const paths = outputDirProblems(opts, s.cwd);
  if (paths.length === 0)
    paths.push(...refusedPaths({ emitDir: root, out: path.resolve(s.cwd, opts.out ?? "out"), node: process.execPath, dflow: s.dflow }, "a Slurm job script"));
  if (paths.length > 0) {
    s.diagnostics.push(...paths);
    return;
  }
  if (alreadySubmitted(root)) {
    s.diagnostics.push(
      diag("DF5007", `\`${displayPath(root, s.cwd)}\` holds a plan that was already submitted.`, undefined, {
        help: "follow it with `dflow status DIR` and `dflow resubmit DIR`, or emit into a new directory",
      }),
    );
    return;
  }
  const meta: EmissionMeta = {
    version: DFLOW_VERSION,
    source: path.resolve(s.cwd, file),
    site: path.resolve(s.cwd, opts.site),
    ...(opts.out !== undefined ? { out: path.resolve(s.cwd, opts.out) } : {}),
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.set !== undefined ? { set: opts.set } : {}),
    ...(opts.only !== undefined ? { only: opts.only } : {}),
    ...(opts.allowRefactoring === true ? { allowRefactoring: true } : {}),
    ...(opts.timeoutFactor !== undefined ? { timeoutFactor: opts.timeoutFactor } : {}),
    ...(opts.taskTimeout !== undefined ? { taskTimeout: opts.taskTimeout } : {}),
    ...(opts.taskMemory !== undefined ? { taskMemory: opts.taskMemory } : {}),
  };
  const p = await prepare(s, meta);
  if (p === undefined) return;
  const state = taskState(p);
  const submit = new Uint8Array(state.length);
  for (let t = 0; t < state.length; t++) submit[t] = state[t] !== 0 ? 1 : 0;
  // A new first submission: follow-ups of an earlier, never submitted emission go.
  rmSync(path.join(root, "next"), { recursive: true, force: true });
  const jobs = writeSubmission(s, p, root, root, layout(p, submit, new Map(), undefined));
  if (jobs === undefined) return;
  writeMeta(root, { ...meta, out: p.plan.out });
  const submitSh = displayPath(path.join(root, "submit.sh"), s.cwd);
  note(s, `wrote ${submitSh}: ${describe(jobs, p.site)}; submit with bash ${shQuote(submitSh)}\n`);
}

/** Every task's state in a submitted emission, with what renders it. */
export interface EmissionStatus {
  /** Every task's id, by task number. */
  readonly ids: readonly string[];
  readonly stageOf: (task: number) => string;
  /** The stages past the frontier and what each waits for. */
  readonly deferred: readonly { readonly stage: string; readonly waits: string }[];
  readonly status: SlurmStatus;
}

/** `dflow status`: reads the emission in `root` back and classifies every task (the status only when it could). */
export async function emissionStatus(
  root: string,
  siteOverride: string | undefined,
  ctx: SlurmContext,
): Promise<SlurmResult & { readonly value?: EmissionStatus }> {
  const s = session(ctx);
  const f = await computeStatus(s, root, siteOverride);
  if (f === undefined) return resultOf(s);
  const g = f.prepared.plan.graph;
  const value: EmissionStatus = {
    ids: f.ids,
    stageOf: (t: number) => g.stageOf(t).name,
    deferred: g.stages.filter((x) => x.deferred !== undefined).map((x) => ({ stage: x.name, waits: x.deferred! })),
    status: f.status,
  };
  return { ...resultOf(s), value };
}

/** Options of the follow-ups (`continue`, `resubmit`). */
export interface FollowUpOptions {
  /** Unless false (`--no-submit`), the submission written is run (and resubmit's cancellations made). */
  readonly submit: boolean;
  /** The Slurm job this runs in (SLURM_JOB_ID): a continuation job does not count itself as queued. */
  readonly jobId?: string;
}

/** Holding the emission's lock, reads it back with every task's status and hands both to `fn`. */
async function followUpLocked(root: string, ctx: SlurmContext, fn: (s: Session, f: Followed) => void): Promise<SlurmResult> {
  const s = session(ctx);
  await withLock(s, root, async () => {
    const f = await computeStatus(s, root);
    if (f !== undefined) fn(s, f);
  });
  return resultOf(s);
}

/** `dflow continue`: re-plans past the frontier and writes (and submits) what `continueTasks` chose; no new continuation while another is queued. */
export async function continueEmission(root: string, opts: FollowUpOptions, ctx: SlurmContext): Promise<SlurmResult> {
  return followUpLocked(root, ctx, (s, f) => {
    const tasks = continueTasks(f.prepared.plan.graph, f.status);
    followUp(s, f.prepared, root, "continue", tasks, !continuationQueued(f.status.continuations, opts.jobId), opts.submit);
  });
}

/** `dflow resubmit`: cancels the queued elements whose inputs are made again, then writes (and submits) what `resubmitTasks` chose. */
export async function resubmitEmission(root: string, opts: FollowUpOptions, ctx: SlurmContext): Promise<SlurmResult> {
  return followUpLocked(root, ctx, (s, f) => {
    const tasks = resubmitTasks(f.prepared.plan.graph, f.status);
    const n = tasks.cancel.length;
    if (n > 0) {
      if (opts.submit && !cancelElements(s, tasks.cancel)) return;
      note(
        s,
        `resubmit: ${opts.submit ? "cancelled" : "would cancel"} ${n} queued element${n === 1 ? "" : "s"} whose inputs are made again: ${tasks.cancel.join(" ")}\n`,
      );
    }
    followUp(s, f.prepared, root, "resubmit", tasks, !continuationQueued(f.status.continuations, undefined), opts.submit);
  });
}
