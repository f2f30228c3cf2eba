import path from "node:path";
import type { BoundAttribute, BoundDomain, BoundGrid, BoundName, BoundPipeline, BoundProduct, BoundRelation, BoundVar } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { Span } from "../util/Span.js";
import { suggest } from "../util/suggest.js";
import { displayPath } from "../diag/SourceMap.js";
import { compilePath, SAFE_KEY } from "./paths.js";
import { readPlanTable, type PlanTable } from "./readTable.js";
import { keyIndex, makeGrid, sortKeys, type FrontierGrid, type ResolvedAttribute, type ResolvedGrid } from "./ResolvedGrid.js";
import { evalConst, type Value } from "./values.js";

/** Grids and relations computed by their kernels (by the executor, once their inputs exist). */
export interface ComputedDomains {
  readonly grids?: ReadonlyMap<string, readonly Value[]>;
  /** Pairs as key tuples: the relation's source keys, then its target keys. */
  readonly relations?: ReadonlyMap<string, readonly (readonly Value[])[]>;
}

/** A relation with its pairs known, indexed by its source keys. */
export interface ResolvedRelation {
  readonly name: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** The target key-index tuples of a source key-index tuple, flattened (`to.length` per pair), in natural order. */
  targets(from: ArrayLike<number>): Int32Array;
}

/** Grids and relations as far as they can be resolved before anything runs. */
export interface ResolvedDomains {
  readonly grids: Map<string, ResolvedGrid>;
  readonly frontier: Map<string, FrontierGrid>;
  readonly relations: Map<string, ResolvedRelation>;
  /** Relations not resolved yet, with what they wait for. */
  readonly pendingRelations: Map<string, string>;
}

const EMPTY = new Int32Array(0);

/** The most keys one grid may have (a JavaScript Map holds at most 2^24 entries). */
export const MAX_GRID = 16_000_000;

/**
 * Resolves every grid and relation that can be resolved now: literal ranges and sets (with
 * params), columns of products found on disk under `root`. A column of a product a stage has
 * not written yet, or a grid or relation computed by a kernel, is left on the frontier (with
 * its envelope's size when it has one). Bad data is a DF4xxx naming the file, row and column:
 * a duplicate in a key column (DF4002), a missing file or column (DF4003, DF4004), a key that
 * is not path-safe (DF4006), a relation past its fan-out bound (DF4007), an attribute with two
 * values for one key (DF4008), a relation row naming a key its grid does not have (DF4012).
 *
 * Phases: grids (literal, computed, column) in declaration order, then attributes that hold
 * another grid's keys are indexed, then relations.
 */
export function resolveDomains(
  pipeline: BoundPipeline,
  params: ReadonlyMap<string, Value>,
  root: string,
  computed: ComputedDomains = {},
  intact?: (file: string, producer: string) => boolean,
): { value: ResolvedDomains; diagnostics: Diagnostic[] } {
  const cx = domainContext(pipeline, params, root, computed, intact);
  for (const g of pipeline.grids) resolveGrid(cx, g);
  indexGridAttributes(cx.grids);
  for (const r of pipeline.relations) resolveRelation(cx, r);
  const { grids, frontier, relations, pendingRelations } = cx;
  return { value: { grids, frontier, relations, pendingRelations }, diagnostics: cx.diagnostics };
}

/** What the phases of {@link resolveDomains} share: inputs, results so far, and the table reader. */
interface DomainContext {
  readonly pipeline: BoundPipeline;
  readonly params: ReadonlyMap<string, Value>;
  readonly computed: ComputedDomains;
  readonly diagnostics: Diagnostic[];
  readonly grids: Map<string, ResolvedGrid>;
  readonly frontier: Map<string, FrontierGrid>;
  readonly relations: Map<string, ResolvedRelation>;
  readonly pendingRelations: Map<string, string>;
  /** Reads a table product's columns; `null` when it is not on disk yet but will be made; `undefined` after an error. */
  table(product: BoundName, columns: readonly BoundName[], use: string): PlanTable | null | undefined;
  /** Whether `v` is a path-safe key (DF4006 otherwise). */
  checkKey(v: Value, where: string, span: Span): boolean;
}

