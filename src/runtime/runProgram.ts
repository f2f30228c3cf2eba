import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, openSync, closeSync, readSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import type { BoundProgram, BoundRunArg } from "../bound/index.js";
import { commitProgramOutput, discardProgramOutput, programOutputPath, writeErrorText } from "../util/writeFileAtomic.js";
import { decodeProduct } from "./codecs/index.js";
import type { ProductTypeInfo } from "../kernels/index.js";
import { thrownText } from "./thrownText.js";
import { secondsText } from "../util/secondsText.js";

/** What a task record holds of the program its stage runs: the argv's template and the program's identity, fixed once per plan. */
export interface ProgramRecord {
  /** `run shell "SCRIPT" …`: the script runs with `/bin/sh -c`, the other arguments as `$1`, `$2`, …. */
  readonly shell: boolean;
  readonly args: readonly BoundRunArg[];
  /** The executable found for the first argument (`/bin/sh` for a script): an absolute path. */
  readonly path: string;
  /** Where the program runs: the `.dflow` file's directory (inputs and outputs are given as absolute paths). */
  readonly cwd: string;
  /** What the `version` command printed (trimmed), `""` without one. */
  readonly version: string;
  /** Why the program cannot run (not found, its version command failed): the task fails with it. */
  readonly problem?: string;
}

/** The shell `run shell` uses. */
export const SHELL = "/bin/sh";

/** Whether `file` is a file this process may execute. */
function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The executable a program name means: a name with a `/` is a path (relative to `base`, the
 * `.dflow` file's directory), else the first executable of that name on `PATH`, as a shell finds it.
 */
export function findProgram(name: string, base: string, envPath = process.env["PATH"] ?? ""): { path: string } | { problem: string } {
  if (name === "") return { problem: "the program's name is empty" };
  if (name.includes("/")) {
    const p = path.resolve(base, name);
    if (!existsSync(p)) return { problem: `the program \`${p}\` does not exist` };
    return executable(p) ? { path: p } : { problem: `the program \`${p}\` is not executable (chmod +x)` };
  }
  for (const dir of envPath.split(":")) {
    const p = path.resolve(dir === "" ? "." : dir, name);
    if (executable(p)) return { path: p };
  }
  return { problem: `the program \`${name}\` was not found on PATH` };
}

/** SHA-256 of a file's bytes, read in blocks. */
function fileSha(file: string): string {
  const h = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const buf = new Uint8Array(1 << 20);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

const identities = new Map<string, { record: ProgramRecord; closure: string }>();

/**
 * A program's identity, once per process (so once per plan): its resolved path, what its
 * `version` command prints, and a closure hash of both with the program file's bytes and the
 * argv template (what a task's fingerprint holds in place of a kernel's import closure).
 */
export function programIdentity(p: BoundProgram, params: Readonly<Record<string, unknown>>): { record: ProgramRecord; closure: string } {
  const base = p.base;
  const word = (a: BoundRunArg | undefined): string =>
    a === undefined ? "" : a.kind === "text" ? a.text : a.kind === "param" ? argText(params[a.name] ?? "") : "";
  const name = p.shell ? SHELL : word(p.args[0]);
  const v = (p.version ?? []).map(word);
  const key = JSON.stringify([p, name, v]);
  const known = identities.get(key);
  if (known !== undefined) return known;
  const found = findProgram(name, base);
  let version = "";
  let problem = "problem" in found ? found.problem : undefined;
  if (problem === undefined && v.length > 0) {
    const exe = findProgram(v[0]!, base);
    if ("problem" in exe) problem = `its version command \`${v.join(" ")}\` cannot run: ${exe.problem}`;
    else {
      const r = spawnSync(exe.path, v.slice(1), { cwd: base, encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] });
      if (r.error !== undefined) problem = `its version command \`${v.join(" ")}\` failed: ${r.error.message}`;
      else if (r.status !== 0)
        problem = `its version command \`${v.join(" ")}\` exited with ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`;
      else version = (r.stdout + r.stderr).trim();
    }
  }
  const exePath = "path" in found ? found.path : name;
  const content = "path" in found ? fileSha(found.path) : "";
  const record: ProgramRecord = { shell: p.shell, args: p.args, path: exePath, cwd: base, version, ...(problem !== undefined ? { problem } : {}) };
  const closure = createHash("sha256")
    .update(JSON.stringify(["program", exePath, content, version, p.shell, p.args]))
    .digest("hex");
  const r = { record, closure };
  identities.set(key, r);
  return r;
}

/** The argv a task gives its program: each `{NAME}` as its value, an input as its files' paths (one element each), an output as its temporary path. */
export function programArgv(
  prog: ProgramRecord,
  r: { readonly key: Readonly<Record<string, unknown>>; readonly params: Readonly<Record<string, unknown>> },
  inputs: ReadonlyMap<string, readonly string[]>,
  outputs: ReadonlyMap<string, string>,
): string[] {
  const text = argText;
  const argv: string[] = [];
  for (const a of prog.args) {
    if (a.kind === "text") argv.push(a.text);
    else if (a.kind === "input") argv.push(...(inputs.get(a.name) ?? []));
    else if (a.kind === "output") argv.push(outputs.get(a.name) ?? "");
    else if (a.kind === "key") argv.push(text(r.key[a.grid]));
    else argv.push(text(r.params[a.name]));
  }
  // A script's own name ($0) is the stage's, its placeholders $1, $2, …
  return prog.shell ? ["-c", argv[0] ?? "", "dflow-run", ...argv.slice(1)] : argv.slice(1);
}

/** A param's or key's value as one argv element: text as it is, numbers as written, anything else as JSON. */
function argText(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "bigint" || typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/** Programs running in this process, by process group: killed if the process goes. */
const running = new Set<number>();
let exitHook = false;

/** What became of a program's run: its outputs committed with their hashes, or why it failed. */
export type ProgramOutcome = { readonly ok: true; readonly hashes: readonly string[] } | { readonly ok: false; readonly message: string };

/** What {@link runProgramTask} needs of a task. */
export interface ProgramTask {
  readonly id: string;
  readonly program: ProgramRecord;
  readonly key: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly { readonly port: string; readonly items: readonly { readonly path: string }[] }[];
  readonly outputs: readonly { readonly port: string; readonly path: string; readonly type: string }[];
}

/**
 * Runs a task's program: argv as given (no shell unless `run shell`), in the `.dflow` file's directory, its
 * stdout and stderr appended to the log; each output is written by the program at a temporary
 * path, read back and validated against its type once the program exited 0, then renamed into
 * place (all outputs valid, or none is committed). A program still running after `seconds` is
 * killed (its whole process group).
 */
export async function runProgramTask(
  t: ProgramTask,
  env: {
    readonly out: string;
    readonly types: ReadonlyMap<string, ProductTypeInfo>;
    readonly logFd: number;
    readonly seconds?: number;
    log(text: string): void;
    beforeCommit?(): void;
  },
): Promise<ProgramOutcome> {
  const prog = t.program;
  if (prog.problem !== undefined) return { ok: false, message: prog.problem };
  const abs = (p: string): string => path.join(env.out, p);
  const inputs = new Map(t.inputs.map((i) => [i.port, i.items.map((it) => abs(it.path))]));
  const temps = new Map<string, string>();
  try {
    for (const o of t.outputs) temps.set(o.port, programOutputPath(abs(o.path)));
  } catch (e) {
    for (const w of temps.values()) discardProgramOutput(w);
    return { ok: false, message: `a temporary output cannot be made: ${writeErrorText(e) ?? thrownText(e).message}` };
  }
  const discard = (): void => {
    for (const w of temps.values()) discardProgramOutput(w);
  };
  const argv = programArgv(prog, t, inputs, temps);
  const ended = await spawnProgram(prog.path, argv, {
    cwd: prog.cwd,
    logFd: env.logFd,
    id: t.id,
    ...(env.seconds !== undefined ? { seconds: env.seconds } : {}),
  });
  if (ended !== undefined) {
    discard();
    return { ok: false, message: ended };
  }
  for (const o of t.outputs) {
    const w = temps.get(o.port)!;
    if (!existsSync(w)) {
      discard();
      return { ok: false, message: `the program exited 0 but did not write output \`${o.port}\` (given as \`${w}\`)` };
    }
    const type = env.types.get(o.type);
    if (type === undefined) {
      discard();
      return { ok: false, message: `product type \`${o.type}\` is unknown` };
    }
    try {
      decodeProduct(type, w);
    } catch (e) {
      discard();
      const problems = (e as { problems?: readonly string[] }).problems;
      env.log(`output \`${o.port}\` is not a valid \`${type.name}\`:\n${(problems ?? [thrownText(e).message]).map((x) => `  - ${x}`).join("\n")}`);
      const first = problems?.[0] ?? thrownText(e).message;
      const more =
        problems !== undefined && problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""}, in the log)` : "";
      return { ok: false, message: `output \`${o.port}\` written by the program is not a valid \`${type.name}\`: ${first}${more}` };
    }
  }
  const hashes: string[] = [];
  try {
    for (const o of t.outputs) {
      env.beforeCommit?.();
      hashes.push(commitProgramOutput(temps.get(o.port)!, abs(o.path)));
    }
  } catch (e) {
    discard();
    return { ok: false, message: `an output cannot be moved into place: ${writeErrorText(e) ?? thrownText(e).message}` };
  }
  return { ok: true, hashes };
}

