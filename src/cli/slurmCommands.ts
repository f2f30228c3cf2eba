import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckedProgram } from "../check/index.js";
import { checkFile, defaultIndexLoader } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { renderDiagnostics } from "../diag/render.js";
import { displayPath, SourceMap } from "../diag/SourceMap.js";
import { sbatchSafe, slurmFiles } from "../emit/slurm/emitSlurm.js";
import { parseSacct, readLedgers, submissionDirs, type JobStates } from "../emit/slurm/slurmLedger.js";
import { planSlurmJobs, type SlurmJobs } from "../emit/slurm/slurmJobs.js";
import { checkSlurmBudget } from "../emit/slurm/slurmBudget.js";
import { loadSite, staleTasks, taskId, type Plan, type Site } from "../plan/index.js";
import { planWithData, writePlanFile } from "../runtime/index.js";
import { DFLOW_VERSION } from "../version.js";
import type * as A from "../syntax/ast.js";
import { parseSelector, type Selector } from "../syntax/index.js";
import { requestedStages } from "../check/index.js";
import type { CliIo } from "./io.js";
import { refineByFingerprint } from "./planCommand.js";

/** What a Slurm emission was made from, kept in `emit.json` so that follow-ups re-plan the same way. */
interface EmissionMeta {
  readonly version: string;
  readonly source: string;
  readonly site: string;
  readonly out: string;
  readonly profile?: string;
  readonly set?: readonly string[];
  /** `--only` selectors: the stages submitted (and what they need). */
  readonly only?: readonly string[];
  readonly allowRefactoring?: boolean;
}

/** The flags of `dflow emit slurm`. */
export interface EmitSlurmFlags {
  readonly out: string;
  readonly profile?: string;
  readonly set?: string[];
  readonly site: string;
  readonly emitDir: string;
  readonly only?: string[];
  readonly allowRefactoring?: boolean;
}

interface Prepared {
  readonly checked: CheckedProgram;
  readonly plan: Plan;
  readonly site: Site;
  readonly sources: SourceMap;
  readonly source: string;
  /** The stages this emission submits (`--only` and what they need; every stage without it). */
  readonly stages: ReadonlySet<string>;
}

const self = (): string => fileURLToPath(import.meta.url);

function report(io: CliIo, sources: SourceMap, diags: readonly Diagnostic[]): void {
  if (diags.length > 0) io.stderr(renderDiagnostics(diags, "text", { sources, cwd: io.cwd }));
}

/** Checks, reads the site and plans as far as the data on disk allows. */
async function prepare(meta: EmissionMeta, io: CliIo): Promise<Prepared | undefined> {
  const sources = new SourceMap();
  const site = loadSite(meta.site);
  const checked = await checkFile(sources, meta.source, { loadIndex: defaultIndexLoader });
  const diags = [...site.diagnostics, ...checked.diagnostics];
  const c = checked.value?.checked;
  if (site.site === undefined || c === undefined || diags.some((d) => d.severity === "error")) {
    report(io, sources, diags);
    return undefined;
  }
  const selectors: Selector[] = [];
  for (const text of meta.only ?? []) {
    const r = parseSelector(sources.add("--only", text));
    diags.push(...r.diagnostics);
    if (r.value !== undefined) selectors.push(r.value);
  }
  const req = requestedStages(c.scope, selectors, meta.allowRefactoring === true);
  diags.push(...req.diagnostics);
  if (diags.some((d) => d.severity === "error")) {
    report(io, sources, diags);
    return undefined;
  }
  let pv: Awaited<ReturnType<typeof planWithData>>;
  try {
    pv = await planWithData(c, { out: meta.out, ...(meta.profile !== undefined ? { profile: meta.profile } : {}), ...(meta.set !== undefined ? { set: [...meta.set] } : {}) });
  } catch (e) {
    diags.push(diag("DF5008", `The frontier of the plan could not be computed: ${(e as Error).message}`, undefined));
    report(io, sources, diags);
    return undefined;
  }
  diags.push(...pv.diagnostics);
  report(io, sources, diags);
  if (pv.value === undefined || diags.some((d) => d.severity === "error")) return undefined;
  return { checked: c, plan: pv.value, site: site.site, sources, source: meta.source, stages: req.stages };
}

