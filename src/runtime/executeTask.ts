import { appendFileSync, closeSync, existsSync, openSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { KernelFunction, ProductTypeInfo } from "../kernels/index.js";
import { DFLOW_VERSION } from "../version.js";
import { CODEC_VERSION, encodeProduct, openProduct, validateProduct } from "./codecs/index.js";
import { makeRng, taskSeed } from "./rng.js";
import { fileStamp, sha256, stateDir, writeState, type OutputRecord } from "./state.js";
import { upToDate } from "./upToDate.js";
import { recordClosure, type TaskBasis } from "./taskBasis.js";
import { namingFile, writeErrorText, writeFileAtomic } from "../util/writeFileAtomic.js";
import { thrownAt, thrownText } from "./thrownText.js";
import { isKernelError } from "../../stdlib/kernel.js";
import { makeDirectory } from "../util/makeDirectory.js";
import { runProgramTask, type ProgramRecord } from "./runProgram.js";

/** A grid key as task records carry it. */
export type KeyValue = number | string | boolean;

/**
 * Everything needed to run one task, with no planning: what `dflow emit plan` writes, one
 * JSON line per task, and what `dflow task` reads back. Paths are relative to the output root.
 */
export interface TaskRecord {
  readonly id: string;
  readonly stage: string;
  readonly kernel: string;
  /** The kernel module's entry file and the function's export name. */
  readonly module: string;
  readonly exportName: string;
  /** Content hash of the kernel's import closure (part of the fingerprint). */
  readonly closure: string;
  /** The closure hash of dflow before change detection per kernel, when it differs (see `BoundKernel.formerClosure`). */
  readonly formerClosure?: string;
  /** The files of that closure, when the kernel index is at hand: recorded so that a later plan can name the file that changed. */
  readonly closureFiles?: readonly string[];
  readonly key: Readonly<Record<string, KeyValue>>;
  readonly seed: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly {
    readonly port: string;
    /** `single`: one handle; `array` or `stream`: a gather, as an array or an async iterable. */
    readonly form: "single" | "array" | "stream";
    readonly items: readonly { readonly path: string; readonly type: string; readonly producer?: string }[];
  }[];
  readonly outputs: readonly { readonly port: string; readonly path: string; readonly type: string }[];
  /** The program the task runs instead of a kernel (`run …`): `kernel` is then `run PROGRAM`, and `closure` the program's identity. */
  readonly program?: ProgramRecord;
}

/** How one task ended. */
export type TaskOutcome =
  /** `seconds`: how long the task ran in its task process (from when it began there), when it ran in one. */
  { readonly kind: "ran" | "skipped"; readonly hashes: readonly string[]; readonly seconds?: number } | { readonly kind: "failed"; readonly message: string };

/** What {@link executeTask} needs around a record. */
export interface TaskEnv {
  readonly out: string;
  readonly types: ReadonlyMap<string, ProductTypeInfo>;
  loadKernel(record: TaskRecord): Promise<KernelFunction | string>;
  /** Content hash of an input file: from its producer's state when known, else read and hashed. */
  hashOf(file: string, producer: string | undefined): string;
  /** Rehash every output of a task that looks up to date (`dflow run --verify`), not only those whose size or time changed. */
  readonly verify?: boolean;
  /** The fingerprint of a task already found stale (by {@link taskBeforeKernel}, in the run's process): it runs without deciding again. */
  readonly fingerprint?: string;
  /** Seconds a program may run before it is stopped (a kernel is stopped by its task process's pool). */
  readonly seconds?: number;
  /** Called when the kernel has returned, before anything is written: why the task fails after all (its memory), if it does. */
  afterKernel?(): string | undefined;
  /** Called right before each output and the state record are written: a task process whose run is gone ends there, writing nothing. */
  beforeCommit?(): void;
}

/** The log file of a task, under the state folder. */
export function logFileOf(out: string, r: Pick<TaskRecord, "stage" | "id">): string {
  return path.join(stateDir(out), "logs", r.stage, r.id.replace(/[^A-Za-z0-9_.,=+-]/g, "_") + ".log");
}

/** The log of a grid's or relation's kernel under `out` (beside the stages' logs: no stage name begins with a dot). */
export function domainLogOf(out: string, kind: "grid" | "relation", name: string): string {
  return path.join(stateDir(out), "logs", `.${kind}`, name.replace(/[^A-Za-z0-9_.,=+-]/g, "_") + ".log");
}

/**
 * A task's fingerprint with what it was made of, or the first input that does not exist. The
 * basis is built when first read: a rerun of many up-to-date tasks compares fingerprints only.
 */
export function fingerprintOf(
  r: TaskRecord,
  env: Pick<TaskEnv, "out" | "hashOf">,
): { fingerprint: string; readonly former?: string; readonly basis: TaskBasis } | { missing: string } {
  const inputHashes: string[] = [];
  for (const inp of r.inputs) {
    for (const it of inp.items) {
      const file = path.join(env.out, it.path);
      if (!existsSync(file)) return { missing: it.path };
      inputHashes.push(env.hashOf(file, it.producer));
    }
  }
  const paramsText = JSON.stringify(r.params, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const fingerprint = sha256(DFLOW_VERSION, CODEC_VERSION, r.closure, paramsText, r.seed, r.id, ...inputHashes);
  let basis: TaskBasis | undefined;
  // The same task fingerprinted as dflow did before change detection was per kernel: a record holding it is migrated, not rerun.
  const former = r.formerClosure !== undefined ? sha256(DFLOW_VERSION, CODEC_VERSION, r.formerClosure, paramsText, r.seed, r.id, ...inputHashes) : undefined;
  return {
    fingerprint,
    ...(former !== undefined ? { former } : {}),
    get basis(): TaskBasis {
      basis ??= {
        versions: `${DFLOW_VERSION}/${CODEC_VERSION}`,
        kernel: r.kernel,
        closure: r.closure,
        params: JSON.parse(paramsText) as Record<string, unknown>,
        seed: r.seed,
        inputs: r.inputs.flatMap((inp) => inp.items.map((it) => it.path)).map((p, i) => [p, inputHashes[i]!] as const),
      };
      return basis;
    },
  };
}

/**
 * What is known of a task before its kernel runs: its outcome when it is up to date (skipped)
 * or an input is missing (failed), else the fingerprint it will run with. What a run decides in
 * its own process, so that up-to-date tasks never reach a task process.
 */
export function taskBeforeKernel(
  r: TaskRecord,
  env: Pick<TaskEnv, "out" | "hashOf" | "verify">,
): { readonly outcome: TaskOutcome; readonly fingerprint?: undefined } | { readonly outcome?: undefined; readonly fingerprint: string } {
  const fp = fingerprintOf(r, env);
  if ("missing" in fp) return { outcome: { kind: "failed", message: `input \`${fp.missing}\` does not exist` } };
  const current = upToDate(
    env.out,
    r.id,
    fp.fingerprint,
    r.outputs.map((o) => o.path),
    { verify: env.verify === true, basis: () => fp.basis, ...(fp.former !== undefined ? { former: fp.former } : {}) },
  );
  if (!current.stale) {
    if (current.refreshed !== undefined) writeState(env.out, current.refreshed);
    return { outcome: { kind: "skipped", hashes: current.hashes } };
  }
  return { fingerprint: fp.fingerprint };
}

/**
 * Runs one task: computes its fingerprint (kernel closure, params, seed, ordered input content
 * hashes, dflow and codec versions) and skips it when it is up to date (its record holds that
 * fingerprint and its outputs are on disk as recorded: `upToDate`);
 * else calls the kernel with lazy handles, validates every output against its type, writes it
 * atomically, then records the state. Safe when two processes run the same task: each writes
 * whole files under temporary names and renames them.
 */
export async function executeTask(r: TaskRecord, env: TaskEnv): Promise<TaskOutcome> {
  const abs = (p: string): string => path.join(env.out, p);
  const before = env.fingerprint !== undefined ? { fingerprint: env.fingerprint } : taskBeforeKernel(r, env);
  if (before.outcome !== undefined) return before.outcome;
  const fingerprint = before.fingerprint;
  if (r.program !== undefined) return executeProgram(r, r.program, env, fingerprint);
  const fn = await env.loadKernel(r);
  if (typeof fn === "string") return { kind: "failed", message: fn };
  const type = (name: string): ProductTypeInfo => {
    const t = env.types.get(name);
    if (t === undefined) throw new Error(`product type \`${name}\` is unknown`);
    return t;
  };
  const inputs: Record<string, unknown> = {};
  for (const inp of r.inputs) {
    const handles = inp.items.map((it) => ({ key: r.key, ...openProduct(type(it.type), abs(it.path)) }));
    if (inp.form === "single") inputs[inp.port] = handles[0];
    else if (inp.form === "stream") {
      inputs[inp.port] = (async function* () {
        yield* handles;
      })();
    } else inputs[inp.port] = handles;
  }
  const logFile = logFileOf(env.out, r);
  // A log the disk refuses names its file (a full disk is the environment's, not a bug).
  try {
    makeDirectory(path.dirname(logFile));
    writeFileSync(logFile, `${r.id}\n`);
  } catch (e) {
    throw namingFile(e, logFile);
  }
  const ctx = { rng: makeRng(taskSeed(r.seed, r.stage, r.id)), key: r.key, log: (m: string) => appendFileSync(logFile, m + "\n") };
  let result: Record<string, unknown>;
  try {
    result = (await fn(inputs, { ...r.params }, ctx)) as Record<string, unknown>;
  } catch (e) {
    const t = thrownText(e);
    appendFileSync(logFile, t.log === t.message ? `${t.message}\n` : `${t.message}\n${t.log}\n`);
    // An error other than a KernelError names the kernel's line it came from.
    const at = isKernelError(e) ? undefined : thrownAt(e);
    return { kind: "failed", message: at !== undefined ? `${t.message} (at ${at})` : t.message };
  }
  const over = env.afterKernel?.();
  if (over !== undefined) {
    appendFileSync(logFile, `${over}\n`);
    return { kind: "failed", message: over };
  }
  const written: OutputRecord[] = [];
  for (const o of r.outputs) {
    const t = type(o.type);
    let bytes: Iterable<Uint8Array>;
    try {
      // A kernel's value may hold getters or proxies that throw: reading it is the kernel's doing.
      const value = result === null || typeof result !== "object" ? undefined : result[o.port];
      const problems = value === undefined ? [`the kernel returned no \`${o.port}\``] : validateProduct(t, value);
      if (problems.length > 0) {
        appendFileSync(logFile, problems.join("\n") + "\n");
        return { kind: "failed", message: `output \`${o.port}\` is not a valid \`${t.name}\`: ${problems[0]}` };
      }
      bytes = encodeProduct(t, value, { path: abs(o.path) });
    } catch (e) {
      const m = thrownText(e, "reading it");
      const message = `output \`${o.port}\` cannot be read from the kernel's result: ${m.message}`;
      appendFileSync(logFile, `${message}\n${m.log}\n`);
      return { kind: "failed", message };
    }
    env.beforeCommit?.();
    try {
      const sha = writeFileAtomic(abs(o.path), bytes, { hash: true }).sha256!;
      written.push({ path: o.path, sha256: sha, ...fileStamp(abs(o.path)) });
    } catch (e) {
      return { kind: "failed", message: `output \`${o.port}\` cannot be written: ${writeErrorText(e) ?? thrownText(e, "writing it").message}` };
    }
  }
  // What the fingerprint was made of, so that a later plan names what changed (recomputed when the run's process decided).
  const fp = fingerprintOf(r, env);
  env.beforeCommit?.();
  recordClosure(env.out, r.closure, r.closureFiles);
  writeState(env.out, { id: r.id, fingerprint, outputs: written, ...("basis" in fp ? { basis: fp.basis } : {}) });
  return { kind: "ran", hashes: written.map((w) => w.sha256) };
}

/** Runs a task's program (see {@link runProgramTask}), then records its state as a kernel's task does. */
async function executeProgram(r: TaskRecord, prog: ProgramRecord, env: TaskEnv, fingerprint: string): Promise<TaskOutcome> {
  const logFile = logFileOf(env.out, r);
  let fd: number;
  try {
    makeDirectory(path.dirname(logFile));
    writeFileSync(logFile, `${r.id}\n$ ${[prog.path, ...prog.args.map((a) => (a.kind === "text" ? a.text : `{${a.name}}`)).slice(1)].join(" ")}\n`);
    fd = openSync(logFile, "a");
  } catch (e) {
    throw namingFile(e, logFile);
  }
  let ran;
  try {
    ran = await runProgramTask(
      { id: r.id, program: prog, key: r.key, params: r.params, inputs: r.inputs, outputs: r.outputs },
      {
        out: env.out,
        types: env.types,
        logFd: fd,
        ...(env.seconds !== undefined ? { seconds: env.seconds } : {}),
        log: (m) => appendFileSync(logFile, m + "\n"),
        beforeCommit: () => env.beforeCommit?.(),
      },
    );
  } finally {
    closeSync(fd);
  }
  if (!ran.ok) {
    appendFileSync(logFile, `${ran.message}\n`);
    return { kind: "failed", message: ran.message };
  }
  const written: OutputRecord[] = r.outputs.map((o, i) => ({ path: o.path, sha256: ran.hashes[i]!, ...fileStamp(path.join(env.out, o.path)) }));
  const fp = fingerprintOf(r, env);
  env.beforeCommit?.();
  writeState(env.out, { id: r.id, fingerprint, outputs: written, ...("basis" in fp ? { basis: fp.basis } : {}) });
  return { kind: "ran", hashes: ran.hashes };
}
