import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { AtomicFile, writeFileAtomic } from "../util/writeFileAtomic.js";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import type { ProductTypeInfo } from "../kernels/index.js";
import { taskId, type Plan } from "../plan/index.js";
import { DFLOW_VERSION } from "../version.js";
import { RecordBuilder } from "./buildRecord.js";
import type { TaskRecord } from "./executeTask.js";

/** The plan file's header: what it was planned from and where products go. */
export interface PlanMeta {
  readonly version: string;
  readonly pipeline: string;
  readonly out: string;
  readonly profile: string | null;
  readonly tasks: number;
  /** Stages past the frontier, not in this plan. */
  readonly deferred: readonly string[];
}

/** What every task of a stage shares, written once in `stages.json`. */
interface StageHeader {
  readonly stage: string;
  readonly kernel: string;
  readonly module: string;
  readonly exportName: string;
  readonly closure: string;
  readonly seed: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly { readonly port: string; readonly form: "single" | "array" | "stream"; readonly type: string }[];
  readonly outputs: readonly { readonly port: string; readonly type: string }[];
}

/** One line of `tasks.jsonl`: the stage's number, id, key, input items (`[path]` or `[path, producer id]`) per port, output paths. */
interface TaskLine {
  readonly s: number;
  readonly id: string;
  readonly key: TaskRecord["key"];
  readonly in: readonly (readonly (readonly [string] | readonly [string, string])[])[];
  readonly out: readonly string[];
}

/**
 * Writes the indexed plan of DESIGN §2.1 under `dir`: `plan.json` (header), `types.json` (the
 * product types its tasks use), `stages.json` (what every task of a stage shares: kernel,
 * closure hash, params, seed, ports), `tasks.jsonl` (one line per task: id, key, input and
 * output paths, streamed) and `tasks.idx` (`id TAB offset TAB length`, sorted by id) so
 * `dflow task` reads only the records it runs. Lines are serialised straight from the task
 * graph, so the file is written at the speed of its bytes.
 */
export function writePlanFile(pipeline: BoundPipeline, plan: Plan, dir: string): { tasks: number; missingKernels: string[] } {
  const index = pipeline.index!;
  const builder = new RecordBuilder(pipeline);
  const g = plan.graph;
  // Not fsync'd: a plan file lost in a power cut is emitted again.
  const jsonl = new AtomicFile(path.join(dir, "tasks.jsonl"), { fsync: false });
  const ids: string[] = [];
  const offsets: number[] = [];
  const lengths: number[] = [];
  const usedTypes = new Set<string>();
  const missing = new Set<string>();
  const headers: StageHeader[] = [];
  let offset = 0;
  let buf: string[] = [];
  let bufLen = 0;
  const flush = (): void => {
    if (buf.length > 0) jsonl.write(buf.join(""));
    buf = [];
    bufLen = 0;
  };
  const q = JSON.stringify;
  const idOf: (string | undefined)[] = new Array<string | undefined>(g.taskCount);
  try {
    for (const s of g.stages) {
      if (s.count === 0 || s.deferred !== undefined) continue;
      const first = builder.record(g, s.first);
      if (first === undefined) {
        missing.add(s.name);
        continue;
      }
      const si = headers.length;
      headers.push({
        stage: first.stage,
        kernel: first.kernel,
        module: first.module,
        exportName: first.exportName,
        closure: first.closure,
        seed: first.seed,
        params: first.params,
        inputs: first.inputs.map((i, n) => ({ port: i.port, form: i.form, type: i.items[0]?.type ?? s.stage.inputs[n]!.typeName })),
        outputs: first.outputs.map((o) => ({ port: o.port, type: o.type })),
      });
      for (const i of headers[si]!.inputs) usedTypes.add(i.type);
      for (const o of headers[si]!.outputs) usedTypes.add(o.type);
      const grids = s.vars.map((v) => g.grids.get(v.grid)!);
      const keyNames = s.vars.map((v) => q(v.grid));
      const nIn = headers[si]!.inputs.length;
      // Producers by product and key tuple (cheaper than by rendered path); ids of earlier tasks are kept.
      const producers = new Map<string, number>();
      for (let t = s.first; t < s.first + s.count; t++) {
        producers.clear();
        for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
          const p = g.edges[e]!;
          g.outputsOf(p, (product, keys) => producers.set(product + "\0" + keys.join(","), p));
        }
        const id = taskId(g, t);
        idOf[t] = id;
        let key = "{";
        for (let v = 0; v < grids.length; v++) key += (v > 0 ? "," : "") + keyNames[v] + ":" + q(grids[v]!.keys[s.keys[v]![t - s.first]!]);
        key += "}";
        const ins: string[][] = Array.from({ length: nIn }, () => []);
        g.inputsOf(t, (product, keys, item) => {
          const p = g.paths.get(product)!(keys);
          const producer = producers.size > 0 ? producers.get(product + "\0" + keys.join(",")) : undefined;
          ins[item]!.push(producer !== undefined ? `[${q(p)},${q(idOf[producer] ?? taskId(g, producer))}]` : `[${q(p)}]`);
        });
        const outs: string[] = [];
        g.outputsOf(t, (product, keys) => outs.push(q(g.paths.get(product)!(keys))));
        const line = `{"s":${si},"id":${q(id)},"key":${key},"in":[${ins.map((x) => `[${x.join(",")}]`).join(",")}],"out":[${outs.join(",")}]}\n`;
        const length = Buffer.byteLength(line);
        ids.push(id);
        offsets.push(offset);
        lengths.push(length);
        offset += length;
        buf.push(line);
        bufLen += length;
        if (bufLen > 1 << 20) flush();
      }
    }
    flush();
  } catch (e) {
    jsonl.abort();
    throw e;
  }
  jsonl.commit();
  const order = Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  writeFileAtomic(
    path.join(dir, "tasks.idx"),
    (function* () {
      for (const i of order) yield `${ids[i]}\t${offsets[i]}\t${lengths[i]}\n`;
    })(),
    { fsync: false },
  );
  writeFileAtomic(path.join(dir, "stages.json"), JSON.stringify(headers) + "\n", { fsync: false });
  const types: Record<string, ProductTypeInfo> = {};
  for (const t of index.types) if (usedTypes.has(t.name)) types[t.name] = t;
  writeFileAtomic(path.join(dir, "types.json"), JSON.stringify(types) + "\n", { fsync: false });
  const meta: PlanMeta = {
    version: DFLOW_VERSION,
    pipeline: pipeline.name,
    out: plan.out,
    profile: plan.profile ?? null,
    tasks: ids.length,
    deferred: g.stages.filter((s) => s.deferred !== undefined).map((s) => `${s.name}: ${s.deferred}`),
  };
  writeFileAtomic(path.join(dir, "plan.json"), JSON.stringify(meta, null, 2) + "\n", { fsync: false });
  return { tasks: ids.length, missingKernels: [...missing] };
}