/** The products the plan's frontier grids and relations are computed from. */
function frontierProducts(p: Prepared): string[] {
  const g = p.plan.graph;
  const out = new Set<string>();
  const refs = (c: A.KernelCallNode): void => {
    for (const a of c.args) if (a.name === undefined && a.value.kind === "Ref") out.add(a.value.name.value);
  };
  for (const name of g.frontier.keys()) {
    const d = p.checked.scope.grids.get(name)?.domain;
    if (d?.kind === "KernelDomain") refs(d.call);
    else if (d?.kind === "ColumnDomain") out.add(d.product.value);
  }
  for (const rel of p.checked.scope.relations.values()) {
    if ([...rel.from, ...rel.to].some((v) => g.frontier.has(v.grid.value)) && rel.source.kind === "KernelCall") refs(rel.source);
  }
  return [...out].filter((x) => p.checked.scope.products.has(x));
}

/** Per task: 0 up to date, else it must run (outputs missing, or fingerprint changed, or upstream). */
function taskState(p: Prepared): Uint8Array {
  const g = p.plan.graph;
  const state = staleTasks(g, p.plan.out);
  refineByFingerprint(p.plan, p.checked, state);
  // Stages outside the selection are not this emission's: they count as up to date.
  for (const s of g.stages) if (!p.stages.has(s.name)) state.fill(0, s.first, s.first + s.count);
  return state;
}

/** The Slurm layout of the tasks to submit (see planSlurmJobs). */
function layout(p: Prepared, submit: Uint8Array, external: ReadonlyMap<number, string>, suffix: string | undefined, continuation = true): SlurmJobs {
  const g = p.plan.graph;
  const pipeline = p.checked.ast.pipeline?.name.value ?? "pipeline";
  return planSlurmJobs(g, { pipeline, site: p.site, submit, external, frontierProducts: frontierProducts(p), continuation, reserve: g.stages.some((s) => s.deferred !== undefined) ? 1 : 0, ...(suffix !== undefined ? { suffix } : {}) });
}

/**
 * Writes one submission into `dir`: the plan file, per array an sbatch script and a task list,
 * `submit.sh`, and the continuation job when the layout has one. The budget and the values
 * going on `#SBATCH` lines are checked first; when they fail nothing is written.
 */
function writeSubmission(p: Prepared, root: string, dir: string, jobs: SlurmJobs, io: CliIo): SlurmJobs | undefined {
  const g = p.plan.graph;
  const pipeline = p.checked.ast.pipeline?.name.value ?? "pipeline";
  const unsafe = [["the emit directory", dir], ["the site's partition", p.site.partition], ["the site's account", p.site.account], ["the site's qos", p.site.qos], ["the site's constraint", p.site.constraint]].filter(([, v]) => v !== undefined && !sbatchSafe(v));
  if (unsafe.length > 0) {
    report(io, p.sources, unsafe.map(([what, v]) => diag("DF5009", `${what!.replace(/^./, (c) => c.toUpperCase())} \`${v}\` cannot go on an #SBATCH line.`, undefined, { help: "sbatch splits #SBATCH lines on blanks and reads quotes: use letters, digits and _.,:=@%+/- only" })));
    return undefined;
  }
  const over = checkSlurmBudget(jobs, p.site);
  if (over.length > 0) {
    report(io, p.sources, over);
    return undefined;
  }
  mkdirSync(dir, { recursive: true });
  rmSync(path.join(dir, "jobs"), { recursive: true, force: true });
  mkdirSync(path.join(dir, "jobs"), { recursive: true });
  mkdirSync(path.join(dir, "logs"), { recursive: true });
  const planDir = path.join(dir, "plan");
  writePlanFile(p.checked, p.plan, planDir);
  const target = { source: displayPath(p.source, io.cwd), pipeline, dir, planDir, node: process.execPath, dflow: self(), site: p.site, root };
  for (const f of slurmFiles(jobs, g, target)) {
    const file = path.join(dir, f.path);
    const fd = openSync(file + ".tmp", "w");
    try {
      for (const c of f.chunks) writeSync(fd, c);
    } finally {
      closeSync(fd);
    }
    renameSync(file + ".tmp", file);
  }
  for (const a of jobs.arrays) mkdirSync(path.join(dir, "logs", a.name), { recursive: true });
  return jobs;
}

