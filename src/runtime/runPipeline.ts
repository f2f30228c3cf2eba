import { createHash } from "node:crypto";
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { GridKeys, RelationPairs } from "../../stdlib/kernel.js";
import { portName, stageParts, type CheckedProgram } from "../check/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { loadKernelFunction, type KernelFunction, type KernelInfo, type ProductTypeInfo } from "../kernels/index.js";
import { evalConst, planProgram, taskId, type Plan, type PlanOptions, type TaskGraph, type Value } from "../plan/index.js";
import type * as A from "../syntax/ast.js";
import { convert, parseUnit } from "../units/index.js";
import { DFLOW_VERSION } from "../version.js";
import { CODEC_VERSION, encodeProduct, openProduct, validateProduct } from "./codecs/index.js";
import { makeRng, taskSeed } from "./rng.js";

/** What `dflow run` needs besides the checked program. */
export interface RunOptions extends Omit<PlanOptions, "computed"> {
  /** Plain progress lines (one per stage that ran tasks, one per failure). */
  readonly progress?: (line: string) => void;
  /** Called after every task with the stage's counts, for a progress bar. */
  readonly onTask?: (stage: string, done: number, total: number) => void;
}

/** How a run ended: counts, and each failed task with its message and log. */
export interface RunReport {
  readonly ran: number;
  readonly skipped: number;
  readonly failed: readonly { readonly id: string; readonly message: string; readonly log: string }[];
  readonly notRun: readonly string[];
  readonly deferred: readonly string[];
}


/** The state folder under the output root: fingerprints and logs. */
function stateDir(out: string): string {
  return path.join(out, ".dflow");
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
}

interface TaskState {
  readonly id: string;
  readonly fingerprint: string;
  readonly outputs: readonly { readonly path: string; readonly sha256: string }[];
}

function statePath(out: string, id: string): string {
  const h = sha256(id);
  return path.join(stateDir(out), "state", h.slice(0, 2), h + ".json");
}

function readState(out: string, id: string): TaskState | undefined {
  try {
    return JSON.parse(readFileSync(statePath(out, id), "utf8")) as TaskState;
  } catch {
    return undefined;
  }
}

/**
 * Writes a file atomically: a temporary name in the same directory, fsync (products only: a
 * state record lost in a crash only makes its task run again), rename.
 */
function writeAtomic(file: string, chunks: Iterable<Uint8Array | string>, sync = true): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const h = createHash("sha256");
  const fd = openSync(tmp, "w");
  try {
    for (const c of chunks) {
      const b = typeof c === "string" ? Buffer.from(c) : c;
      h.update(b);
      writeSync(fd, b);
    }
    if (sync) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
  return h.digest("hex");
}

/**
 * Runs a pipeline in process: plans it, runs every task whose fingerprint changed (kernel
 * import closure, params, derived seed, ordered input content hashes, dflow and codec
 * versions), writes outputs atomically after validating them against their types, resolves
 * the frontier (grids and relations computed by kernels, columns of products just made) and
 * goes on until nothing is left. A failing task fails its dependents only.
 */