/** A task record from its line and its stage's header. */
function toRecord(line: TaskLine, h: StageHeader): TaskRecord {
  return {
    id: line.id,
    stage: h.stage,
    kernel: h.kernel,
    module: h.module,
    exportName: h.exportName,
    closure: h.closure,
    key: line.key,
    seed: h.seed,
    params: h.params,
    inputs: h.inputs.map((i, n) => ({ port: i.port, form: i.form, items: (line.in[n] ?? []).map((it) => (it.length === 2 ? { path: it[0], type: i.type, producer: it[1] } : { path: it[0], type: i.type })) })),
    outputs: h.outputs.map((o, n) => ({ port: o.port, path: line.out[n]!, type: o.type })),
  };
}

const stageHeaders = new Map<string, StageHeader[]>();

/** Reads a plan file's header and types. */
export function readPlanMeta(dir: string): { meta: PlanMeta; types: Map<string, ProductTypeInfo> } {
  const meta = JSON.parse(readFileSync(path.join(dir, "plan.json"), "utf8")) as PlanMeta;
  const types = new Map(Object.entries(JSON.parse(readFileSync(path.join(dir, "types.json"), "utf8")) as Record<string, ProductTypeInfo>));
  return { meta, types };
}

/** Finds one task's record by binary search over the sorted index, reading only a few small pieces of the files. */
export function readTaskRecord(dir: string, id: string): TaskRecord | undefined {
  const idx = openSync(path.join(dir, "tasks.idx"), "r");
  try {
    const size = fstatSync(idx).size;
    let lo = 0;
    let hi = size;
    // Invariant: the line holding `id`, if any, starts in [lo, hi).
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const start = lineStartAtOrAfter(idx, mid, lo);
      if (start >= hi) {
        hi = mid;
        continue;
      }
      const line = readLine(idx, start);
      const [key, off, len] = line.split("\t");
      if (key === id) {
        const buf = Buffer.alloc(Number(len));
        const fd = openSync(path.join(dir, "tasks.jsonl"), "r");
        try {
          readSync(fd, buf, 0, buf.length, Number(off));
        } finally {
          closeSync(fd);
        }
        let headers = stageHeaders.get(dir);
        if (headers === undefined) {
          headers = JSON.parse(readFileSync(path.join(dir, "stages.json"), "utf8")) as StageHeader[];
          stageHeaders.set(dir, headers);
        }
        const line = JSON.parse(buf.toString("utf8")) as TaskLine;
        return toRecord(line, headers[line.s]!);
      }
      if (key! < id) lo = start + Buffer.byteLength(line) + 1;
      else hi = start;
    }
    return undefined;
  } finally {
    closeSync(idx);
  }
}

/** The offset of the first line that starts at or after `pos` (a line starts at `floor` or after a newline). */
function lineStartAtOrAfter(fd: number, pos: number, floor: number): number {
  if (pos <= floor) return floor;
  const buf = Buffer.alloc(256);
  let p = pos - 1;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, p);
    if (n === 0) return Number.MAX_SAFE_INTEGER;
    const i = buf.subarray(0, n).indexOf(10);
    if (i >= 0) return p + i + 1;
    p += n;
  }
}

function readLine(fd: number, start: number): string {
  const parts: Buffer[] = [];
  const buf = Buffer.alloc(512);
  let p = start;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, p);
    if (n === 0) break;
    const i = buf.subarray(0, n).indexOf(10);
    if (i >= 0) {
      parts.push(Buffer.from(buf.subarray(0, i)));
      break;
    }
    parts.push(Buffer.from(buf.subarray(0, n)));
    p += n;
  }
  return Buffer.concat(parts).toString("utf8");
}