function describe(jobs: SlurmJobs, site: Site): string {
  const stages = new Set(jobs.arrays.map((a) => a.stage)).size;
  const tasks = jobs.arrays.reduce((a, x) => a + x.tasks.length, 0);
  return `${tasks} tasks of ${stages} stages in ${jobs.arrays.length} job arrays, ${jobs.elements} elements${jobs.autoPack > 1 ? ` (packed ${jobs.autoPack} tasks per element to fit MaxSubmitJobs ${site.MaxSubmitJobs})` : ""}, ${jobs.nodeHours.toFixed(2)} node-hours${jobs.continuationAfter !== undefined ? ", and a continuation job for the frontier" : ""}`;
}

/** `dflow emit slurm FILE --site SITE --emit-dir DIR`: a first submission, written, not submitted. */
export async function emitSlurmCommand(file: string, flags: EmitSlurmFlags, io: CliIo): Promise<number> {
  const root = path.resolve(io.cwd, flags.emitDir);
  if (existsSync(path.join(root, "ledger.tsv")) && readFileSync(path.join(root, "ledger.tsv"), "utf8").trim() !== "") {
    io.stderr(renderDiagnostics([diag("DF5007", `\`${displayPath(root, io.cwd)}\` holds a plan that was already submitted.`, undefined, { help: "follow it with `dflow status DIR` and `dflow resubmit DIR`, or emit into a new directory" })], "text", { sources: new SourceMap(), cwd: io.cwd }));
    return 1;
  }
  const meta: EmissionMeta = {
    version: DFLOW_VERSION,
    source: path.resolve(io.cwd, file),
    site: path.resolve(io.cwd, flags.site),
    out: path.resolve(io.cwd, flags.out),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.set !== undefined ? { set: flags.set } : {}),
    ...(flags.only !== undefined ? { only: flags.only } : {}),
    ...(flags.allowRefactoring === true ? { allowRefactoring: true } : {}),
  };
  const p = await prepare(meta, io);
  if (p === undefined) return 1;
  const state = taskState(p);
  const submit = new Uint8Array(state.length);
  for (let t = 0; t < state.length; t++) submit[t] = state[t] !== 0 ? 1 : 0;
  rmSync(path.join(root, "next"), { recursive: true, force: true });
  const jobs = writeSubmission(p, root, root, layout(p, submit, new Map(), undefined), io);
  if (jobs === undefined) return 1;
  writeFileSync(path.join(root, "emit.json"), JSON.stringify(meta, null, 2) + "\n");
  io.stderr(`wrote ${displayPath(path.join(root, "submit.sh"), io.cwd)}: ${describe(jobs, p.site)}; submit with bash ${displayPath(path.join(root, "submit.sh"), io.cwd)}\n`);
  return 0;
}

function readMeta(root: string, io: CliIo): EmissionMeta | undefined {
  try {
    return JSON.parse(readFileSync(path.join(root, "emit.json"), "utf8")) as EmissionMeta;
  } catch (e) {
    io.stderr(renderDiagnostics([diag("DF5001", `\`${displayPath(root, io.cwd)}\` holds no Slurm emission: ${(e as Error).message}`, undefined, { help: "write one with `dflow emit slurm FILE --site SITE --emit-dir DIR`" })], "text", { sources: new SourceMap(), cwd: io.cwd }));
    return undefined;
  }
}

/** The state of every task of a submitted plan. */
export type SlurmTaskState = "done" | "running" | "pending" | "failed" | "cancelled" | "stale" | "never submitted";
const STATES: readonly SlurmTaskState[] = ["done", "running", "pending", "failed", "cancelled", "stale", "never submitted"];

