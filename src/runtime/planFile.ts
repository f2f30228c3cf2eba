import { createHash, type Hash } from "node:crypto";
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { AtomicFile, writeFileAtomic } from "../util/writeFileAtomic.js";
import type { BoundPipeline } from "../bound/index.js";
import type { ProductTypeInfo } from "../kernels/index.js";
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { SourceMap } from "../diag/SourceMap.js";
import { constraintVar, pathPieces, repeatedKey, valueMatches, type Plan, type StageTasks, type TaskGraph } from "../plan/index.js";
import { parseSelector } from "../syntax/parseSelector.js";
import { DFLOW_VERSION } from "../version.js";
import { RecordBuilder } from "./buildRecord.js";
import { unreadablePlan } from "./planTaskDiagnostics.js";
import type { KeyValue, TaskRecord } from "./executeTask.js";
import type { ProgramRecord } from "./runProgram.js";

/** The plan file's header: what it was planned from and where products go. */
export interface PlanMeta {
  readonly version: string;
  /** The layout of the files below (3: key columns, input references and path templates). */
  readonly format?: number;
  readonly pipeline: string;
  readonly out: string;
  readonly profile: string | null;
  readonly tasks: number;
  /** Stages past the frontier, not in this plan. */
  readonly deferred: readonly string[];
  /** The SHA-256 (hex) of each other file of the plan, checked when the plan is opened. */
  readonly checksums: Readonly<Record<string, string>>;
  /** The SHA-256 of this header without this field (as written: two-space-indented JSON). */
  readonly self?: string;
}

/** The files of a plan directory whose checksums `plan.json` records. */
const CHECKED_FILES = ["stages.json", "types.json", "tasks.bin", "strings.bin"] as const;

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** The text of `plan.json` for a header without `self`, and that header's checksum. */
function headerText(meta: Omit<PlanMeta, "self">): { text: string; self: string } {
  const self = sha256(JSON.stringify(meta, null, 2));
  return { text: JSON.stringify({ ...meta, self }, null, 2) + "\n", self };
}

/** What every task of a stage shares: kernel, closure hash, params, seed, ports. */
interface StageHeader {
  readonly stage: string;
  readonly kernel: string;
  readonly module: string;
  readonly exportName: string;
  readonly closure: string;
  /** The closure hash before change detection per kernel, when it differs (absent in plans written before). */
  readonly formerClosure?: string;
  /** The files of the kernel's import closure, so that a task run from the plan can say which one changed (absent in plans written before). */
  readonly closureFiles?: readonly string[];
  readonly seed: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly { readonly port: string; readonly form: "single" | "array" | "stream"; readonly type: string }[];
  readonly outputs: readonly { readonly port: string; readonly type: string }[];
  /** The program the stage runs, with its identity fixed when the plan was written (absent for a kernel). */
  readonly program?: ProgramRecord;
}

/**
 * A stage of the plan file. Its tasks are numbered `first … first + count - 1` (the task graph's
 * numbers); task `first + i` has the key indices `keys[i * vars.length …]` (Int32, at byte
 * `keysAt` of `tasks.bin`) and, when the stage runs (`record` is set), the input references
 * `data[rows[i] … rows[i + 1] - 1]` (Int32 words from byte `dataAt`; `rows` is `count + 1`
 * Uint32 at byte `rowsAt`).
 */
interface StageEntry {
  readonly name: string;
  readonly first: number;
  readonly count: number;
  /** Each variable: its grid, and the label its value has in a task id (the grid, or the variable when two share a grid). */
  readonly vars: readonly { readonly grid: string; readonly label: string; readonly name?: string }[];
  /** Whether the key rows ascend (lexicographically by key index): then a task is found by binary search. */
  readonly sorted: boolean;
  /** Each output: its product, and for each of the product's axes the stage variable whose key it takes. */
  readonly outputs: readonly { readonly product: number; readonly vars: readonly number[]; readonly explicit: boolean }[];
  readonly record: StageHeader | null;
  /** The stage's declared time and memory, which limit each of its tasks in `dflow task` (absent in plans written before they were recorded). */
  readonly limits?: StageLimits;
  /** Words at the start of each row: the key indices of the outputs that are not a projection of the task's keys. */
  readonly lead: number;
  readonly keysAt: number;
  readonly rowsAt: number;
  readonly dataAt: number;
}

/** A stage's resources as they limit its tasks (see src/runtime/isolation.ts). */
export interface StageLimits {
  readonly seconds: number;
  readonly timeDeclared: boolean;
  readonly memory: number | undefined;
  /** The stage's `retry N` (absent in plans written before it was recorded, and when 0). */
  readonly retries?: number;
}

/** A product's path template: literal text, or `[axis, table]`: entry `key index` of a string table. */
interface ProductEntry {
  readonly name: string;
  readonly arity: number;
  readonly pieces: readonly (string | readonly [number, number])[];
}

/** `stages.json`: the stages, the products their tasks read or write, and the string tables of `strings.bin` (`[byte offset, entries]`). */
interface StagesFile {
  readonly stages: readonly StageEntry[];
  readonly products: readonly ProductEntry[];
  /** Per grid a stage variable uses: the table holding each key as JSON. */
  readonly grids: Readonly<Record<string, number>>;
  readonly tables: readonly (readonly [number, number])[];
}