function domainContext(
  pipeline: BoundPipeline,
  params: ReadonlyMap<string, Value>,
  root: string,
  computed: ComputedDomains,
  intact: ((file: string, producer: string) => boolean) | undefined,
): DomainContext {
  const diagnostics: Diagnostic[] = [];
  const grids = new Map<string, ResolvedGrid>();
  const tables = new Map<string, PlanTable | null | undefined>();
  // A missing source read for several grids (different columns) is reported once.
  const missingReported = new Set<string>();
  const tablePath = (product: BoundProduct): string | undefined => {
    if (!product.explicitPath || product.axes.length > 0) return undefined;
    return path.join(root, compilePath(product.template, [], grids, params)([]));
  };
  const table = (productName: BoundName, columns: readonly BoundName[], use: string): PlanTable | null | undefined => {
    const product = pipeline.products.get(productName.name);
    if (product === undefined) return undefined;
    const p = tablePath(product);
    if (p === undefined) {
      diagnostics.push(diag("DF4003", `${use} reads \`${product.name}\`, which is not a single table file (it has axes or no path).`, productName.span));
      return undefined;
    }
    const key = p + "\0" + columns.map((c) => c.name).join(",");
    if (tables.has(key)) return tables.get(key);
    // A product changed on disk since its producer wrote it is read once its producer has run again.
    const producer = pipeline.producers.get(product.name);
    if (producer !== undefined && intact !== undefined && !intact(p, producer)) {
      tables.set(key, null);
      return null;
    }
    const r = readPlanTable(
      p,
      columns.map((c) => c.name),
    );
    const shown = displayPath(p, process.cwd());
    let out: PlanTable | null | undefined;
    if (r.table !== undefined) out = { ...r.table, path: shown };
    else if (r.problem?.kind === "missing") {
      if (pipeline.producers.has(product.name)) out = null;
      else if (missingReported.has(p)) out = undefined;
      else {
        missingReported.add(p);
        diagnostics.push(
          diag("DF4004", `Source product \`${product.name}\` is missing: \`${shown}\` does not exist.`, product.pathSpan, {
            label: "read from here",
            help: "create the file, or point `--out` at the directory that holds the sources",
          }),
        );
        out = undefined;
      }
    } else if (r.problem?.kind === "column") {
      const c = columns.find((x) => x.name === (r.problem as { column: string }).column)!;
      diagnostics.push(
        diag("DF4003", `\`${shown}\` has no column \`${c.name}\`.`, c.span, { label: "missing column", suggestions: suggest(c.name, r.problem.available) }),
      );
      out = undefined;
    } else {
      diagnostics.push(diag("DF4003", `\`${shown}\` cannot be read: ${(r.problem as { message: string }).message}`, productName.span));
      out = undefined;
    }
    tables.set(key, out);
    return out;
  };
  const checkKey = (v: Value, where: string, span: Span): boolean => {
    if (typeof v === "number" || (typeof v === "string" && SAFE_KEY.test(v))) return true;
    diagnostics.push(
      diag("DF4006", `${where} holds the key ${JSON.stringify(v)}, which is not safe in a path, a task id or a shell script.`, span, {
        label: "unsafe key",
        help: "keys are numbers or words of letters, digits, `_`, `.`, `+` and `-` (not starting with `.` or `-`)",
      }),
    );
    return false;
  };
  return { pipeline, params, computed, diagnostics, grids, frontier: new Map(), relations: new Map(), pendingRelations: new Map(), table, checkKey };
}

/** The size of a grid's envelope, when it has a literal one. */
function envelopeSize(g: BoundGrid, params: ReadonlyMap<string, Value>): number | undefined {
  const e = g.envelope;
  if (e?.kind === "range") {
    const lo = evalConst(e.lo, params);
    const hi = evalConst(e.hi, params);
    return typeof lo === "number" && typeof hi === "number" ? Math.max(0, hi - lo + 1) : undefined;
  }
  if (e?.kind === "set") return e.items.length;
  return undefined;
}