function sacctStates(jobIds: readonly string[]): JobStates | string {
  if (jobIds.length === 0) return new Map();
  const r = spawnSync("sacct", ["-j", jobIds.join(","), "-X", "--parsable2", "--noheader", "--format=JobID,State"], { encoding: "utf8" });
  if (r.error !== undefined) return `sacct could not run (${r.error.message}): install the Debian package slurm-client`;
  if (r.status !== 0) return `sacct failed: ${r.stderr.trim()}`;
  return parseSacct(r.stdout);
}

function classify(slurm: string | undefined, upToDate: boolean): SlurmTaskState {
  if (upToDate) return "done";
  switch (slurm) {
    case undefined:
    case "PENDING":
    case "REQUEUED":
    case "CONFIGURING":
    case "RESIZING":
    case "SUSPENDED":
      return "pending";
    case "RUNNING":
    case "COMPLETING":
      return "running";
    case "COMPLETED":
      return "stale";
    case "CANCELLED":
      return "cancelled";
    default:
      return "failed";
  }
}

interface Status {
  readonly prepared: Prepared;
  readonly states: SlurmTaskState[];
  /** The job array element (`JOBID_INDEX`) that last held each task, if any. */
  readonly where: (string | undefined)[];
  /** The continuation jobs submitted so far, with their sacct states. */
  readonly continuations: { readonly jobId: string; readonly state: string }[];
}

async function computeStatus(root: string, io: CliIo, siteOverride?: string): Promise<Status | undefined> {
  const read = readMeta(root, io);
  if (read === undefined) return undefined;
  const meta = siteOverride !== undefined ? { ...read, site: path.resolve(io.cwd, siteOverride) } : read;
  const p = await prepare(meta, io);
  if (p === undefined) return undefined;
  const fresh = taskState(p);
  const ledger = readLedgers(root);
  const jobStates = sacctStates(ledger.jobIds);
  if (typeof jobStates === "string") {
    io.stderr(`error: ${jobStates}\n`);
    return undefined;
  }
  const g = p.plan.graph;
  const states: SlurmTaskState[] = new Array<SlurmTaskState>(g.taskCount);
  const where: (string | undefined)[] = new Array<string | undefined>(g.taskCount);
  for (let t = 0; t < g.taskCount; t++) {
    const id = taskId(g, t);
    const e = ledger.tasks.get(id);
    if (e === undefined) {
      states[t] = fresh[t] === 0 ? "done" : fresh[t] === 3 ? "stale" : "never submitted";
      continue;
    }
    where[t] = `${e.jobId}_${e.element}`;
    states[t] = classify(jobStates.get(`${e.jobId}_${e.element}`) ?? jobStates.get(e.jobId), fresh[t] === 0);
  }
  const continuations = ledger.continuations.map((c) => ({ jobId: c.jobId, state: jobStates.get(c.jobId) ?? "PENDING" }));
  return { prepared: p, states, where, continuations };
}