export async function runPipeline(checked: CheckedProgram, opts: RunOptions): Promise<{ value: RunReport | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const index = checked.index;
  if (index === undefined) return { value: undefined, diagnostics: [diag("DF5005", "The kernels of this pipeline could not be read, so it cannot run.", undefined)] };
  const out = path.resolve(opts.out);
  const log = opts.progress ?? (() => undefined);
  const kernels = new Map<string, { fn: KernelFunction; info: KernelInfo; closure: string }>();
  const kernel = async (name: string): Promise<{ fn: KernelFunction; info: KernelInfo; closure: string } | string> => {
    const got = kernels.get(name);
    if (got !== undefined) return got;
    const info = index.kernels.find((k) => k.name === name);
    const r = await loadKernelFunction(index, name);
    if (info === undefined || r.fn === undefined) return r.error ?? `no kernel ${name}`;
    const closure = sha256(...info.importClosure.map((f) => `${f}\0${existsSync(f) ? readFileSync(f, "utf8") : ""}`));
    const k = { fn: r.fn, info, closure };
    kernels.set(name, k);
    return k;
  };
  const typeOf = (product: string): ProductTypeInfo | undefined => {
    const p = checked.scope.products.get(product);
    const name = p?.type.name.parts[p.type.name.parts.length - 1]?.value ?? "";
    return index.types.find((t) => t.name === name);
  };
  const computed = { grids: new Map<string, Value[]>(), relations: new Map<string, Value[][]>() };
  const finished = new Map<string, string[]>(); // task id → content hashes of its outputs
  const failed = new Map<string, { message: string; log: string }>();
  const notRun = new Set<string>();
  const sourceHashes = new Map<string, string>();
  let ran = 0;
  let skipped = 0;
  let plan: Plan | undefined;
  const seed = (): Value => plan?.graph.params.get("seed") ?? 0;

  for (let round = 0; round < 100; round++) {
    const p = planProgram(checked, { ...opts, computed });
    diagnostics.push(...p.diagnostics.filter((d) => !diagnostics.some((x) => x.message === d.message)));
    if (p.value === undefined) return { value: undefined, diagnostics };
    plan = p.value;
    const g = plan.graph;
    let progress = false;
    // Tasks of the planned stages, in plan order (topological).
    for (const s of g.stages) {
      if (s.count === 0) continue;
      const parts = stageParts(s.node);
      const kname = parts.kernel?.kernel.parts.map((x) => x.value).join(".") ?? "";
      let stageRan = 0;
      for (let t = s.first; t < s.first + s.count; t++) {
        opts.onTask?.(s.name, t - s.first, s.count);
        const id = taskId(g, t);
        if (finished.has(id) || failed.has(id) || notRun.has(id)) continue;
        const upstream = Array.from(g.edges.subarray(g.edgeStart[t]!, g.edgeStart[t + 1]!), (e) => taskId(g, e));
        if (upstream.some((u) => failed.has(u) || notRun.has(u))) {
          notRun.add(id);
          continue;
        }
        const k = await kernel(kname);
        const logFile = path.join(stateDir(out), "logs", s.name, id.replace(/[^A-Za-z0-9_.,=+-]/g, "_") + ".log");
        if (typeof k === "string") {
          failed.set(id, { message: k, log: logFile });
          continue;
        }
        const r = await runTask(g, t, id, s.node, k, parts, logFile);
        progress = true;
        if (r.kind === "failed") {
          failed.set(id, { message: r.message, log: logFile });
          log(`failed ${id}: ${r.message}`);
        } else {
          finished.set(id, r.hashes);
          if (r.kind === "ran") {
            ran++;
            stageRan++;
          } else skipped++;
        }
      }
      opts.onTask?.(s.name, s.count, s.count);
      if (stageRan > 0) log(`${s.name}: ${stageRan} task${stageRan === 1 ? "" : "s"} run`);
    }
    // The frontier: grids and relations computed by kernels whose inputs now exist.
    progress = (await computeDomains(g)) || progress;
    if (!progress) break;
  }
  const deferred = plan === undefined ? [] : plan.graph.stages.filter((s) => s.deferred !== undefined).map((s) => `${s.name}: ${s.deferred}`);
  return {
    value: { ran, skipped, failed: [...failed].map(([id, f]) => ({ id, ...f })), notRun: [...notRun].sort(), deferred },
    diagnostics,
  };

  async function computeDomains(g: TaskGraph): Promise<boolean> {
    let any = false;
    const call = async (c: A.KernelCallNode): Promise<unknown> => {
      const name = c.kernel.parts.map((x) => x.value).join(".");
      const k = await kernel(name);
      if (typeof k === "string") throw new Error(k);
      const inputs: Record<string, unknown> = {};
      const positional = c.args.filter((a) => a.name === undefined);
      for (let i = 0; i < positional.length; i++) {
        const a = positional[i]!;
        const port = k.info.inputs[i];
        if (a.value.kind !== "Ref" || port === undefined) continue;
        const product = a.value.name.value;
        const file = path.join(out, g.paths.get(product)!(new Int32Array(0)));
        const t = typeOf(product);
        if (!existsSync(file) || t === undefined) return undefined;
        inputs[port.name] = { key: {}, ...openProduct(t, file) };
      }
      const params: Record<string, unknown> = defaults(k.info);
      for (const a of c.args) if (a.name !== undefined) params[a.name.value] = paramValue(a.value, k.info, a.name.value, g);
      return await k.fn(inputs, params, { rng: makeRng(taskSeed(String(seed()), name, "")), key: {}, log: () => undefined });
    };
    for (const gr of checked.scope.grids.values()) {
      if (gr.domain.kind !== "KernelDomain" || computed.grids.has(gr.name.value)) continue;
      const r = (await call(gr.domain.call)) as GridKeys | undefined;
      if (r === undefined) continue;
      computed.grids.set(gr.name.value, r.keys.map((k) => (typeof k === "bigint" ? (k <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(k) : k.toString()) : k)));
      any = true;
    }
    for (const rel of checked.scope.relations.values()) {
      if (rel.source.kind !== "KernelCall" || computed.relations.has(rel.name.value)) continue;
      if ([...rel.from, ...rel.to].some((v) => !g.grids.has(v.grid.value) && !computed.grids.has(v.grid.value))) continue;
      const r = (await call(rel.source)) as RelationPairs | undefined;
      if (r === undefined) continue;
      computed.relations.set(rel.name.value, r.pairs.map((p) => p.map((k) => (typeof k === "bigint" ? Number(k) : k))));
      any = true;
    }
    return any;
  }

  function defaults(info: KernelInfo): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of info.params) if (p.default !== undefined) out[p.name] = p.default;
    return out;
  }

  function paramValue(e: A.ExprNode, info: KernelInfo, name: string, g: TaskGraph): unknown {
    if (e.kind === "Quantity") {
      const want = info.params.find((p) => p.name === name)?.unit;
      const from = parseUnit(e.unit);
      const to = want !== undefined ? parseUnit(want) : undefined;
      if (from.ok && to?.ok === true) {
        const c = convert(e.number.value, from.unit, to.unit);
        if (c.ok) return c.value;
      }
      return e.number.value;
    }
    return evalConst(e, g.params);
  }

  async function runTask(
    g: TaskGraph,
    t: number,
    id: string,
    stage: A.StageNode,
    k: { fn: KernelFunction; info: KernelInfo; closure: string },
    parts: ReturnType<typeof stageParts>,
    logFile: string,
  ): Promise<{ kind: "ran" | "skipped"; hashes: string[] } | { kind: "failed"; message: string }> {
    const s = g.stageOf(t);
    const key: Record<string, Value> = {};
    s.vars.forEach((v, i) => (key[v.grid] = g.grids.get(v.grid)!.keys[s.keys[i]![t - s.first]!]!));
    // Inputs: per input item, its instances in order; their content hashes feed the fingerprint.
    const byItem: { product: string; file: string }[][] = parts.inputs.map(() => []);
    g.inputsOf(t, (product, keys, item) => byItem[item]!.push({ product, file: path.join(out, g.paths.get(product)!(keys)) }));
    const inputHashes: string[] = [];
    for (const list of byItem) {
      for (const { file } of list) {
        if (!existsSync(file)) return { kind: "failed", message: `input \`${path.relative(out, file)}\` does not exist` };
        inputHashes.push(hashOf(file));
      }
    }
    const params: Record<string, unknown> = defaults(k.info);
    for (const sp of parts.params) params[sp.name.value] = paramValue(sp.value, k.info, sp.name.value, g);
    const fingerprint = sha256(DFLOW_VERSION, CODEC_VERSION, k.closure, JSON.stringify(params, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)), String(seed()), id, ...inputHashes);
    const outputs: { product: string; file: string; item: number }[] = [];
    g.outputsOf(t, (product, keys, item) => outputs.push({ product, file: path.join(out, g.paths.get(product)!(keys)), item }));
    const prev = readState(out, id);
    if (prev !== undefined && prev.fingerprint === fingerprint && outputs.every((o) => existsSync(o.file))) {
      for (const o of prev.outputs) sourceHashes.set(path.join(out, o.path), o.sha256);
      return { kind: "skipped", hashes: prev.outputs.map((o) => o.sha256) };
    }
    const inputs: Record<string, unknown> = {};
    parts.inputs.forEach((item, i) => {
      const handles = byItem[i]!.map(({ product, file }) => ({ key, ...openProduct(typeOf(product)!, file) }));
      const port = k.info.inputs.find((x) => x.name === portName(item));
      if (item.gather === undefined) inputs[portName(item)] = handles[0];
      else if (port?.collection === "stream") {
        inputs[portName(item)] = (async function* () {
          yield* handles;
        })();
      } else inputs[portName(item)] = handles;
    });
    mkdirSync(path.dirname(logFile), { recursive: true });
    writeFileSync(logFile, `${id}\n`);
    const ctx = { rng: makeRng(taskSeed(String(seed()), stage.name.value, id)), key, log: (m: string) => appendFileSync(logFile, m + "\n") };
    let result: Record<string, unknown>;
    try {
      result = (await k.fn(inputs, params, ctx)) as Record<string, unknown>;
    } catch (e) {
      appendFileSync(logFile, `${(e as Error).stack ?? String(e)}\n`);
      return { kind: "failed", message: (e as Error).message };
    }
    const written: { path: string; sha256: string }[] = [];
    for (const o of outputs) {
      const item = parts.outputs[o.item]!;
      const value = result?.[portName(item)];
      const type = typeOf(o.product);
      if (type === undefined) return { kind: "failed", message: `product \`${o.product}\` has no known type` };
      const problems = value === undefined ? [`the kernel returned no \`${portName(item)}\``] : validateProduct(type, value);
      if (problems.length > 0) {
        appendFileSync(logFile, problems.join("\n") + "\n");
        return { kind: "failed", message: `output \`${portName(item)}\` is not a valid \`${type.name}\`: ${problems[0]}` };
      }
      let h: string;
      try {
        h = writeAtomic(o.file, encodeProduct(type, value, { path: o.file }));
      } catch (e) {
        return { kind: "failed", message: `output \`${portName(item)}\` cannot be written: ${(e as Error).message}` };
      }
      written.push({ path: path.relative(out, o.file), sha256: h });
      sourceHashes.set(o.file, h);
    }
    const state: TaskState = { id, fingerprint, outputs: written };
    writeAtomic(statePath(out, id), [JSON.stringify(state) + "\n"], false);
    return { kind: "ran", hashes: written.map((w) => w.sha256) };
  }

  function hashOf(file: string): string {
    const got = sourceHashes.get(file);
    if (got !== undefined) return got;
    const h = createHash("sha256").update(readFileSync(file)).digest("hex");
    sourceHashes.set(file, h);
    return h;
  }
}

/** Removes the state folder (a full rerun). */
export function clearState(out: string): void {
  rmSync(stateDir(path.resolve(out)), { recursive: true, force: true });
}