/** Resolves one grid into `cx.grids`, or puts it on the frontier; reports what is wrong with it. */
function resolveGrid(cx: DomainContext, g: BoundGrid): void {
  const d = g.domain;
  const name = g.name;
  switch (d.kind) {
    case "range": {
      const keys = rangeKeys(cx, name, d);
      if (keys !== undefined) cx.grids.set(name, makeGrid(name, keys));
      return;
    }
    case "set": {
      const keys = setKeys(cx, name, d);
      if (keys !== undefined) cx.grids.set(name, makeGrid(name, sortKeys([...new Set(keys)])));
      return;
    }
    case "kernel": {
      const got = cx.computed.grids?.get(name);
      if (got !== undefined) {
        const keys = [...new Set(got)];
        if (keys.every((k) => cx.checkKey(k, `Grid \`${name}\` (computed by its kernel)`, d.span))) cx.grids.set(name, makeGrid(name, sortKeys(keys)));
        return;
      }
      const bound = envelopeSize(g, cx.params);
      cx.frontier.set(name, { name, waitsFor: `kernel \`${d.call.name}\``, ...(bound !== undefined ? { bound } : {}) });
      return;
    }
    case "column": {
      const t = cx.table(d.product, [d.column, ...d.attributes.map((a) => a.column)], `Grid \`${name}\``);
      if (t === null) {
        const bound = envelopeSize(g, cx.params);
        cx.frontier.set(name, { name, waitsFor: `product \`${d.product.name}\``, ...(bound !== undefined ? { bound } : {}) });
        return;
      }
      if (t === undefined) return;
      const grid = columnGrid(cx, name, d, t);
      if (grid !== undefined) cx.grids.set(name, grid);
      return;
    }
  }
}

/** The keys of `lo..hi` (DF4005 for ends that are not integers, DF4016 for too many keys). */
function rangeKeys(cx: DomainContext, name: string, d: Extract<BoundDomain, { kind: "range" }>): Value[] | undefined {
  const lo = evalConst(d.lo, cx.params);
  const hi = evalConst(d.hi, cx.params);
  if (typeof lo !== "number" || typeof hi !== "number" || !Number.isInteger(lo) || !Number.isInteger(hi)) {
    cx.diagnostics.push(diag("DF4005", `The range of grid \`${name}\` must have integer ends.`, d.span, { label: "not an integer range" }));
    return undefined;
  }
  if (hi - lo + 1 > MAX_GRID) {
    cx.diagnostics.push(
      diag(
        "DF4016",
        `Grid \`${name}\` would have ${(hi - lo + 1).toLocaleString("en-US")} keys, more than dflow plans (${MAX_GRID.toLocaleString("en-US")}).`,
        d.span,
        { label: "too many keys", help: "check the params of the range (`--set`, the profile)" },
      ),
    );
    return undefined;
  }
  const keys: Value[] = [];
  for (let k = lo; k <= hi; k++) keys.push(k);
  return keys;
}

/** The keys of `{b, r, z}`: bare words are keys, params their values (DF4005, DF4006 for bad keys). */
function setKeys(cx: DomainContext, name: string, d: Extract<BoundDomain, { kind: "set" }>): Value[] | undefined {
  const keys: Value[] = [];
  let ok = true;
  for (const item of d.items) {
    const v = item.kind === "name" && !cx.params.has(item.name) ? item.name : evalConst(item, cx.params);
    if (v === undefined || typeof v === "boolean") {
      cx.diagnostics.push(diag("DF4005", `A key of grid \`${name}\` must be a number or a word.`, item.span));
      ok = false;
    } else if (cx.checkKey(v, `Grid \`${name}\``, item.span)) keys.push(v);
    else ok = false;
  }
  return ok ? keys : undefined;
}

/** A grid from a table's key column and attribute columns (DF4002 duplicate key, DF4008 two values for one key, DF4005 wrong type). */
function columnGrid(cx: DomainContext, name: string, d: Extract<BoundDomain, { kind: "column" }>, t: PlanTable): ResolvedGrid | undefined {
  const keyCol = t.columns.get(d.column.name)!;
  const firstRow = new Map<Value, number>();
  let ok = true;
  for (let r = 0; r < t.rows; r++) {
    const v = keyCol[r]!;
    const prev = firstRow.get(v);
    if (prev === undefined) {
      firstRow.set(v, r);
      if (!cx.checkKey(v, `\`${t.path}\` row ${r + 1}, column \`${d.column.name}\`,`, d.column.span)) ok = false;
    } else if (d.isKey) {
      cx.diagnostics.push(
        diag(
          "DF4002",
          `\`${t.path}\` has the key ${JSON.stringify(v)} twice in column \`${d.column.name}\` (rows ${prev + 1} and ${r + 1}), which grid \`${name}\` declares as its key.`,
          d.column.span,
          {
            label: "a key column",
            help: "remove the duplicate row, or drop `key` if the column may repeat (the grid then takes its distinct values)",
          },
        ),
      );
      ok = false;
    }
  }
  if (!ok) return undefined;
  const keys = sortKeys([...firstRow.keys()]);
  const attrs = new Map<string, ResolvedAttribute>();
  for (const a of d.attributes) {
    const values = attributeValues(cx, name, a, t, keyCol, keys);
    if (values === undefined) ok = false;
    else attrs.set(a.name, { values });
  }
  return ok ? makeGrid(name, keys, attrs) : undefined;
}