/** `dflow status DIR`: every task's state from the ledger, sacct and the outputs' fingerprints. */
export async function statusCommand(root: string, format: "text" | "json", io: CliIo, site?: string): Promise<number> {
  root = path.resolve(io.cwd, root);
  const s = await computeStatus(root, io, site);
  if (s === undefined) return 1;
  const g = s.prepared.plan.graph;
  const perStage = new Map<string, Map<SlurmTaskState, number>>();
  for (let t = 0; t < g.taskCount; t++) {
    const st = g.stageOf(t).name;
    const m = perStage.get(st) ?? new Map<SlurmTaskState, number>();
    m.set(s.states[t]!, (m.get(s.states[t]!) ?? 0) + 1);
    perStage.set(st, m);
  }
  const deferred = g.stages.filter((x) => x.deferred !== undefined).map((x) => ({ stage: x.name, waits: x.deferred! }));
  if (format === "json") {
    const tasks: Record<string, { state: SlurmTaskState; job?: string }> = {};
    for (let t = 0; t < g.taskCount; t++) { const job = s.where[t]; tasks[taskId(g, t)] = job !== undefined ? { state: s.states[t]!, job } : { state: s.states[t]! }; }
    const stages = Object.fromEntries([...perStage].map(([k, m]) => [k, Object.fromEntries(m)]));
    io.stdout(JSON.stringify({ stages, deferred, continuations: s.continuations, tasks }, null, 2) + "\n");
    return 0;
  }
  const w = Math.max(5, ...[...perStage.keys()].map((k) => k.length));
  const lines = [`${"stage".padEnd(w)}  ${STATES.map((x) => x.padStart(x.length < 7 ? 7 : x.length)).join("  ")}`];
  const total = new Map<SlurmTaskState, number>();
  for (const [st, m] of perStage) {
    lines.push(`${st.padEnd(w)}  ${STATES.map((x) => String(m.get(x) ?? 0).padStart(x.length < 7 ? 7 : x.length)).join("  ")}`);
    for (const [k, v] of m) total.set(k, (total.get(k) ?? 0) + v);
  }
  lines.push(`${"all".padEnd(w)}  ${STATES.map((x) => String(total.get(x) ?? 0).padStart(x.length < 7 ? 7 : x.length)).join("  ")}`);
  for (const d of deferred) lines.push(`${d.stage}: not planned yet (${d.waits})`);
  for (const c of s.continuations) lines.push(`continuation job ${c.jobId}: ${c.state.toLowerCase()}`);
  for (const kind of ["failed", "cancelled"] as const) {
    const ids: string[] = [];
    for (let t = 0; t < g.taskCount; t++) if (s.states[t] === kind) ids.push(`${taskId(g, t)} (job ${s.where[t]})`);
    if (ids.length > 0) lines.push(`${kind}:`, ...ids.slice(0, 50).map((x) => `  ${x}`), ...(ids.length > 50 ? [`  … and ${ids.length - 50} more`] : []));
  }
  io.stdout(lines.join("\n") + "\n");
  return 0;
}

/** The next follow-up directory: `ROOT/next/NNN-kind`. */
function nextDir(root: string, kind: string): { dir: string; n: number } {
  const n = submissionDirs(root).length;
  return { dir: path.join(root, "next", `${String(n).padStart(3, "0")}-${kind}`), n };
}

function runSubmit(dir: string, io: CliIo): number {
  const r = spawnSync("bash", [path.join(dir, "submit.sh")], { encoding: "utf8" });
  if (r.stdout !== "") io.stdout(r.stdout);
  if (r.stderr !== "") io.stderr(r.stderr);
  return r.status ?? 1;
}

