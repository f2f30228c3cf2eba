import {
  conjuncts,
  kernelParams,
  programParams,
  resolveResources,
  type BoundExpr,
  type BoundInput,
  type BoundPipeline,
  type BoundRef,
  type BoundStage,
} from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { compileIndex, compileValue, varsIn, type IndexFn, type Scope, type Slot, type ValueFn } from "./compileExpr.js";
import type { PathRenderer } from "./paths.js";
import { keyIndex, type ResolvedGrid } from "./ResolvedGrid.js";
import type { ResolvedDomains } from "./resolveGrids.js";
import type { InstanceVisitor, StageTasks, TaskGraph } from "./TaskGraph.js";
import type { Value } from "./values.js";

/** Growable Int32Array. */
class IntBuf {
  data: Int32Array;
  length = 0;
  constructor(cap = 1024) {
    this.data = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  take(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Key index tuple → producing task, for one product. Dense when the key space is small enough. */
class ProducerIndex {
  readonly strides: number[];
  readonly dense: Int32Array | undefined;
  readonly sparse: Map<number, number> | undefined;
  constructor(dims: readonly number[]) {
    this.strides = new Array<number>(dims.length);
    let s = 1;
    for (let i = dims.length - 1; i >= 0; i--) {
      this.strides[i] = s;
      s *= Math.max(1, dims[i]!);
    }
    if (s <= 1 << 26) {
      this.dense = new Int32Array(s).fill(-1);
    } else this.sparse = new Map();
  }
  pack(keys: ArrayLike<number>): number {
    let p = 0;
    for (let i = 0; i < this.strides.length; i++) p += keys[i]! * this.strides[i]!;
    return p;
  }
  set(keys: ArrayLike<number>, task: number): void {
    const p = this.pack(keys);
    if (this.dense !== undefined) this.dense[p] = task;
    else this.sparse!.set(p, task);
  }
  get(keys: ArrayLike<number>): number {
    for (let i = 0; i < keys.length; i++) if (keys[i]! < 0) return -1;
    const p = this.pack(keys);
    return this.dense !== undefined ? (this.dense[p] ?? -1) : (this.sparse!.get(p) ?? -1);
  }
}

interface CompiledRef {
  readonly product: string;
  readonly axes: readonly ResolvedGrid[];
  readonly index: readonly IndexFn[];
  readonly tuple: Int32Array;
}

interface CompiledInput extends CompiledRef {
  readonly item: BoundInput;
  /** Enumerates the input's instances for the frame's stage variables (gather variables are filled in). */
  visit(f: Int32Array, cb: (tuple: Int32Array) => void): void;
}

interface CompiledStage {
  readonly stage: BoundStage;
  readonly vars: readonly { name: string; grid: ResolvedGrid }[];
  readonly frameSize: number;
  readonly inputs: readonly CompiledInput[];
  readonly outputs: readonly CompiledRef[];
}

/** The stages in topological order; ties keep declaration order, so the order never depends on hashing. */
export function stageOrder(pipeline: BoundPipeline): BoundStage[] {
  const stages = pipeline.stages;
  const pos = new Map(stages.map((s, i) => [s.name, i]));
  const deps = stages.map(() => new Set<number>());
  stages.forEach((s, i) => {
    for (const it of s.inputs) {
      const prod = pipeline.producers.get(it.ref.product);
      if (prod !== undefined && prod !== s.name) deps[i]!.add(pos.get(prod)!);
    }
  });
  const done = new Set<number>();
  const out: BoundStage[] = [];
  while (out.length < stages.length) {
    const next = stages.findIndex((_, i) => !done.has(i) && [...deps[i]!].every((d) => done.has(d)));
    if (next < 0) break; // a cycle: the checker has reported it
    done.add(next);
    out.push(stages[next]!);
  }
  return out;
}

/**
 * Expands every stage into tasks and edges. Stage `where` filters and gather filters are
 * split into conjuncts, each evaluated at the loop of the last variable it mentions; an
 * equality `x.attr == expr` (or `x == expr`) on a gathered grid variable becomes a hash-index
 * lookup, never a scan per task. Stages that need an unresolved grid or relation, or a
 * product of such a stage, are deferred (the frontier).
 */
export function expandStages(
  pipeline: BoundPipeline,
  domains: ResolvedDomains,
  params: ReadonlyMap<string, Value>,
  paths: ReadonlyMap<string, PathRenderer>,
  pathPrefixes: ReadonlyMap<string, string>,
): { value: TaskGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { grids, relations } = domains;
  const hashIndex = hashIndexCache();
  const producers = new Map<string, ProducerIndex>();
  const deferredProducts = new Map<string, string>();
  const stages: StageTasks[] = [];
  const compiled: (CompiledStage | undefined)[] = [];
  const edgeStart = new IntBuf(1 << 16);
  const edges = new IntBuf(1 << 16);
  let taskCount = 0;

  for (const stage of stageOrder(pipeline)) {
    const name = stage.name;
    const why = deferral(stage, pipeline, domains, deferredProducts);
    const vars = stage.vars.map((v) => ({ name: v.name, grid: v.grid }));
    // The kernel's params and the stage's resources, once per stage and plan: every task of the stage shares them.
    const report = (d: Diagnostic): void => void diagnostics.push(d);
    const kparams =
      stage.kernel !== undefined
        ? kernelParams(stage.kernel, stage.params, params, report)
        : stage.program !== undefined
          ? programParams(stage, params, report)
          : undefined;
    const resources = resolveResources(stage, params, report);
    if (why !== undefined) {
      stages.push({ name, stage, params: kparams, resources, vars, first: taskCount, count: 0, keys: vars.map(() => new Int32Array(0)), deferred: why });
      compiled.push(undefined);
      for (const it of stage.outputs) deferredProducts.set(it.ref.product, name);
      continue;
    }
    const candidates = vars.reduce((a, v) => a * (grids.get(v.grid)?.keys.length ?? 0), 1);
    if (candidates > 2 ** 31 - 1 - taskCount) {
      diagnostics.push(
        diag("DF4016", `Stage \`${name}\` spans ${candidates.toLocaleString("en-US")} combinations of its grids, more than dflow plans.`, stage.nameSpan, {
          label: "too many tasks",
        }),
      );
      stages.push({
        name,
        stage,
        params: kparams,
        resources,
        vars,
        first: taskCount,
        count: 0,
        keys: vars.map(() => new Int32Array(0)),
        deferred: "too many tasks",
      });
      compiled.push(undefined);
      continue;
    }
    const c = compileStage(stage, pipeline, grids, relations, params, hashIndex, (d) => diagnostics.push(d));
    compiled.push(c);
    const nv = c.vars.length;
    const keyBufs = c.vars.map(() => new IntBuf(1024));
    const f = new Int32Array(c.frameSize);
    const first = taskCount;
    // Output producer indexes are filled as tasks are made.
    const outIdx = c.outputs.map((o) => {
      const pi = new ProducerIndex(o.axes.map((g) => g.keys.length));
      producers.set(o.product, pi);
      return pi;
    });
    const { levels: levelConds, lookups } = splitByLevel(conjuncts(stage.where), c, nv, params, hashIndex);
    const missing = new Map<string, number>();
    const emit = (): void => {
      const t = taskCount++;
      for (let i = 0; i < nv; i++) keyBufs[i]!.push(f[i]!);
      c.outputs.forEach((o, i) => {
        for (let a = 0; a < o.index.length; a++) o.tuple[a] = o.index[a]!(f);
        outIdx[i]!.set(o.tuple, t);
      });
      edgeStart.push(edges.length);
      const startE = edges.length;
      for (const inp of c.inputs) {
        const pi = producers.get(inp.product);
        if (pi === undefined) continue; // a source
        const gathered = inp.item.gather !== undefined;
        inp.visit(f, (tuple) => {
          const p = pi.get(tuple);
          if (p >= 0) edges.push(p);
          else if (!gathered) missing.set(inp.product, (missing.get(inp.product) ?? 0) + 1);
        });
      }
      // Sort and deduplicate this task's producers (usually already ascending: then one pass).
      const d = edges.data;
      let sorted = true;
      for (let i = startE + 1; i < edges.length; i++)
        if (d[i - 1]! > d[i]!) {
          sorted = false;
          break;
        }
      if (!sorted) d.subarray(startE, edges.length).sort();
      let n = startE;
      for (let i = startE; i < edges.length; i++) if (n === startE || d[n - 1] !== d[i]) d[n++] = d[i]!;
      edges.length = n;
    };
    const loop = (level: number): void => {
      if (level === nv) {
        emit();
        return;
      }
      const conds = levelConds[level]!;
      const lk = lookups[level];
      if (lk !== undefined) {
        const list = lk.map.get(String(lk.fn(f))) ?? EMPTY_LIST;
        for (let j = 0; j < list.length; j++) {
          f[level] = list[j]!;
          let ok = true;
          for (const cond of conds)
            if (!cond(f)) {
              ok = false;
              break;
            }
          if (ok) loop(level + 1);
        }
        return;
      }
      const g = c.vars[level]!.grid;
      for (let k = 0; k < g.keys.length; k++) {
        f[level] = k;
        let ok = true;
        for (const cond of conds)
          if (!cond(f)) {
            ok = false;
            break;
          }
        if (ok) loop(level + 1);
      }
    };
    if (levelConds[nv]!.every((cnd) => cnd(f))) loop(0);
    for (const [product, n] of missing) {
      const ref = c.inputs.find((i) => i.product === product)!.item.ref;
      diagnostics.push(
        diag("DF4014", `${n} task${n === 1 ? "" : "s"} of stage \`${name}\` read an instance of \`${product}\` that no task produces.`, ref.span, {
          label: "never produced",
          help: "gather it (a gather skips instances that are not produced), or make the producer's filter include it",
        }),
      );
    }
    stages.push({ name, stage, params: kparams, resources, vars, first, count: taskCount - first, keys: keyBufs.map((b) => b.take()) });
  }
  edgeStart.push(edges.length);
  const graph = assembleGraph(stages, compiled, taskCount, edgeStart.take(), edges.take(), domains, params, paths, pathPrefixes);
  return { value: graph, diagnostics };
}

/** A memo of hash indexes (value → grid positions) over a grid's keys or one of its attributes. */
function hashIndexCache(): (grid: ResolvedGrid, attr: string | undefined) => Map<string, Int32Array> {
  const hashIndexes = new Map<string, Map<string, Int32Array>>();
  return (grid, attr) => {
    const key = grid.name + "\0" + (attr ?? "");
    let m = hashIndexes.get(key);
    if (m !== undefined) return m;
    const lists = new Map<string, number[]>();
    const vals = attr === undefined ? grid.keys : grid.attributes.get(attr)!.values;
    vals.forEach((v, i) => {
      const k = String(v);
      let l = lists.get(k);
      if (l === undefined) lists.set(k, (l = []));
      l.push(i);
    });
    m = new Map([...lists].map(([k, l]) => [k, Int32Array.from(l)]));
    hashIndexes.set(key, m);
    return m;
  };
}

/**
 * The task graph over the expanded stages: CSR edges, and each task's stage, inputs and outputs
 * recomputed from its keys (a binary search over the stages' first tasks, then the compiled refs).
 */
function assembleGraph(
  stages: readonly StageTasks[],
  compiled: readonly (CompiledStage | undefined)[],
  taskCount: number,
  edgeStart: Int32Array,
  edges: Int32Array,
  domains: ResolvedDomains,
  params: ReadonlyMap<string, Value>,
  paths: ReadonlyMap<string, PathRenderer>,
  pathPrefixes: ReadonlyMap<string, string>,
): TaskGraph {
  const nonEmpty = stages.map((s, i) => ({ first: s.first, i, count: s.count })).filter((s) => s.count > 0);
  const stageIndexOf = (t: number): number => {
    let lo = 0;
    let hi = nonEmpty.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (nonEmpty[mid]!.first <= t) lo = mid;
      else hi = mid - 1;
    }
    return nonEmpty[lo]?.i ?? 0;
  };
  const frameFor = (si: number, t: number): Int32Array => {
    const st = stages[si]!;
    const f = new Int32Array(compiled[si]!.frameSize);
    for (let i = 0; i < st.keys.length; i++) f[i] = st.keys[i]![t - st.first]!;
    return f;
  };
  return {
    stages,
    taskCount,
    edgeStart,
    edges,
    grids: domains.grids,
    frontier: domains.frontier,
    relations: domains.relations,
    params,
    paths,
    pathPrefixes,
    stageOf: (t) => stages[stageIndexOf(t)]!,
    inputsOf(t, visit: InstanceVisitor) {
      const si = stageIndexOf(t);
      const c = compiled[si]!;
      const f = frameFor(si, t);
      c.inputs.forEach((inp, item) => inp.visit(f, (tuple) => visit(inp.product, tuple, item)));
    },
    outputsOf(t, visit: InstanceVisitor) {
      const si = stageIndexOf(t);
      const c = compiled[si]!;
      const f = frameFor(si, t);
      c.outputs.forEach((o, item) => {
        const tuple = new Int32Array(o.index.length);
        for (let a = 0; a < o.index.length; a++) tuple[a] = o.index[a]!(f);
        visit(o.product, tuple, item);
      });
    },
  };
}

/** Why a stage cannot be planned yet, or undefined. */
function deferral(stage: BoundStage, pipeline: BoundPipeline, d: ResolvedDomains, deferredProducts: ReadonlyMap<string, string>): string | undefined {
  for (const v of stage.vars) {
    const fg = d.frontier.get(v.grid);
    if (fg !== undefined) return `grid \`${fg.name}\` waits for ${fg.waitsFor}`;
    if (!d.grids.has(v.grid)) return `grid \`${v.grid}\` is not resolved`;
  }
  // Ports in source order, as the stage's items were written.
  const ports: (BoundInput | { readonly ref: BoundRef; readonly span: BoundRef["span"]; readonly gather?: undefined; readonly output: true })[] = [
    ...stage.inputs,
    ...stage.outputs.map((o) => ({ ref: o.ref, span: o.span, output: true as const })),
  ];
  ports.sort((a, b) => a.span.start - b.span.start);
  for (const it of ports) {
    const product = pipeline.products.get(it.ref.product);
    for (const a of product?.axes ?? []) {
      if (!d.grids.has(a)) return `grid \`${a}\` waits for ${d.frontier.get(a)?.waitsFor ?? "its data"}`;
    }
    if ("output" in it) continue;
    const up = deferredProducts.get(it.ref.product);
    if (up !== undefined) return `input \`${it.ref.product}\` comes from deferred stage \`${up}\``;
    for (const c of it.gather?.clauses ?? []) {
      if (c.args !== undefined && !d.relations.has(c.source)) return `relation \`${c.source}\` waits for ${d.pendingRelations.get(c.source) ?? "its data"}`;
      if (c.args === undefined && !d.grids.has(c.source)) return `grid \`${c.source}\` waits for ${d.frontier.get(c.source)?.waitsFor ?? "its data"}`;
    }
  }
  return undefined;
}

type Cond = (f: Int32Array) => boolean;

/**
 * Places each conjunct at the loop level of the last stage variable it mentions (level `nv`:
 * no variable, checked once). At each level, one equality `v.attr == expr` or `v == expr`,
 * with `expr` over earlier variables only, becomes a hash-index lookup instead of a filter.
 */
function splitByLevel(
  conds: readonly BoundExpr[],
  c: CompiledStage,
  nv: number,
  params: ReadonlyMap<string, Value>,
  hashIndex: (g: ResolvedGrid, attr: string | undefined) => Map<string, Int32Array>,
): { levels: Cond[][]; lookups: ({ fn: ValueFn; map: Map<string, Int32Array> } | undefined)[] } {
  const vars = new Map<string, Slot>(c.vars.map((v, i) => [v.name, { slot: i, grid: v.grid }]));
  const scope: Scope = { vars, params };
  const levels: Cond[][] = Array.from({ length: nv + 1 }, () => []);
  const lookups: ({ fn: ValueFn; map: Map<string, Int32Array> } | undefined)[] = Array.from({ length: nv }, () => undefined);
  for (const e of conds) {
    const used = [...varsIn(e, vars)].map((n) => vars.get(n)!.slot);
    const level = used.length === 0 ? nv : Math.max(...used);
    if (level < nv && lookups[level] === undefined && e.kind === "binary" && e.op === "==") {
      const me = c.vars[level]!;
      const side = (x: BoundExpr): string | undefined | null => {
        if (x.kind === "name" && vars.get(x.name)?.slot === level) return undefined;
        if (x.kind === "member" && x.object.kind === "name" && vars.get(x.object.name)?.slot === level && me.grid.attributes.has(x.property)) return x.property;
        return null;
      };
      const earlier = (x: BoundExpr): boolean => [...varsIn(x, vars)].every((n) => vars.get(n)!.slot < level);
      for (const [a, b] of [
        [e.left, e.right],
        [e.right, e.left],
      ] as const) {
        const s = side(a);
        if (s !== null && earlier(b)) {
          lookups[level] = { fn: compileValue(b, scope), map: hashIndex(me.grid, s) };
          break;
        }
      }
      if (lookups[level] !== undefined) continue;
    }
    const fn = compileValue(e, scope);
    levels[level]!.push((f) => Boolean(fn(f)));
  }
  return { levels, lookups };
}

const EMPTY_LIST = new Int32Array(0);

function compileStage(
  stage: BoundStage,
  pipeline: BoundPipeline,
  grids: ReadonlyMap<string, ResolvedGrid>,
  relations: ResolvedDomains["relations"],
  params: ReadonlyMap<string, Value>,
  hashIndex: (g: ResolvedGrid, attr: string | undefined) => Map<string, Int32Array>,
  report: (d: Diagnostic) => void,
): CompiledStage {
  const vars = stage.vars.map((v) => ({ name: v.name, grid: grids.get(v.grid)! }));
  const stageSlots = new Map<string, Slot>(vars.map((v, i) => [v.name, { slot: i, grid: v.grid }]));
  let frameSize = vars.length;
  const compileRef = (ref: BoundRef, s: Scope): CompiledRef => {
    const product = pipeline.products.get(ref.product)!;
    const axes = product.axes.map((a) => grids.get(a)!);
    ref.indices.forEach((e, i) => {
      const lit = e.kind === "value" ? e.value : e.kind === "name" && !s.vars.has(e.name) ? (params.get(e.name) ?? e.name) : undefined;
      if (lit !== undefined && typeof lit !== "boolean" && keyIndex(axes[i]!, lit) < 0) {
        report(
          diag("DF4017", `${JSON.stringify(lit)} is not a key of grid \`${axes[i]!.name}\`, so \`${product.name}\` has no such instance.`, e.span, {
            label: "not a key",
          }),
        );
      }
    });
    return { product: product.name, axes, index: ref.indices.map((e, i) => compileIndex(e, axes[i]!, s)), tuple: new Int32Array(axes.length) };
  };
  const inputs: CompiledInput[] = [];
  for (const it of stage.inputs) {
    if (it.gather === undefined) {
      const r = compileRef(it.ref, { vars: stageSlots, params });
      inputs.push({
        ...r,
        item: it,
        visit(f, cb) {
          for (let a = 0; a < r.index.length; a++) r.tuple[a] = r.index[a]!(f);
          cb(r.tuple);
        },
      });
      continue;
    }
    // Gather: bind each clause's variables to frame slots after the stage's.
    const slots = new Map(stageSlots);
    type Clause = { vars: Slot[]; grid?: ResolvedGrid; relation?: { targets(from: ArrayLike<number>): Int32Array }; args?: IndexFn[]; width: number };
    const clauses: Clause[] = [];
    for (const cl of it.gather.clauses) {
      const rel = cl.args !== undefined ? relations.get(cl.source) : undefined;
      if (rel !== undefined) {
        const vs = cl.vars.map((v, i) => {
          const s: Slot = { slot: frameSize++, grid: grids.get(rel.to[i]!)! };
          slots.set(v, s);
          return s;
        });
        const argScope: Scope = { vars: new Map(slots), params };
        clauses.push({ vars: vs, relation: rel, args: cl.args!.map((a, i) => compileIndex(a, grids.get(rel.from[i]!)!, argScope)), width: rel.to.length });
      } else {
        const g = grids.get(cl.source)!;
        const s: Slot = { slot: frameSize++, grid: g };
        slots.set(cl.vars[0]!, s);
        clauses.push({ vars: [s], grid: g, width: 1 });
      }
    }
    const scopeAll: Scope = { vars: slots, params };
    const r = compileRef(it.ref, scopeAll);
    // Where conjuncts: a hash lookup for `x.attr == expr` / `x == expr` on a grid clause, else a filter at the clause's level.
    const clauseOfSlot = (slot: number): number => clauses.findIndex((c) => c.vars.some((v) => v.slot === slot));
    const lookups: ({ fn: ValueFn; map: Map<string, Int32Array> } | undefined)[] = clauses.map(() => undefined);
    const filters: Cond[][] = clauses.map(() => []);
    const pre: Cond[] = [];
    for (const e of conjuncts(it.gather.where)) {
      const used = [...varsIn(e, slots)].map((n) => slots.get(n)!.slot).filter((s) => s >= vars.length);
      const level = used.length === 0 ? -1 : Math.max(...used.map(clauseOfSlot));
      if (level >= 0 && lookups[level] === undefined && clauses[level]!.grid !== undefined && e.kind === "binary" && e.op === "==") {
        const me = clauses[level]!.vars[0]!;
        const side = (x: BoundExpr): string | undefined | null => {
          // undefined: `x` itself; a string: `x.attr`; null: not this variable.
          if (x.kind === "name" && slots.get(x.name)?.slot === me.slot) return undefined;
          if (x.kind === "member" && x.object.kind === "name" && slots.get(x.object.name)?.slot === me.slot && me.grid.attributes.has(x.property))
            return x.property;
          return null;
        };
        const other = (x: BoundExpr): boolean => [...varsIn(x, slots)].every((n) => clauseOfSlot(slots.get(n)!.slot) < level);
        for (const [a, b] of [
          [e.left, e.right],
          [e.right, e.left],
        ] as const) {
          const s = side(a);
          if (s !== null && other(b)) {
            lookups[level] = { fn: compileValue(b, scopeAll), map: hashIndex(me.grid, s) };
            break;
          }
        }
        if (lookups[level] !== undefined) continue;
      }
      const fn = compileValue(e, scopeAll);
      (level < 0 ? pre : filters[level]!).push((f) => Boolean(fn(f)));
    }
    const n = clauses.length;
    const EMPTY = new Int32Array(0);
    inputs.push({
      ...r,
      item: it,
      visit(f, cb) {
        for (const p of pre) if (!p(f)) return;
        const level = (i: number): void => {
          if (i === n) {
            for (let a = 0; a < r.index.length; a++) r.tuple[a] = r.index[a]!(f);
            cb(r.tuple);
            return;
          }
          const cl = clauses[i]!;
          const conds = filters[i]!;
          if (cl.relation !== undefined) {
            const from = cl.args!.map((a) => a(f));
            const t = cl.relation.targets(from);
            for (let j = 0; j < t.length; j += cl.width) {
              for (let m = 0; m < cl.width; m++) f[cl.vars[m]!.slot] = t[j + m]!;
              let ok = true;
              for (const c of conds)
                if (!c(f)) {
                  ok = false;
                  break;
                }
              if (ok) level(i + 1);
            }
            return;
          }
          const slot = cl.vars[0]!.slot;
          const lk = lookups[i];
          if (lk !== undefined) {
            const list = lk.map.get(String(lk.fn(f))) ?? EMPTY;
            for (let j = 0; j < list.length; j++) {
              f[slot] = list[j]!;
              let ok = true;
              for (const c of conds)
                if (!c(f)) {
                  ok = false;
                  break;
                }
              if (ok) level(i + 1);
            }
            return;
          }
          const nk = cl.grid!.keys.length;
          for (let k = 0; k < nk; k++) {
            f[slot] = k;
            let ok = true;
            for (const c of conds)
              if (!c(f)) {
                ok = false;
                break;
              }
            if (ok) level(i + 1);
          }
        };
        level(0);
      },
    });
  }
  const outputs = stage.outputs.map((o) => compileRef(o.ref, { vars: stageSlots, params }));
  return { stage, vars, frameSize, inputs, outputs };
}