/** One attribute's value per key (in key order); undefined after reporting a conflict or a value of the wrong type. */
function attributeValues(
  cx: DomainContext,
  name: string,
  a: BoundAttribute,
  t: PlanTable,
  keyCol: readonly Value[],
  keys: readonly Value[],
): Value[] | undefined {
  const col = t.columns.get(a.column.name)!;
  const byKey = new Map<Value, { v: Value; row: number }>();
  let ok = true;
  for (let r = 0; r < t.rows; r++) {
    const k = keyCol[r]!;
    const v = col[r]!;
    const prev = byKey.get(k);
    if (prev === undefined) byKey.set(k, { v, row: r });
    else if (prev.v !== v) {
      cx.diagnostics.push(
        diag(
          "DF4008",
          `\`${t.path}\`: key ${JSON.stringify(k)} of grid \`${name}\` has two values of attribute \`${a.name}\` in column \`${a.column.name}\`: ${JSON.stringify(prev.v)} (row ${prev.row + 1}) and ${JSON.stringify(v)} (row ${r + 1}).`,
          a.span,
          {
            label: "one value per key",
          },
        ),
      );
      ok = false;
      break;
    }
  }
  const want = a.type;
  if (want === "int" || want === "date" || want === "float") {
    for (let r = 0; r < t.rows; r++) {
      if (typeof col[r] !== "number") {
        cx.diagnostics.push(
          diag(
            "DF4005",
            `\`${t.path}\` row ${r + 1}, column \`${a.column.name}\`: ${JSON.stringify(col[r])} is not a${want === "int" ? "n" : ""} ${want}, as attribute \`${a.name}\` declares.`,
            a.span,
            { label: `declared ${want}` },
          ),
        );
        ok = false;
        break;
      }
    }
  }
  return ok ? keys.map((k) => byKey.get(k)!.v) : undefined;
}

/** Attributes named like a grid hold that grid's keys: index them. */
function indexGridAttributes(grids: Map<string, ResolvedGrid>): void {
  for (const [name, g] of grids) {
    let changed = false;
    const attrs = new Map(g.attributes);
    for (const [an, a] of g.attributes) {
      const target = grids.get(an);
      if (target === undefined) continue;
      const idx = new Int32Array(a.values.length);
      a.values.forEach((v, i) => (idx[i] = keyIndex(target, v)));
      attrs.set(an, { values: a.values, gridIndex: idx });
      changed = true;
    }
    if (changed) grids.set(name, { ...g, attributes: attrs });
  }
}

/** Resolves one relation from its kernel's pairs or its product's columns, or records what it waits for. */
function resolveRelation(cx: DomainContext, r: BoundRelation): void {
  const name = r.name;
  const blocked = [...r.from, ...r.to].map((v) => v.grid).find((gname) => !cx.grids.has(gname));
  if (blocked !== undefined) {
    cx.pendingRelations.set(name, `grid \`${blocked}\``);
    return;
  }
  const vars = [...r.from, ...r.to];
  const src = r.source;
  if (src.kind === "kernel") {
    const pairs = cx.computed.relations?.get(name);
    if (pairs === undefined) {
      cx.pendingRelations.set(name, `kernel \`${src.call.name}\``);
      return;
    }
    const cols = vars.map((v) => ({ name: v.name, span: v.nameSpan }));
    const table: PlanTable = { path: `kernel ${src.call.name}`, rows: pairs.length, columns: new Map(vars.map((v, i) => [v.name, pairs.map((p) => p[i]!)])) };
    const rel = buildRelation(r, vars, cols, table, cx.grids, cx.params, cx.diagnostics);
    if (rel !== undefined) cx.relations.set(name, rel);
    return;
  }
  const colOf = new Map(src.columns.map((c) => [c.name, c.column]));
  const cols = vars.map((v) => colOf.get(v.name)).filter((c): c is BoundName => c !== undefined);
  if (cols.length !== vars.length) {
    const missing = vars.find((v) => !colOf.has(v.name))!;
    cx.diagnostics.push(
      diag("DF4003", `Relation \`${name}\` does not say which column of \`${src.product.name}\` holds \`${missing.name}\`.`, src.span, {
        help: `add \`${missing.name} = COLUMN\``,
      }),
    );
    return;
  }
  const t = cx.table(src.product, cols, `Relation \`${name}\``);
  if (t === null) {
    cx.pendingRelations.set(name, `product \`${src.product.name}\``);
    return;
  }
  if (t === undefined) return;
  const rel = buildRelation(r, vars, cols, t, cx.grids, cx.params, cx.diagnostics);
  if (rel !== undefined) cx.relations.set(name, rel);
}