/** A growable Int32 column. */
class Int32Column {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  take(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Where the tasks of a product are: the producing stage and output, and the producer of each
 * instance by its key tuple (mixed radix over the axes' largest key index seen).
 */
interface ProducerIndex {
  readonly stage: number;
  readonly output: number;
  readonly radix: readonly number[];
  readonly task: Int32Array | Map<number, number>;
  /** For an output that is not a projection of the task's keys: the producer by its keys joined with commas. */
  readonly byKeys?: ReadonlyMap<string, number>;
}

/**
 * The compact plan the emitters build on: per stage (of the plan file), its input references,
 * and the rendered output paths of its tasks, so that no path is rendered twice.
 */
export interface CompactPlan {
  readonly graph: TaskGraph;
  readonly stages: readonly CompactStage[];
  /** The product and arity of each product number of the references. */
  readonly products: readonly { readonly name: string; readonly arity: number }[];
}

/** One stage of a {@link CompactPlan}. */
export interface CompactStage {
  readonly tasks: StageTasks;
  /** The first task's record (kernel, params, ports), or null when its kernel is not in the index. */
  readonly record: TaskRecord | null;
  readonly inputs: number;
  /** Each output: its product number and, unless `explicit`, the stage variable giving each axis's key. */
  readonly outputs: readonly OutputLayout[];
  /** Input references of task `first + i`: `data[rows[i] … rows[i+1]-1]` (see {@link forEachInput}). */
  readonly rows: Uint32Array;
  readonly data: Int32Array;
  /** Words at the start of each row before its input references (see {@link StageEntry}). */
  readonly lead: number;
  /** Whether a producer reference carries an output number (its stage has several outputs). */
  readonly manyOutputs: boolean;
}

/**
 * Calls `visit` for each input instance of task `first + i` of a stage: `(item, producer,
 * output, -1, producer's stage)` for a produced instance (the producer's task number and output
 * number), or `(item, -1, product, at, undefined)` for a source (its key indices are
 * `stage.data[at … at + arity - 1]`).
 */
export function forEachInput(
  plan: CompactPlan,
  stage: CompactStage,
  i: number,
  visit: (item: number, producer: number, outputOrProduct: number, at: number, producerStage: CompactStage | undefined) => void,
): void {
  const data = stage.data;
  const to = stage.rows[i + 1]!;
  let p = stage.rows[i]! + stage.lead;
  // The producers of one input are mostly in one stage: the last one found is tried first.
  let last: CompactStage | undefined;
  for (let item = 0; item < stage.inputs && p < to; item++) {
    const n = data[p++]!;
    for (let k = 0; k < n; k++) {
      const ref = data[p++]!;
      if (ref >= 0) {
        if (last === undefined || ref < last.tasks.first || ref >= last.tasks.first + last.tasks.count) last = stageOfTask(plan.stages, ref);
        const o = last?.manyOutputs === true ? data[p++]! : 0;
        visit(item, ref, o, -1, last);
      } else {
        const product = -ref - 1;
        visit(item, -1, product, p, undefined);
        p += plan.products[product]!.arity;
      }
    }
  }
}

/** The stage of a {@link CompactPlan} holding task `t` (binary search over the stages' first tasks). */
export function stageOfTask<S extends { readonly tasks?: StageTasks; readonly first?: number; readonly count?: number }>(
  stages: readonly S[],
  t: number,
): S | undefined {
  let lo = 0;
  let hi = stages.length - 1;
  const first = (s: S): number => s.tasks?.first ?? s.first!;
  const count = (s: S): number => s.tasks?.count ?? s.count!;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (first(stages[mid]!) <= t) lo = mid;
    else hi = mid - 1;
  }
  const s = stages[lo];
  return s !== undefined && t >= first(s) && t < first(s) + count(s) ? s : undefined;
}

/**
 * Writes the indexed plan under `dir` (format 3), compact and still indexed:
 * `plan.json` (header), `types.json` (the product types its tasks use), `stages.json` (per stage
 * what its tasks share: kernel, closure hash, params, seed, ports; the products' path templates;
 * where each stage's columns are), `tasks.bin` (per stage the key indices of its tasks, and per
 * task its input references: a producer's task number, or a source product and its key indices,
 * with a row index) and `strings.bin` (the tables the templates and task ids render keys from).
 * No path or id is stored per task: `dflow task` renders the few it needs, reading only the
 * pieces of the files its task touches. Returns the compact plan for the emitters.
 */
export function writePlanFile(pipeline: BoundPipeline, plan: Plan, dir: string): { tasks: number; missingKernels: string[]; compact: CompactPlan } {
  const index = pipeline.index!;
  const builder = new RecordBuilder(pipeline);
  const g = plan.graph;
  const planned = g.stages.filter((s) => s.count > 0 && s.deferred === undefined);
  const missing: string[] = [];
  const records = planned.map((s) => {
    const r = builder.record(g, s.first);
    if (r === undefined) missing.push(s.name);
    return r ?? null;
  });
  const products = new Products();
  const outputs = planned.map((s) => outputLayout(pipeline, g, s, products));
  const producers = producerIndex(g, planned, outputs);
  const stages: CompactStage[] = planned.map((s, i) => {
    const record = records[i]!;
    const manyOutputs = outputs[i]!.length > 1;
    const nIn = record?.inputs.length ?? 0;
    const { rows, data, lead } = inputRows(g, s, nIn, producers, outputs, outputs[i]!, products);
    return { tasks: s, record, inputs: nIn, outputs: outputs[i]!, rows, data, lead, manyOutputs };
  });
  const compact: CompactPlan = { graph: g, stages, products: products.names.map((name, i) => ({ name, arity: products.arity[i]! })) };

  const usedTypes = new Set<string>();
  const tables = new StringTables();
  const grids: Record<string, number> = {};
  for (const s of planned)
    for (const v of s.vars)
      grids[v.grid] ??= tables.add(
        "grid\0" + v.grid,
        g.grids.get(v.grid)!.keys.map((k) => JSON.stringify(k)),
      );
  const productEntries: ProductEntry[] = products.names.map((name) => {
    const pieces = pathPieces(g.paths.get(name)!) ?? [];
    return {
      name,
      arity: products.arity[products.names.indexOf(name)]!,
      pieces: pieces.map((x) => (typeof x === "string" ? x : ([x.axis, tables.add(x.id, x.table)] as const))),
    };
  });
  const bin = new BinaryWriter(path.join(dir, "tasks.bin"));
  const entries: StageEntry[] = [];
  try {
    stages.forEach((st, i) => {
      const s = st.tasks;
      const nv = s.vars.length;
      const keys = new Int32Array(s.count * nv);
      for (let v = 0; v < nv; v++) {
        const col = s.keys[v]!;
        for (let t = 0; t < s.count; t++) keys[t * nv + v] = col[t]!;
      }
      const keysAt = bin.write(keys);
      const rowsAt = bin.write(st.rows);
      const dataAt = bin.write(st.data);
      const r = st.record;
      let header: StageHeader | null = null;
      if (r !== null) {
        header = {
          stage: r.stage,
          kernel: r.kernel,
          module: r.module,
          exportName: r.exportName,
          closure: r.closure,
          ...(r.formerClosure !== undefined ? { formerClosure: r.formerClosure } : {}),
          ...(r.closureFiles !== undefined ? { closureFiles: r.closureFiles } : {}),
          seed: r.seed,
          params: r.params,
          inputs: r.inputs.map((inp, n) => ({ port: inp.port, form: inp.form, type: inp.items[0]?.type ?? s.stage.inputs[n]!.typeName })),
          outputs: r.outputs.map((o) => ({ port: o.port, type: o.type })),
          ...(r.program !== undefined ? { program: r.program } : {}),
        };
        for (const x of header.inputs) usedTypes.add(x.type);
        for (const x of header.outputs) usedTypes.add(x.type);
      }
      entries.push({
        name: s.name,
        first: s.first,
        count: s.count,
        vars: s.vars.map((v) => ({ grid: v.grid, label: s.vars.some((w) => w !== v && w.grid === v.grid) ? v.name : v.grid, name: v.name })),
        sorted: ascending(keys, nv),
        outputs: outputs[i]!.map((o) => ({ product: o.product, vars: o.vars, explicit: o.explicit })),
        record: header,
        limits: { seconds: s.resources.seconds, timeDeclared: s.resources.timeDeclared, memory: s.resources.memory, retries: s.resources.retries },
        lead: st.lead,
        keysAt,
        rowsAt,
        dataAt,
      });
    });
  } catch (e) {
    bin.abort();
    throw e;
  }
  bin.commit();
  const checksums: Record<string, string> = { "tasks.bin": bin.digest() };
  checksums["strings.bin"] = tables.write(path.join(dir, "strings.bin"));
  const file: StagesFile = { stages: entries, products: productEntries, grids, tables: tables.directory };
  const stagesText = JSON.stringify(file) + "\n";
  writeFileAtomic(path.join(dir, "stages.json"), stagesText, { fsync: false });
  checksums["stages.json"] = sha256(stagesText);
  const types: Record<string, ProductTypeInfo> = {};
  for (const t of index.types) if (usedTypes.has(t.name)) types[t.name] = t;
  const typesText = JSON.stringify(types) + "\n";
  writeFileAtomic(path.join(dir, "types.json"), typesText, { fsync: false });
  checksums["types.json"] = sha256(typesText);
  const tasks = stages.reduce((n, s) => n + (s.record !== null ? s.tasks.count : 0), 0);
  const meta: PlanMeta = {
    version: DFLOW_VERSION,
    format: 3,
    pipeline: pipeline.name,
    out: plan.out,
    profile: plan.profile ?? null,
    tasks,
    deferred: g.stages.filter((s) => s.deferred !== undefined).map((s) => `${s.name}: ${s.deferred}`),
    checksums,
  };
  writeFileAtomic(path.join(dir, "plan.json"), headerText(meta).text, { fsync: false });
  return { tasks, missingKernels: missing, compact };
}

/** Numbers the products the plan's tasks read and write, with their arity. */
class Products {
  readonly names: string[] = [];
  readonly arity: number[] = [];
  readonly #index = new Map<string, number>();
  of(product: string, arity: number): number {
    let i = this.#index.get(product);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(product);
      this.arity.push(arity);
      this.#index.set(product, i);
    }
    return i;
  }
}

/** An output of a stage: its product and, per axis, the stage variable giving its key; `explicit` when no variable does (its keys then lead each row). */
export interface OutputLayout {
  readonly product: number;
  readonly vars: readonly number[];
  readonly explicit: boolean;
}

/**
 * How each output of a stage takes its keys from the task's: per axis the stage variable whose
 * key it is. Read from the stage's output reference when each index is a variable over the
 * axis's grid (as the planner compiles it); otherwise the variables whose key is the axis's on
 * every task, found by enumerating the outputs.
 */
function outputLayout(pipeline: BoundPipeline, g: TaskGraph, s: StageTasks, products: Products): OutputLayout[] {
  const first: { product: string; keys: Int32Array }[] = [];
  g.outputsOf(s.first, (product, keys) => first.push({ product, keys: keys.slice() }));
  const declared = first.map((o, item) => {
    const ref = s.stage.outputs[item]?.ref;
    const axes = pipeline.products.get(o.product)?.axes;
    if (ref === undefined || ref.product !== o.product || axes === undefined || axes.length !== o.keys.length || ref.indices.length !== axes.length)
      return undefined;
    const vars = ref.indices.map((e, a) => (e.kind === "name" ? s.vars.findIndex((v) => v.name === e.name && v.grid === axes[a]) : -1));
    return vars.every((v) => v >= 0) ? vars : undefined;
  });
  if (declared.every((d) => d !== undefined))
    return first.map((o, item) => ({ product: products.of(o.product, o.keys.length), vars: declared[item]!, explicit: false }));
  const cand = first.map((o) => Array.from(o.keys, (k) => s.vars.map((_, v) => v).filter((v) => s.keys[v]![0] === k)));
  for (let t = s.first + 1; t < s.first + s.count && cand.some((c) => c.some((a) => a.length > 0)); t++) {
    const i = t - s.first;
    g.outputsOf(t, (_p, keys, item) => {
      const c = cand[item]!;
      for (let a = 0; a < keys.length; a++)
        if (c[a]!.length > 0 && c[a]!.some((v) => s.keys[v]![i] !== keys[a])) c[a] = c[a]!.filter((v) => s.keys[v]![i] === keys[a]);
    });
  }
  return first.map((o, item) => {
    const product = products.of(o.product, o.keys.length);
    const c = cand[item]!;
    return c.every((a) => a.length > 0) ? { product, vars: c.map((a) => a[0]!), explicit: false } : { product, vars: [], explicit: true };
  });
}

/**
 * A path renderer for output `o` of a stage's tasks: `(i) => path` of task `first + i`
 * (through the key columns, or the task graph when the output is not a projection of them).
 */
export function outputRenderer(plan: CompactPlan, stage: CompactStage, o: number): (i: number) => string {
  const g = plan.graph;
  const s = stage.tasks;
  const layout = stage.outputs[o]!;
  const render = g.paths.get(plan.products[layout.product]!.name)!;
  if (layout.explicit) {
    return (i) => {
      let out = "";
      g.outputsOf(s.first + i, (_p, keys, item) => void (item === o && (out = render(keys))));
      return out;
    };
  }
  const tuple = new Int32Array(layout.vars.length);
  const cols = layout.vars.map((v) => s.keys[v]!);
  return (i) => {
    for (let a = 0; a < cols.length; a++) tuple[a] = cols[a]![i]!;
    return render(tuple);
  };
}

/** The producer of each product instance, by key tuple. */
function producerIndex(g: TaskGraph, planned: readonly StageTasks[], layouts: readonly OutputLayout[][]): Map<number, ProducerIndex> {
  const out = new Map<number, ProducerIndex>();
  planned.forEach((s, si) => {
    layouts[si]!.forEach((o, item) => {
      if (o.explicit) {
        const byKeys = new Map<string, number>();
        for (let t = s.first; t < s.first + s.count; t++) g.outputsOf(t, (_p, keys, it) => void (it === item && byKeys.set(keys.join(","), t)));
        out.set(o.product, { stage: si, output: item, radix: [], task: new Int32Array(0), byKeys });
        return;
      }
      const cols = o.vars.map((v) => s.keys[v]!);
      const radix = cols.map((c) => c.reduce((m, k) => Math.max(m, k + 1), 0));
      const size = radix.reduce((a, b) => a * b, 1);
      const dense = size <= 1 << 24;
      const task: Int32Array | Map<number, number> = dense ? new Int32Array(size).fill(-1) : new Map<number, number>();
      for (let t = 0; t < s.count; t++) {
        let k = 0;
        for (let a = cols.length - 1; a >= 0; a--) k = k * radix[a]! + cols[a]![t]!;
        if (dense) (task as Int32Array)[k] = s.first + t;
        else (task as Map<number, number>).set(k, s.first + t);
      }
      out.set(o.product, { stage: si, output: item, radix, task });
    });
  });
  return out;
}

/** The task producing an instance, or -1. */
function producerOf(ix: ProducerIndex, keys: Int32Array): number {
  if (ix.byKeys !== undefined) return ix.byKeys.get(keys.join(",")) ?? -1;
  let k = 0;
  for (let a = keys.length - 1; a >= 0; a--) {
    const v = keys[a]!;
    if (v >= ix.radix[a]!) return -1;
    k = k * ix.radix[a]! + v;
  }
  return ix.task instanceof Int32Array ? ix.task[k]! : (ix.task.get(k) ?? -1);
}

/**
 * The rows of every task of a stage: the key indices of its outputs that are not a projection
 * of its keys (`lead` words), then per input item the number of instances and their references:
 * a producer's task number (and its output number when its stage has several), or `-1 - product`
 * and the instance's key indices for a source.
 */
function inputRows(
  g: TaskGraph,
  s: StageTasks,
  nIn: number,
  producers: ReadonlyMap<number, ProducerIndex>,
  layouts: readonly OutputLayout[][],
  own: readonly OutputLayout[],
  products: Products,
): { rows: Uint32Array; data: Int32Array; lead: number } {
  const explicit = own.filter((o) => o.explicit);
  const lead = explicit.reduce((n, o) => n + products.arity[o.product]!, 0);
  const rows = new Uint32Array(s.count + 1);
  const data = new Int32Column();
  if (nIn === 0 && lead === 0) return { rows, data: data.take(), lead };
  const byName = new Map<string, number>();
  let item = -1;
  let countAt = -1;
  let n = 0;
  const open = (upTo: number): void => {
    while (item < upTo) {
      if (countAt >= 0) data.data[countAt] = n;
      item++;
      countAt = data.length;
      data.push(0);
      n = 0;
    }
  };
  // The instances of an input are of one product: the last product's number and index are tried first.
  let lastProduct: string | undefined;
  let pn = -1;
  let ix: ProducerIndex | undefined;
  let many = false;
  const visit = (product: string, keys: Int32Array, it: number): void => {
    if (it !== item) open(it);
    if (product !== lastProduct) {
      lastProduct = product;
      let known = byName.get(product);
      if (known === undefined) {
        known = products.of(product, keys.length);
        byName.set(product, known);
      }
      pn = known;
      ix = producers.get(pn);
      many = ix !== undefined && layouts[ix.stage]!.length > 1;
    }
    const p = ix !== undefined ? producerOf(ix, keys) : -1;
    if (p >= 0) {
      data.push(p);
      if (many) data.push(ix!.output);
    } else {
      data.push(-pn - 1);
      for (let a = 0; a < keys.length; a++) data.push(keys[a]!);
    }
    n++;
  };
  const leadVisit = (_p: string, keys: Int32Array, it: number): void => {
    if (!own[it]!.explicit) return;
    for (let a = 0; a < keys.length; a++) data.push(keys[a]!);
  };
  for (let t = 0; t < s.count; t++) {
    rows[t] = data.length;
    if (lead > 0) g.outputsOf(s.first + t, leadVisit);
    if (nIn === 0) continue;
    item = -1;
    countAt = -1;
    n = 0;
    g.inputsOf(s.first + t, visit);
    open(nIn - 1);
    if (countAt >= 0) data.data[countAt] = n;
  }
  rows[s.count] = data.length;
  return { rows, data: data.take(), lead };
}

/** Whether the rows of a row-major key block ascend lexicographically. */
function ascending(keys: Int32Array, nv: number): boolean {
  if (nv === 0) return true;
  for (let r = nv; r < keys.length; r += nv) {
    for (let v = 0; v < nv; v++) {
      const a = keys[r - nv + v]!;
      const b = keys[r + v]!;
      if (a < b) break;
      if (a > b) return false;
      if (v === nv - 1) return false;
    }
  }
  return true;
}

/** Appends typed arrays to a file (through the one writer), each at an offset that is a multiple of 4; returns where each went. */
class BinaryWriter {
  readonly #file: AtomicFile;
  readonly #hash: Hash = createHash("sha256");
  #at = 0;
  constructor(file: string) {
    // Not fsync'd: a plan file lost in a power cut is emitted again.
    this.#file = new AtomicFile(file, { fsync: false });
  }
  write(a: Int32Array | Uint32Array): number {
    const at = this.#at;
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    this.#file.write(bytes);
    this.#hash.update(bytes);
    this.#at += a.byteLength;
    return at;
  }
  commit(): void {
    this.#file.commit();
  }
  abort(): void {
    this.#file.abort();
  }
  /** The SHA-256 of the bytes written. */
  digest(): string {
    return this.#hash.digest("hex");
  }
}

/** String tables, each `entries + 1` Uint32 byte offsets (from the table's text) then UTF-8 text; equal tables are stored once. */
class StringTables {
  readonly directory: (readonly [number, number])[] = [];
  readonly #byId = new Map<string, number>();
  readonly #parts: Buffer[] = [];
  #at = 0;
  add(id: string, entries: readonly string[]): number {
    const known = this.#byId.get(id);
    if (known !== undefined) return known;
    const text = Buffer.from(entries.join(""), "utf8");
    const offsets = new Uint32Array(entries.length + 1);
    let o = 0;
    entries.forEach((e, i) => {
      offsets[i] = o;
      o += Buffer.byteLength(e);
    });
    offsets[entries.length] = o;
    const n = this.directory.length;
    this.directory.push([this.#at, entries.length]);
    this.#parts.push(Buffer.from(offsets.buffer), text);
    this.#at += offsets.byteLength + text.length;
    const pad = (4 - (this.#at % 4)) % 4;
    if (pad > 0) {
      this.#parts.push(Buffer.alloc(pad));
      this.#at += pad;
    }
    this.#byId.set(id, n);
    return n;
  }
  /** Writes the tables and returns their SHA-256. */
  write(file: string): string {
    writeFileAtomic(file, this.#parts, { fsync: false });
    const h = createHash("sha256");
    for (const p of this.#parts) h.update(p);
    return h.digest("hex");
  }
}

// ---------------------------------------------------------------------------------------------
// Reading: only the pages of the files a task's records lie on.

let bytesRead = 0;
let bytesHashed = 0;
let reportRegistered = false;

/** Bytes this process has read from plan files (the benchmark's measure of an indexed read). */
export function planBytesRead(): number {
  return bytesRead;
}

const PAGE = 4096;

/** A file read in 4 KiB pages, each read once. */
class PagedFile {
  readonly #pages = new Map<number, Buffer>();
  readonly #fd: number;
  readonly size: number;
  constructor(file: string) {
    this.#fd = openSync(file, "r");
    this.size = fstatSync(this.#fd).size;
  }
  #page(n: number): Buffer {
    let p = this.#pages.get(n);
    if (p === undefined) {
      p = Buffer.alloc(Math.min(PAGE, this.size - n * PAGE));
      let got = 0;
      while (got < p.length) {
        const k = readSync(this.#fd, p, got, p.length - got, n * PAGE + got);
        if (k === 0) break;
        got += k;
      }
      bytesRead += got;
      this.#pages.set(n, p);
    }
    return p;
  }
  /** `length` bytes at `pos`. */
  bytes(pos: number, length: number): Buffer {
    const first = Math.floor(pos / PAGE);
    const last = Math.floor((pos + length - 1) / PAGE);
    if (length <= 0) return Buffer.alloc(0);
    if (first === last) return this.#page(first).subarray(pos - first * PAGE, pos - first * PAGE + length);
    const parts: Buffer[] = [];
    for (let n = first; n <= last; n++) {
      const p = this.#page(n);
      const from = n === first ? pos - first * PAGE : 0;
      const to = n === last ? pos + length - n * PAGE : p.length;
      parts.push(p.subarray(from, to));
    }
    return Buffer.concat(parts);
  }
  /** The file's SHA-256, read through once in 1 MiB pieces (not kept: counted apart from the pages read). */
  digest(): string {
    const h = createHash("sha256");
    const buf = Buffer.alloc(Math.min(1 << 20, Math.max(this.size, 1)));
    for (let at = 0; at < this.size;) {
      const k = readSync(this.#fd, buf, 0, Math.min(buf.length, this.size - at), at);
      if (k === 0) break;
      h.update(buf.subarray(0, k));
      at += k;
    }
    bytesHashed += this.size;
    return h.digest("hex");
  }
  int32(pos: number): number {
    return this.bytes(pos, 4).readInt32LE(0);
  }
  uint32(pos: number): number {
    return this.bytes(pos, 4).readUInt32LE(0);
  }
  close(): void {
    closeSync(this.#fd);
  }
}

/** An open plan file: its small JSON parts parsed, its binary parts paged. */
class OpenPlan {
  readonly file: StagesFile;
  readonly tasks: PagedFile;
  readonly strings: PagedFile;
  readonly #strings = new Map<number, string>();
  readonly #keys = new Map<string, KeyValue>();
  #lastStage: StageEntry | undefined;
  constructor(file: StagesFile, tasks: PagedFile, strings: PagedFile) {
    this.file = file;
    this.tasks = tasks;
    this.strings = strings;
  }

  /** Entry `i` of string table `table`. */
  string(table: number, i: number): string {
    const id = table * 0x100000000 + i;
    let s = this.#strings.get(id);
    if (s === undefined) {
      const [at, n] = this.file.tables[table]!;
      if (i < 0 || i >= n) return "";
      const from = this.strings.uint32(at + 4 * i);
      const to = this.strings.uint32(at + 4 * i + 4);
      s = this.strings.bytes(at + 4 * (n + 1) + from, to - from).toString("utf8");
      this.#strings.set(id, s);
    }
    return s;
  }

  /** The key value of index `k` of a grid. */
  keyValue(grid: string, k: number): KeyValue {
    const id = grid + "\0" + k;
    let v = this.#keys.get(id);
    if (v === undefined) {
      const text = this.string(this.file.grids[grid]!, k);
      try {
        v = JSON.parse(text) as KeyValue;
      } catch {
        throw new RangeError(`key ${k} of grid ${grid} in strings.bin is not valid JSON`);
      }
      this.#keys.set(id, v);
    }
    return v;
  }

  /** The key indices of task `first + i` of a stage. */
  keysOf(s: StageEntry, i: number): Int32Array {
    const nv = s.vars.length;
    const out = new Int32Array(nv);
    if (nv === 0) return out;
    const b = this.tasks.bytes(s.keysAt + i * nv * 4, nv * 4);
    for (let v = 0; v < nv; v++) out[v] = b.readInt32LE(v * 4);
    return out;
  }

  /** A task's id from its stage and key indices, as `taskId` renders it. */
  idOf(s: StageEntry, keys: Int32Array): string {
    if (s.vars.length === 0) return s.name;
    return `${s.name}[${s.vars.map((v, i) => `${v.label}=${String(this.keyValue(v.grid, keys[i]!))}`).join(",")}]`;
  }

  /** A product instance's path (relative to the output root). */
  path(product: number, keys: ArrayLike<number>): string {
    let out = "";
    for (const p of this.file.products[product]!.pieces) out += typeof p === "string" ? p : this.string(p[1], keys[p[0]]!);
    return out;
  }

  /** The stage holding task `t`. */
  stageOf(t: number): StageEntry | undefined {
    const last = this.#lastStage;
    if (last !== undefined && t >= last.first && t < last.first + last.count) return last;
    this.#lastStage = stageOfTask(this.file.stages, t);
    return this.#lastStage;
  }

  /** The path of output `o` of task `first + i` of a stage with key indices `keys`. */
  outputPath(s: StageEntry, i: number, keys: Int32Array, o: number): string {
    const out = s.outputs[o]!;
    if (!out.explicit)
      return this.path(
        out.product,
        out.vars.map((v) => keys[v]!),
      );
    // Not a projection of the task's keys: the row leads with them.
    let at = 0;
    for (let k = 0; k < o; k++) if (s.outputs[k]!.explicit) at += this.file.products[s.outputs[k]!.product]!.arity;
    const arity = this.file.products[out.product]!.arity;
    const from = this.tasks.uint32(s.rowsAt + 4 * i);
    const b = this.tasks.bytes(s.dataAt + 4 * (from + at), 4 * arity);
    return this.path(
      out.product,
      Array.from({ length: arity }, (_, a) => b.readInt32LE(4 * a)),
    );
  }

  /** The path of output `o` of task `t` and the task's id. */
  output(t: number, o: number): { path: string; id: string } | undefined {
    const s = this.stageOf(t);
    if (s === undefined) return undefined;
    const keys = this.keysOf(s, t - s.first);
    return { path: this.outputPath(s, t - s.first, keys, o), id: this.idOf(s, keys) };
  }

  /** The position of a task in its stage from its id (`stage[label=value,…]`, or `stage:i`), or undefined. */
  find(id: string): { stage: StageEntry; i: number } | undefined {
    const short = /^([^[\]:]+):(\d+)$/.exec(id);
    if (short !== null) {
      const stage = this.file.stages.find((s) => s.name === short[1]);
      const i = Number(short[2]);
      return stage !== undefined && i < stage.count ? { stage, i } : undefined;
    }
    const m = /^([^[\]]+)(?:\[(.*)\])?$/.exec(id);
    if (m === null) return undefined;
    const stage = this.file.stages.find((s) => s.name === m[1]);
    if (stage === undefined) return undefined;
    const pairs = m[2] === undefined ? [] : m[2].split(",");
    if (pairs.length !== stage.vars.length) return undefined;
    const want = new Int32Array(stage.vars.length);
    for (let v = 0; v < stage.vars.length; v++) {
      const [label, value] = pairs[v]!.split("=");
      if (label !== stage.vars[v]!.label || value === undefined) return undefined;
      const k = this.keyIndex(stage.vars[v]!.grid, value);
      if (k < 0) return undefined;
      want[v] = k;
    }
    const cmp = (i: number): number => {
      const keys = this.keysOf(stage, i);
      for (let v = 0; v < keys.length; v++) if (keys[v] !== want[v]) return keys[v]! < want[v]! ? -1 : 1;
      return 0;
    };
    if (stage.sorted) {
      let lo = 0;
      let hi = stage.count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = cmp(mid);
        if (c === 0) return { stage, i: mid };
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    }
    for (let i = 0; i < stage.count; i++) if (cmp(i) === 0) return { stage, i };
    return undefined;
  }

  /** The index of the key of a grid that renders as `value` in task ids, or -1: one read of the grid's table, no parse per key. */
  keyIndex(grid: string, value: string): number {
    const table = this.file.grids[grid];
    if (table === undefined) return -1;
    const [at, n] = this.file.tables[table]!;
    const offsets = this.strings.bytes(at, 4 * (n + 1));
    const text = this.strings.bytes(at + 4 * (n + 1), offsets.readUInt32LE(4 * n));
    // A key is stored as JSON: a number or boolean as its id text, a string quoted.
    const forms = [Buffer.from(value), Buffer.from(JSON.stringify(value))];
    for (let k = 0; k < n; k++) {
      const from = offsets.readUInt32LE(4 * k);
      const to = offsets.readUInt32LE(4 * k + 4);
      for (const f of forms) if (f.length === to - from && text.compare(f, 0, f.length, from, to) === 0) return k;
    }
    return -1;
  }

  /** The record of task `first + i` of a stage that runs. */
  record(s: StageEntry, i: number): TaskRecord | undefined {
    const h = s.record;
    if (h === null) return undefined;
    const keys = this.keysOf(s, i);
    const key: Record<string, KeyValue> = {};
    s.vars.forEach((v, n) => (key[v.grid] = this.keyValue(v.grid, keys[n]!)));
    const from = this.tasks.uint32(s.rowsAt + 4 * i);
    const to = this.tasks.uint32(s.rowsAt + 4 * i + 4);
    // Rows ascend; one that does not is damage, reported by lookupTask as such.
    if (to < from || s.dataAt + 4 * to > this.tasks.size) throw new RangeError(`row ${i} of stage ${s.name} lies outside tasks.bin`);
    const row = this.tasks.bytes(s.dataAt + 4 * from, 4 * (to - from));
    const word = (w: number): number => row.readInt32LE(4 * w);
    const inputs = h.inputs.map((inp) => ({ port: inp.port, form: inp.form, items: [] as { path: string; type: string; producer?: string }[] }));
    let p = s.lead;
    for (let item = 0; item < h.inputs.length && p < to - from; item++) {
      const n = word(p++);
      const type = h.inputs[item]!.type;
      for (let k = 0; k < n; k++) {
        const ref = word(p++);
        if (ref >= 0) {
          const ps = this.stageOf(ref);
          const o = ps !== undefined && ps.outputs.length > 1 ? word(p++) : 0;
          const made = this.output(ref, o);
          if (made !== undefined) inputs[item]!.items.push({ path: made.path, type, producer: made.id });
        } else {
          const product = -ref - 1;
          const arity = this.file.products[product]!.arity;
          const ks = new Int32Array(arity);
          for (let a = 0; a < arity; a++) ks[a] = word(p++);
          inputs[item]!.items.push({ path: this.path(product, ks), type });
        }
      }
    }
    return {
      id: this.idOf(s, keys),
      stage: h.stage,
      kernel: h.kernel,
      module: h.module,
      exportName: h.exportName,
      closure: h.closure,
      ...(h.formerClosure !== undefined ? { formerClosure: h.formerClosure } : {}),
      ...(h.closureFiles !== undefined ? { closureFiles: h.closureFiles } : {}),
      key,
      seed: h.seed,
      params: h.params,
      inputs,
      outputs: h.outputs.map((o, n) => ({ port: o.port, path: this.outputPath(s, i, keys, n), type: o.type })),
      ...(h.program !== undefined ? { program: h.program } : {}),
    };
  }
}

const openPlans = new Map<string, OpenPlan | PlanProblem>();

/** Why a plan directory cannot be read: there is none, or its files disagree with each other (`what` says how). */
export interface PlanProblem {
  readonly kind: "absent" | "damaged";
  readonly what: string;
}

/** Thrown by the readers on a plan directory that {@link checkPlan} finds absent or damaged. */
export class PlanUnreadableError extends Error {
  constructor(
    readonly dir: string,
    readonly problem: PlanProblem,
  ) {
    super(problem.kind === "absent" ? `${dir} holds no plan: ${problem.what}` : `the plan in ${dir} is damaged (${problem.what}): emit it again`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** A small file of the plan directory: its text, or why it is missing. */
function readPart(dir: string, name: string): string | PlanProblem {
  try {
    const text = readFileSync(path.join(dir, name), "utf8");
    bytesRead += Buffer.byteLength(text);
    return text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "damaged", what: `\`${name}\` is missing` };
    return { kind: "damaged", what: `\`${name}\` cannot be read: ${code ?? (e as Error).message}` };
  }
}

/** The shape of `stages.json`, checked field by field: a description of the first mismatch, or undefined. */
function stagesShapeProblem(v: unknown): string | undefined {
  if (!isObject(v)) return "`stages.json` is not an object";
  if (!Array.isArray(v["stages"]) || !Array.isArray(v["products"]) || !Array.isArray(v["tables"]) || !isObject(v["grids"]))
    return "`stages.json` lacks its stages, products, grids or tables";
  const tables = v["tables"] as unknown[];
  for (const t of tables) if (!Array.isArray(t) || t.length !== 2 || !isCount(t[0]) || !isCount(t[1])) return "`stages.json` has a malformed string table";
  const isTable = (n: unknown): boolean => isCount(n) && n < tables.length;
  for (const g of Object.values(v["grids"] as object)) if (!isTable(g)) return "`stages.json` names a grid table that does not exist";
  const products = v["products"] as unknown[];
  for (const p of products) {
    if (!isObject(p) || typeof p["name"] !== "string" || !isCount(p["arity"]) || !Array.isArray(p["pieces"])) return "`stages.json` has a malformed product";
    for (const piece of p["pieces"] as unknown[])
      if (typeof piece !== "string" && !(Array.isArray(piece) && piece.length === 2 && isCount(piece[0]) && isTable(piece[1])))
        return `\`stages.json\` has a malformed path template for \`${p["name"]}\``;
  }
  let next = 0;
  for (const s of v["stages"] as unknown[]) {
    if (!isObject(s) || typeof s["name"] !== "string") return "`stages.json` has a malformed stage";
    const name = s["name"];
    const fields = ["first", "count", "lead", "keysAt", "rowsAt", "dataAt"];
    if (!fields.every((f) => isCount(s[f])) || typeof s["sorted"] !== "boolean" || !Array.isArray(s["vars"]) || !Array.isArray(s["outputs"]))
      return `\`stages.json\` has a malformed entry for stage \`${name}\``;
    if ((s["first"] as number) < next) return `the task numbers of stage \`${name}\` overlap the stage before it`;
    next = (s["first"] as number) + (s["count"] as number);
    for (const x of s["vars"] as unknown[])
      if (!isObject(x) || typeof x["grid"] !== "string" || typeof x["label"] !== "string" || !Object.hasOwn(v["grids"], x["grid"]))
        return `\`stages.json\` has a malformed variable in stage \`${name}\``;
    for (const o of s["outputs"] as unknown[])
      if (!isObject(o) || !isCount(o["product"]) || o["product"] >= products.length || !Array.isArray(o["vars"]))
        return `\`stages.json\` has a malformed output in stage \`${name}\``;
    const r = s["record"];
    if (r !== null && !(isObject(r) && Array.isArray(r["inputs"]) && Array.isArray(r["outputs"]) && typeof r["kernel"] === "string"))
      return `\`stages.json\` has a malformed record header for stage \`${name}\``;
  }
  return undefined;
}

/**
 * Checks that the binary files hold every byte the stages and string tables point at: sizes, and
 * one word per stage and table (the end of its rows), so opening a plan reads a page per stage.
 */
function sizeProblem(file: StagesFile, tasks: PagedFile, strings: PagedFile): string | undefined {
  const short = (name: string, what: string): string => `\`${name}\` is shorter than ${what} need`;
  for (const [at, n] of file.tables) {
    if (at + 4 * (n + 1) > strings.size) return short("strings.bin", "its string tables");
    const end = strings.uint32(at + 4 * n);
    if (at + 4 * (n + 1) + end > strings.size) return short("strings.bin", "its string tables");
  }
  for (const s of file.stages) {
    if (s.keysAt + 4 * s.count * s.vars.length > tasks.size) return short("tasks.bin", `stage \`${s.name}\`'s keys`);
    if (s.record === null) continue;
    if (s.rowsAt + 4 * (s.count + 1) > tasks.size) return short("tasks.bin", `stage \`${s.name}\`'s rows`);
    const end = tasks.uint32(s.rowsAt + 4 * s.count);
    if (s.dataAt + 4 * end > tasks.size) return short("tasks.bin", `stage \`${s.name}\`'s input references`);
  }
  return undefined;
}

/** Opens and checks the plan in `dir` (its files' presence, `stages.json`'s shape, the binary files' sizes). */
function loadPlan(dir: string): OpenPlan | PlanProblem {
  const checked = readCheckedMeta(dir);
  if (!("meta" in checked)) return checked;
  const sums = checked.meta.checksums;
  const text = readPart(dir, "stages.json");
  if (typeof text !== "string") return text;
  if (sha256(text) !== sums["stages.json"]) return mismatch("stages.json");
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { kind: "damaged", what: "`stages.json` is not valid JSON" };
  }
  const shape = stagesShapeProblem(file);
  if (shape !== undefined) return { kind: "damaged", what: shape };
  const paged: PagedFile[] = [];
  for (const name of ["tasks.bin", "strings.bin"]) {
    try {
      paged.push(new PagedFile(path.join(dir, name)));
    } catch (e) {
      for (const p of paged) p.close();
      const code = (e as NodeJS.ErrnoException).code;
      return { kind: "damaged", what: code === "ENOENT" ? `\`${name}\` is missing` : `\`${name}\` cannot be read: ${code ?? (e as Error).message}` };
    }
  }
  const [tasks, strings] = paged as [PagedFile, PagedFile];
  const damaged = tasks.digest() !== sums["tasks.bin"] ? "tasks.bin" : strings.digest() !== sums["strings.bin"] ? "strings.bin" : undefined;
  if (damaged !== undefined) {
    tasks.close();
    strings.close();
    return mismatch(damaged);
  }
  const sizes = sizeProblem(file as StagesFile, tasks, strings);
  if (sizes !== undefined) {
    tasks.close();
    strings.close();
    return { kind: "damaged", what: sizes };
  }
  return new OpenPlan(file as StagesFile, tasks, strings);
}

function openPlan(dir: string): OpenPlan | PlanProblem {
  let p = openPlans.get(dir);
  if (p === undefined) {
    p = loadPlan(dir);
    openPlans.set(dir, p);
    if (!reportRegistered && process.env["DFLOW_PLAN_STATS"] !== undefined) {
      reportRegistered = true;
      process.on("exit", () => process.stderr.write(`plan file: ${bytesRead} bytes read, ${bytesHashed} bytes hashed\n`));
    }
  }
  return p;
}

/** A checked plan header, with the text of `types.json` (its checksum checked). */
interface CheckedMeta {
  readonly meta: PlanMeta;
  readonly typesText: string;
}

/** `plan.json` and `types.json` in `dir` read and checked (shape and checksums), or what is wrong with them. */
function readCheckedMeta(dir: string): CheckedMeta | PlanProblem {
  if (!existsSync(dir)) return { kind: "absent", what: "the directory does not exist" };
  if (!existsSync(path.join(dir, "plan.json"))) return { kind: "absent", what: "it has no `plan.json`" };
  const metaText = readPart(dir, "plan.json");
  if (typeof metaText !== "string") return metaText;
  let meta: unknown;
  try {
    meta = JSON.parse(metaText);
  } catch {
    return { kind: "damaged", what: "`plan.json` is not valid JSON" };
  }
  if (!isObject(meta) || typeof meta["version"] !== "string") return { kind: "damaged", what: "`plan.json` does not name the dflow that wrote it" };
  if (meta["format"] !== 3) return { kind: "damaged", what: `it was written by dflow ${meta["version"]} in an older layout` };
  const checksums = meta["checksums"];
  if (!isObject(checksums) || !CHECKED_FILES.every((f) => typeof checksums[f] === "string"))
    return { kind: "damaged", what: `\`plan.json\` records no checksums of its files (written by dflow ${meta["version"]})` };
  const { self, ...rest } = meta;
  if (typeof self !== "string" || headerText(rest as Omit<PlanMeta, "self">).self !== self)
    return { kind: "damaged", what: "`plan.json` does not match its checksum" };
  if (typeof meta["out"] !== "string" || typeof meta["pipeline"] !== "string" || !Array.isArray(meta["deferred"]))
    return { kind: "damaged", what: "`plan.json` lacks its pipeline, output root or deferred stages" };
  const typesText = readPart(dir, "types.json");
  if (typeof typesText !== "string") return typesText;
  if (sha256(typesText) !== checksums["types.json"]) return mismatch("types.json");
  try {
    if (!isObject(JSON.parse(typesText))) return { kind: "damaged", what: "`types.json` is not an object" };
  } catch {
    return { kind: "damaged", what: "`types.json` is not valid JSON" };
  }
  return { meta: meta as unknown as PlanMeta, typesText };
}

const mismatch = (name: string): PlanProblem => ({ kind: "damaged", what: `\`${name}\` does not match the checksum \`plan.json\` records for it` });

/**
 * Checks the plan in `dir` before any task is read: every file present, the JSON parts of the
 * right shape, the binary parts as long as the stages' row counts and string tables imply.
 * Reads the JSON parts and a page per stage and table, not the rows themselves.
 */
export function checkPlan(dir: string): PlanProblem | undefined {
  const p = openPlan(dir);
  return p instanceof OpenPlan ? undefined : p;
}

/** Reads a plan file's header and types; throws {@link PlanUnreadableError} on an absent or damaged plan. */
export function readPlanMeta(dir: string): { meta: PlanMeta; types: Map<string, ProductTypeInfo> } {
  const checked = readCheckedMeta(dir);
  if (!("meta" in checked)) throw new PlanUnreadableError(dir, checked);
  const types = new Map(Object.entries(JSON.parse(checked.typesText) as Record<string, ProductTypeInfo>));
  return { meta: checked.meta, types };
}

/** Where an id points in a plan: a task's record, or why there is none. */
export type TaskLookup =
  | { readonly kind: "found"; readonly record: TaskRecord; readonly limits: StageLimits | undefined }
  /** No stage of that name in the plan: `stages` lists the plan's stages. */
  | { readonly kind: "unknown-stage"; readonly stage: string; readonly stages: readonly string[] }
  /** `stage:i` with `i` not below `count`. */
  | { readonly kind: "out-of-range"; readonly stage: string; readonly index: number; readonly count: number }
  /** `stage[…]` whose labels or values are no task of the stage; `labels` are the stage's. */
  | { readonly kind: "no-key"; readonly stage: string; readonly labels: readonly string[] }
  /** A stage past the frontier or one that only lists inputs: it has no task to run. */
  | { readonly kind: "not-run"; readonly stage: string }
  | { readonly kind: "malformed" }
  | { readonly kind: "unreadable"; readonly problem: PlanProblem };

/**
 * Finds one task's record by its id (`stage[grid=value,…]`, or `stage:i`, the stage's task `i`
 * as the Makefile names it), or says why there is none. A binary search over the stage's key
 * rows, then its row of input references, rendering the paths and producer ids from the
 * templates. Reads only a few pages.
 */
export function lookupTask(dir: string, id: string): TaskLookup {
  const p = openPlan(dir);
  if (!(p instanceof OpenPlan)) return { kind: "unreadable", problem: p };
  const m = /^([^[\]:]+)(?::(\d+)|\[(.*)\])?$/.exec(id);
  if (m === null) return { kind: "malformed" };
  const name = m[1]!;
  const stage = p.file.stages.find((s) => s.name === name);
  if (stage === undefined) return { kind: "unknown-stage", stage: name, stages: p.file.stages.map((s) => s.name) };
  if (m[2] !== undefined && Number(m[2]) >= stage.count) return { kind: "out-of-range", stage: name, index: Number(m[2]), count: stage.count };
  try {
    const at = p.find(id);
    if (at === undefined) return { kind: "no-key", stage: name, labels: stage.vars.map((v) => v.label) };
    const record = p.record(at.stage, at.i);
    return record === undefined ? { kind: "not-run", stage: name } : { kind: "found", record, limits: stage.limits };
  } catch (e) {
    // The sizes were checked on open; a row pointing outside them is damage the check could not see.
    if (e instanceof RangeError || e instanceof SyntaxError)
      return { kind: "unreadable", problem: { kind: "damaged", what: `the records of stage \`${name}\` point outside the files` } };
    throw e;
  }
}

/**
 * Finds one task's record by its id (see {@link lookupTask}); undefined when the plan has no such
 * task. Throws {@link PlanUnreadableError} on an absent or damaged plan.
 */
export function readTaskRecord(dir: string, id: string): TaskRecord | undefined {
  const r = lookupTask(dir, id);
  if (r.kind === "unreadable") throw new PlanUnreadableError(dir, r.problem);
  return r.kind === "found" ? r.record : undefined;
}

/**
 * The ids `dflow task` is given, with selectors expanded as every command reads them: an id of
 * a task (or `stage:i`) stays as it is; otherwise a selector (`stage[grid={a,b}]`, a range, a
 * stage variable's name) stands for the matching tasks of its stage, in plan order. A selector
 * naming a grid its stage lacks, or matching no task, is DF1011; grid attributes are not in a
 * plan file, so a constraint on one is DF1011 too. Anything else is left for the lookup to report.
 */
export function expandTaskSelectors(dir: string, ids: readonly string[], shown = dir): { value: string[]; diagnostics: Diagnostic[] } {
  const value: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const id of ids) {
    const p = openPlan(dir);
    const at = p instanceof OpenPlan ? lookupTask(dir, id) : undefined;
    const sel = at?.kind === "no-key" ? parseSelector(new SourceMap().add("task id", id)) : undefined;
    const stage = sel?.value !== undefined && p instanceof OpenPlan ? p.file.stages.find((s) => s.name === sel.value!.stage) : undefined;
    if (sel === undefined || sel.diagnostics.length > 0 || stage === undefined || !(p instanceof OpenPlan)) {
      value.push(id);
      continue;
    }
    const cs = sel.value!.constraints;
    const problem = cs.flatMap((c) => {
      const vi = constraintVar(stage.vars, c.path[0]!);
      if (vi < 0)
        return [
          diag("DF1011", `Stage \`${stage.name}\` has no grid or variable \`${c.path[0]}\`.`, undefined, {
            help:
              stage.vars.length > 0
                ? `its tasks are keyed by ${stage.vars.map((v) => `\`${v.label}\``).join(", ")}`
                : "the stage has one task: select it by its name alone",
          }),
        ];
      if (c.path.length > 1)
        return [
          diag("DF1011", `\`${c.path.join(".")}\` is an attribute, and an emitted plan keeps keys only.`, undefined, {
            help: `select by \`${stage.vars[vi]!.label}\``,
          }),
        ];
      return [];
    });
    const repeated = problem.length === 0 ? repeatedKey(stage.vars, sel.value!, id) : undefined;
    if (problem.length > 0 || repeated !== undefined) {
      diagnostics.push(problem[0] ?? repeated!);
      continue;
    }
    const vars = cs.map((c) => constraintVar(stage.vars, c.path[0]!));
    const before = value.length;
    try {
      for (let i = 0; i < stage.count; i++) {
        const keys = p.keysOf(stage, i);
        if (cs.every((c, n) => valueMatches(p.keyValue(stage.vars[vars[n]!]!.grid, keys[vars[n]!]!), c.value))) value.push(p.idOf(stage, keys));
      }
    } catch (e) {
      // Checksums make this unlikely; content that still does not parse is damage all the same (DF5013).
      if (!(e instanceof RangeError || e instanceof SyntaxError)) throw e;
      diagnostics.push(unreadablePlan(shown, { kind: "damaged", what: `the keys of stage \`${stage.name}\` do not parse` }));
      continue;
    }
    // An id of every key that names no task is the lookup's to report (DF5014); a selector's is DF1011.
    if (value.length === before && cs.length === stage.vars.length && cs.every((c) => c.value.kind === "atom")) value.push(id);
    else if (value.length === before) diagnostics.push(diag("DF1011", `No task of stage \`${stage.name}\` matches \`${id}\`.`, undefined));
  }
  return { value, diagnostics };
}