/** Runs `file` with `argv`, output to the log; undefined when it exited 0, else why not. */
function spawnProgram(file: string, argv: readonly string[], o: { cwd: string; logFd: number; id: string; seconds?: number }): Promise<string | undefined> {
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const g of running) killGroup(g);
    });
  }
  return new Promise((done) => {
    const resolve = done;
    let child;
    try {
      child = spawn(file, argv, {
        cwd: o.cwd,
        stdio: ["ignore", o.logFd, o.logFd],
        detached: true,
        env: { ...process.env, DFLOW_TASK: o.id },
      });
    } catch (e) {
      resolve(`the program \`${file}\` could not be started: ${thrownText(e).message}`);
      return;
    }
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    let timedOut = false;
    const timer =
      o.seconds !== undefined && Number.isFinite(o.seconds)
        ? setTimeout(
            () => {
              timedOut = true;
              if (pid !== undefined) killGroup(pid);
            },
            Math.min(o.seconds * 1000, 2 ** 31 - 1),
          )
        : undefined;
    child.on("error", (e) => {
      if (timer !== undefined) clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      resolve(`the program \`${file}\` could not be started: ${e.message}`);
    });
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      // The process's handle is released after this event: answer once it is, so that nothing is seen left behind.
      const resolve = (why: string | undefined): void => void setTimeout(() => done(why), 0);
      if (timedOut) resolve(`the program did not finish within ${secondsText(o.seconds!)}, so it was stopped`);
      else if (code === 0) resolve(undefined);
      else if (signal !== null) resolve(`the program \`${path.basename(file)}\` was killed by ${signal}`);
      else resolve(`the program \`${path.basename(file)}\` exited with status ${code}`);
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Gone already.
  }
}