function buildRelation(
  r: BoundRelation,
  vars: readonly BoundVar[],
  cols: readonly BoundName[],
  t: PlanTable,
  grids: ReadonlyMap<string, ResolvedGrid>,
  params: ReadonlyMap<string, Value>,
  diagnostics: Diagnostic[],
): ResolvedRelation | undefined {
  const nf = r.from.length;
  const nt = r.to.length;
  const idx = vars.map(() => new Int32Array(t.rows));
  for (let i = 0; i < vars.length; i++) {
    const g = grids.get(vars[i]!.grid)!;
    const col = t.columns.get(cols[i]!.name)!;
    for (let row = 0; row < t.rows; row++) {
      const k = keyIndex(g, col[row]!);
      if (k < 0) {
        diagnostics.push(
          diag(
            "DF4012",
            `\`${t.path}\` row ${row + 1}, column \`${cols[i]!.name}\`: ${JSON.stringify(col[row])} is not a key of grid \`${g.name}\`, so relation \`${r.name}\` cannot use it.`,
            cols[i]!.span,
            { label: `keys of \`${g.name}\`` },
          ),
        );
        return undefined;
      }
      idx[i]![row] = k;
    }
  }
  // Group rows by source tuple; targets sorted in natural (key index) order, deduplicated.
  const groups = new Map<string, number[]>();
  for (let row = 0; row < t.rows; row++) {
    let key = "";
    for (let i = 0; i < nf; i++) key += idx[i]![row] + ",";
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(row);
  }
  const limit = r.fanout !== undefined ? evalConst(r.fanout, params) : undefined;
  const table = new Map<string, Int32Array>();
  for (const [key, rows] of groups) {
    const tuples = rows.map((row) => Array.from({ length: nt }, (_, j) => idx[nf + j]![row]!));
    tuples.sort((a, b) => {
      for (let j = 0; j < nt; j++) if (a[j] !== b[j]) return a[j]! - b[j]!;
      return 0;
    });
    const flat: number[] = [];
    let prev: number[] | undefined;
    for (const tu of tuples) {
      if (prev !== undefined && tu.every((v, j) => v === prev![j])) continue;
      flat.push(...tu);
      prev = tu;
    }
    const count = flat.length / Math.max(1, nt);
    if (typeof limit === "number" && count > limit) {
      const fromKeys = key
        .split(",")
        .filter(Boolean)
        .map((k, i) => grids.get(r.from[i]!.grid)!.keys[Number(k)]);
      diagnostics.push(
        diag(
          "DF4007",
          `Relation \`${r.name}\` maps ${r.from.map((v, i) => `${v.name} = ${JSON.stringify(fromKeys[i])}`).join(", ")} to ${count} pairs in \`${t.path}\`, more than its fan-out bound ${limit}.`,
          r.fanout!.span,
          {
            label: `at most ${limit}`,
          },
        ),
      );
      return undefined;
    }
    table.set(key, Int32Array.from(flat));
  }
  return {
    name: r.name,
    from: r.from.map((v) => v.grid),
    to: r.to.map((v) => v.grid),
    targets(from) {
      let key = "";
      for (let i = 0; i < nf; i++) key += from[i] + ",";
      return table.get(key) ?? EMPTY;
    },
  };
}