/** Runs `fn` holding the emission's lock, so two follow-ups never write the same submission. */
async function withLock(root: string, io: CliIo, fn: () => Promise<number>): Promise<number> {
  if (readMeta(root, io) === undefined) return 1;
  const lock = path.join(root, ".lock");
  try {
    mkdirSync(lock);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    io.stderr(renderDiagnostics([diag("DF5007", `Another \`dflow continue\` or \`dflow resubmit\` holds \`${displayPath(lock, io.cwd)}\`.`, undefined, { help: "wait for it to end; remove the directory if no such command runs" })], "text", { sources: new SourceMap(), cwd: io.cwd }));
    return 1;
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const QUEUED = new Set<SlurmTaskState>(["pending", "running"]);

/** Whether a continuation other than `self` is still waiting or running: then no new one is added. */
function continuationQueued(s: Status, self: string | undefined): boolean {
  return s.continuations.some((c) => c.jobId !== self && ["PENDING", "RUNNING", "REQUEUED", "CONFIGURING"].includes(c.state));
}

/**
 * \`dflow continue ROOT\` (what the continuation job runs): re-plans past the frontier with the
 * data now made and submits the tasks no submission holds yet. Tasks still queued are depended
 * on by their job array element; tasks downstream of a failed or cancelled one are left for
 * \`dflow resubmit\` (a dependency on an ended job would be dropped by Slurm, not honoured).
 */
export async function continueCommand(root: string, opts: { submit: boolean }, io: CliIo): Promise<number> {
  root = path.resolve(io.cwd, root);
  return withLock(root, io, async () => {
    const s = await computeStatus(root, io);
    if (s === undefined) return 1;
    const g = s.prepared.plan.graph;
    const submit = new Uint8Array(g.taskCount);
    const blocked = new Uint8Array(g.taskCount);
    const external = new Map<number, string>();
    for (let t = 0; t < g.taskCount; t++) {
      const st = s.states[t]!;
      let upstreamBlocked = false;
      for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) if (blocked[g.edges[e]!] === 1) upstreamBlocked = true;
      if (st === "done") continue;
      if (QUEUED.has(st)) external.set(t, s.where[t]!);
      else if (s.where[t] !== undefined || upstreamBlocked) blocked[t] = 1;
      else submit[t] = 1;
    }
    return followUp(s.prepared, root, "continue", submit, external, !continuationQueued(s, io.env["SLURM_JOB_ID"]), opts, io);
  });
}

/**
 * \`dflow resubmit ROOT\`: submits the minimal set that is not done and not queued: failed,
 * cancelled, stale and never submitted tasks. A queued task that reads one of them is queued on
 * the old data: its element is cancelled and submitted again; tasks still queued otherwise are
 * depended on by their job array element.
 */
export async function resubmitCommand(root: string, opts: { submit: boolean }, io: CliIo): Promise<number> {
  root = path.resolve(io.cwd, root);
  return withLock(root, io, async () => {
    const s = await computeStatus(root, io);
    if (s === undefined) return 1;
    const g = s.prepared.plan.graph;
    const submit = new Uint8Array(g.taskCount);
    const members = new Map<string, number[]>();
    for (let t = 0; t < g.taskCount; t++) {
      const w = s.where[t];
      if (w !== undefined) members.set(w, [...(members.get(w) ?? []), t]);
    }
    const cancel = new Set<string>();
    for (let t = 0; t < g.taskCount; t++) {
      const st = s.states[t]!;
      if (st === "done") continue;
      if (!QUEUED.has(st)) {
        submit[t] = 1;
        continue;
      }
      if (submit[t] === 1) continue;
      let stale = false;
      for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) if (submit[g.edges[e]!] === 1) stale = true;
      if (!stale) continue;
      // Queued on inputs that are being made again: the whole element goes again.
      cancel.add(s.where[t]!);
      for (const m of members.get(s.where[t]!) ?? []) if (s.states[m] !== "done") submit[m] = 1;
    }
    const external = new Map<number, string>();
    for (let t = 0; t < g.taskCount; t++) if (submit[t] === 0 && QUEUED.has(s.states[t]!)) external.set(t, s.where[t]!);
    if (cancel.size > 0) {
      if (opts.submit) {
        const r = spawnSync("scancel", [...cancel].sort(), { encoding: "utf8" });
        if (r.status !== 0) {
          io.stderr(`error: scancel ${[...cancel].join(" ")} failed: ${r.error?.message ?? r.stderr.trim()}\n`);
          return 1;
        }
      }
      io.stderr(`resubmit: ${opts.submit ? "cancelled" : "would cancel"} ${cancel.size} queued element${cancel.size === 1 ? "" : "s"} whose inputs are made again: ${[...cancel].sort().join(" ")}\n`);
    }
    return followUp(s.prepared, root, "resubmit", submit, external, !continuationQueued(s, undefined), opts, io);
  });
}

function followUp(p: Prepared, root: string, kind: string, submit: Uint8Array, external: ReadonlyMap<number, string>, continuation: boolean, opts: { submit: boolean }, io: CliIo): number {
  const count = submit.reduce((a, b) => a + b, 0);
  const { dir, n } = nextDir(root, kind);
  const planned = layout(p, submit, external, `${kind[0]}${n}`, continuation);
  if (count === 0 && planned.continuationAfter === undefined) {
    io.stderr(`${kind}: nothing to submit (every task is done, queued, or waits on a failed one: see dflow status)\n`);
    return 0;
  }
  const jobs = writeSubmission(p, root, dir, planned, io);
  if (jobs === undefined) return 1;
  io.stderr(`${kind}: wrote ${displayPath(path.join(dir, "submit.sh"), io.cwd)}: ${describe(jobs, p.site)}\n`);
  if (!opts.submit) return 0;
  return runSubmit(dir, io);
}
