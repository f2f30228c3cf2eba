import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { CheckedProgram } from "../check/index.js";
import type { ProductTypeInfo } from "../kernels/index.js";
import type { Plan } from "../plan/index.js";
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

/**
 * Writes the indexed plan of DESIGN §2.1 under `dir`: `plan.json` (header), `types.json` (the
 * product types its tasks use), `tasks.jsonl` (one record per task, streamed) and `tasks.idx`
 * (`id TAB offset TAB length`, sorted by id) so `dflow task` reads only the records it runs.
 */
export function writePlanFile(checked: CheckedProgram, plan: Plan, dir: string): { tasks: number; missingKernels: string[] } {
  const index = checked.index!;
  const builder = new RecordBuilder(checked, index);
  const g = plan.graph;
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `tasks.jsonl.tmp-${process.pid}`);
  const fd = openSync(tmp, "w");
  const entries: { id: string; offset: number; length: number }[] = [];
  const usedTypes = new Set<string>();
  const missing = new Set<string>();
  let offset = 0;
  let buf: string[] = [];
  let bufLen = 0;
  const flush = (): void => {
    if (buf.length > 0) writeSync(fd, buf.join(""));
    buf = [];
    bufLen = 0;
  };
  try {
    for (let t = 0; t < g.taskCount; t++) {
      const r = builder.record(g, t);
      if (r === undefined) {
        missing.add(g.stageOf(t).name);
        continue;
      }
      for (const i of r.inputs) for (const it of i.items) usedTypes.add(it.type);
      for (const o of r.outputs) usedTypes.add(o.type);
      const line = JSON.stringify(r) + "\n";
      const length = Buffer.byteLength(line);
      entries.push({ id: r.id, offset, length });
      offset += length;
      buf.push(line);
      bufLen += length;
      if (bufLen > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path.join(dir, "tasks.jsonl"));
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeFileSync(path.join(dir, "tasks.idx"), entries.map((e) => `${e.id}\t${e.offset}\t${e.length}\n`).join(""));
  const types: Record<string, ProductTypeInfo> = {};
  for (const t of index.types) if (usedTypes.has(t.name)) types[t.name] = t;
  writeFileSync(path.join(dir, "types.json"), JSON.stringify(types) + "\n");
  const meta: PlanMeta = {
    version: DFLOW_VERSION,
    pipeline: checked.ast.pipeline?.name.value ?? "",
    out: plan.out,
    profile: plan.profile ?? null,
    tasks: entries.length,
    deferred: g.stages.filter((s) => s.deferred !== undefined).map((s) => `${s.name}: ${s.deferred}`),
  };
  writeFileSync(path.join(dir, "plan.json"), JSON.stringify(meta, null, 2) + "\n");
  return { tasks: entries.length, missingKernels: [...missing] };
}

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
        return JSON.parse(buf.toString("utf8")) as TaskRecord;
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
