import path from "node:path";
import type { Scope } from "../check/Scope.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type * as A from "../syntax/ast.js";
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
 */
export function resolveDomains(
  scope: Scope,
  params: ReadonlyMap<string, Value>,
  root: string,
  computed: ComputedDomains = {},
): { value: ResolvedDomains; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const grids = new Map<string, ResolvedGrid>();
  const frontier = new Map<string, FrontierGrid>();
  const relations = new Map<string, ResolvedRelation>();
  const pendingRelations = new Map<string, string>();
  const tables = new Map<string, PlanTable | null | undefined>();

  const tablePath = (product: A.ProductNode): string | undefined => {
    if (product.path === undefined || product.axes.length > 0) return undefined;
    return path.join(root, compilePath(product.path.parts, [], grids, params)([]));
  };
  /** Reads a table product's columns; `null` when it is not on disk yet but will be made; `undefined` after an error. */
  const table = (productName: A.NameNode, columns: readonly A.NameNode[], use: string): PlanTable | null | undefined => {
    const product = scope.products.get(productName.value);
    if (product === undefined) return undefined;
    const p = tablePath(product);
    if (p === undefined) {
      diagnostics.push(diag("DF4003", `${use} reads \`${product.name.value}\`, which is not a single table file (it has axes or no path).`, productName.loc));
      return undefined;
    }
    const key = p + "\0" + columns.map((c) => c.value).join(",");
    if (tables.has(key)) return tables.get(key);
    const r = readPlanTable(p, columns.map((c) => c.value));
    const shown = displayPath(p, process.cwd());
    let out: PlanTable | null | undefined;
    if (r.table !== undefined) out = { ...r.table, path: shown };
    else if (r.problem?.kind === "missing") {
      if (scope.producers.has(product.name.value)) out = null;
      else {
        diagnostics.push(diag("DF4004", `Source product \`${product.name.value}\` is missing: \`${shown}\` does not exist.`, product.path?.loc ?? product.loc, { label: "read from here", help: "create the file, or point `--out` at the directory that holds the sources" }));
        out = undefined;
      }
    } else if (r.problem?.kind === "column") {
      const c = columns.find((x) => x.value === (r.problem as { column: string }).column)!;
      diagnostics.push(diag("DF4003", `\`${shown}\` has no column \`${c.value}\`.`, c.loc, { label: "missing column", suggestions: suggest(c.value, r.problem.available) }));
      out = undefined;
    } else {
      diagnostics.push(diag("DF4003", `\`${shown}\` cannot be read: ${(r.problem as { message: string }).message}`, productName.loc));
      out = undefined;
    }
    tables.set(key, out);
    return out;
  };
  const checkKey = (v: Value, where: string, loc: A.NameNode["loc"]): boolean => {
    if (typeof v === "number" || (typeof v === "string" && SAFE_KEY.test(v))) return true;
    diagnostics.push(
      diag("DF4006", `${where} holds the key ${JSON.stringify(v)}, which is not safe in a path, a task id or a shell script.`, loc, {
        label: "unsafe key",
        help: "keys are numbers or words of letters, digits, `_`, `.`, `+` and `-` (not starting with `.` or `-`)",
      }),
    );
    return false;
  };
  const envelopeSize = (g: A.GridNode): number | undefined => {
    const e = g.envelope;
    if (e?.kind === "RangeDomain") {
      const lo = evalConst(e.range.lo, params);
      const hi = evalConst(e.range.hi, params);
      return typeof lo === "number" && typeof hi === "number" ? Math.max(0, hi - lo + 1) : undefined;
    }
    if (e?.kind === "SetDomain") return e.set.items.length;
    return undefined;
  };

  for (const g of scope.grids.values()) {
    const d = g.domain;
    const name = g.name.value;
    if (d.kind === "RangeDomain") {
      const lo = evalConst(d.range.lo, params);
      const hi = evalConst(d.range.hi, params);
      if (typeof lo !== "number" || typeof hi !== "number" || !Number.isInteger(lo) || !Number.isInteger(hi)) {
        diagnostics.push(diag("DF4005", `The range of grid \`${name}\` must have integer ends.`, d.loc, { label: "not an integer range" }));
        continue;
      }
      if (hi - lo + 1 > MAX_GRID) {
        diagnostics.push(diag("DF4016", `Grid \`${name}\` would have ${(hi - lo + 1).toLocaleString("en-US")} keys, more than dflow plans (${MAX_GRID.toLocaleString("en-US")}).`, d.loc, { label: "too many keys", help: "check the params of the range (`--set`, the profile)" }));
        continue;
      }
      const keys: Value[] = [];
      for (let k = lo; k <= hi; k++) keys.push(k);
      grids.set(name, makeGrid(name, keys));
    } else if (d.kind === "SetDomain") {
      const keys: Value[] = [];
      let ok = true;
      for (const item of d.set.items) {
        const v = item.kind === "Ref" && !params.has(item.name.value) ? item.name.value : evalConst(item, params);
        if (v === undefined || typeof v === "boolean") {
          diagnostics.push(diag("DF4005", `A key of grid \`${name}\` must be a number or a word.`, item.loc));
          ok = false;
        } else if (checkKey(v, `Grid \`${name}\``, item.loc)) keys.push(v);
        else ok = false;
      }
      const distinct = [...new Set(keys)];
      if (ok) grids.set(name, makeGrid(name, sortKeys(distinct)));
    } else if (d.kind === "KernelDomain" && computed.grids?.has(name) === true) {
      const keys = [...new Set(computed.grids.get(name))];
      if (keys.every((k) => checkKey(k, `Grid \`${name}\` (computed by its kernel)`, d.loc))) grids.set(name, makeGrid(name, sortKeys(keys)));
    } else if (d.kind === "KernelDomain") {
      const bound = envelopeSize(g);
      frontier.set(name, { name, waitsFor: `kernel \`${d.call.kernel.parts.map((p) => p.value).join(".")}\``, ...(bound !== undefined ? { bound } : {}) });
    } else {
      const cols = [d.column, ...d.attributes.map((a) => a.column)];
      const t = table(d.product, cols, `Grid \`${name}\``);
      if (t === null) {
        const bound = envelopeSize(g);
        frontier.set(name, { name, waitsFor: `product \`${d.product.value}\``, ...(bound !== undefined ? { bound } : {}) });
        continue;
      }
      if (t === undefined) continue;
      const keyCol = t.columns.get(d.column.value)!;
      const firstRow = new Map<Value, number>();
      let ok = true;
      for (let r = 0; r < t.rows; r++) {
        const v = keyCol[r]!;
        const prev = firstRow.get(v);
        if (prev === undefined) {
          firstRow.set(v, r);
          if (!checkKey(v, `\`${t.path}\` row ${r + 1}, column \`${d.column.value}\`,`, d.column.loc)) ok = false;
        } else if (d.isKey) {
          diagnostics.push(
            diag("DF4002", `\`${t.path}\` has the key ${JSON.stringify(v)} twice in column \`${d.column.value}\` (rows ${prev + 1} and ${r + 1}), which grid \`${name}\` declares as its key.`, d.column.loc, {
              label: "a key column",
              help: "remove the duplicate row, or drop `key` if the column may repeat (the grid then takes its distinct values)",
            }),
          );
          ok = false;
        }
      }
      if (!ok) continue;
      const keys = sortKeys([...firstRow.keys()]);
      const attrs = new Map<string, ResolvedAttribute>();
      for (const a of d.attributes) {
        const col = t.columns.get(a.column.value)!;
        const byKey = new Map<Value, { v: Value; row: number }>();
        for (let r = 0; r < t.rows; r++) {
          const k = keyCol[r]!;
          const v = col[r]!;
          const prev = byKey.get(k);
          if (prev === undefined) byKey.set(k, { v, row: r });
          else if (prev.v !== v) {
            diagnostics.push(
              diag("DF4008", `\`${t.path}\`: key ${JSON.stringify(k)} of grid \`${name}\` has two values of attribute \`${a.name.value}\` in column \`${a.column.value}\`: ${JSON.stringify(prev.v)} (row ${prev.row + 1}) and ${JSON.stringify(v)} (row ${r + 1}).`, a.loc, {
                label: "one value per key",
              }),
            );
            ok = false;
            break;
          }
        }
        const want = a.type?.name.parts.map((p) => p.value).join(".");
        if (want === "int" || want === "date" || want === "float") {
          for (let r = 0; r < t.rows; r++) {
            if (typeof col[r] !== "number") {
              diagnostics.push(diag("DF4005", `\`${t.path}\` row ${r + 1}, column \`${a.column.value}\`: ${JSON.stringify(col[r])} is not a${want === "int" ? "n" : ""} ${want}, as attribute \`${a.name.value}\` declares.`, a.loc, { label: `declared ${want}` }));
              ok = false;
              break;
            }
          }
        }
        attrs.set(a.name.value, { values: keys.map((k) => byKey.get(k)!.v) });
      }
      if (ok) grids.set(name, makeGrid(name, keys, attrs));
    }
  }
  // Attributes named like a grid hold that grid's keys: index them.
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
  for (const r of scope.relations.values()) {
    const name = r.name.value;
    const blocked = [...r.from, ...r.to].map((v) => v.grid.value).find((gname) => !grids.has(gname));
    if (blocked !== undefined) {
      pendingRelations.set(name, `grid \`${blocked}\``);
      continue;
    }
    if (r.source.kind === "KernelCall") {
      const pairs = computed.relations?.get(name);
      if (pairs === undefined) {
        pendingRelations.set(name, `kernel \`${r.source.kernel.parts.map((p) => p.value).join(".")}\``);
        continue;
      }
      const vars = [...r.from, ...r.to];
      const cols = vars.map((v) => v.name);
      const table: PlanTable = { path: `kernel ${r.source.kernel.parts.map((p) => p.value).join(".")}`, rows: pairs.length, columns: new Map(vars.map((v, i) => [v.name.value, pairs.map((p) => p[i]!)])) };
      const rel = buildRelation(r, vars, cols, table, grids, params, diagnostics);
      if (rel !== undefined) relations.set(name, rel);
      continue;
    }
    const src = r.source;
    const vars = [...r.from, ...r.to];
    const colOf = new Map(src.columns.map((c) => [c.name.value, c.column]));
    const cols = vars.map((v) => colOf.get(v.name.value)).filter((c): c is A.NameNode => c !== undefined);
    if (cols.length !== vars.length) {
      const missing = vars.find((v) => !colOf.has(v.name.value))!;
      diagnostics.push(diag("DF4003", `Relation \`${name}\` does not say which column of \`${src.product.value}\` holds \`${missing.name.value}\`.`, src.loc, { help: `add \`${missing.name.value} = COLUMN\`` }));
      continue;
    }
    const t = table(src.product, cols, `Relation \`${name}\``);
    if (t === null) {
      pendingRelations.set(name, `product \`${src.product.value}\``);
      continue;
    }
    if (t === undefined) continue;
    const rel = buildRelation(r, vars, cols, t, grids, params, diagnostics);
    if (rel !== undefined) relations.set(name, rel);
  }
  return { value: { grids, frontier, relations, pendingRelations }, diagnostics };
}

function buildRelation(
  r: A.RelationNode,
  vars: readonly A.VarBindingNode[],
  cols: readonly A.NameNode[],
  t: PlanTable,
  grids: ReadonlyMap<string, ResolvedGrid>,
  params: ReadonlyMap<string, Value>,
  diagnostics: Diagnostic[],
): ResolvedRelation | undefined {
  const nf = r.from.length;
  const nt = r.to.length;
  const idx = vars.map(() => new Int32Array(t.rows));
  for (let i = 0; i < vars.length; i++) {
    const g = grids.get(vars[i]!.grid.value)!;
    const col = t.columns.get(cols[i]!.value)!;
    for (let row = 0; row < t.rows; row++) {
      const k = keyIndex(g, col[row]!);
      if (k < 0) {
        diagnostics.push(diag("DF4012", `\`${t.path}\` row ${row + 1}, column \`${cols[i]!.value}\`: ${JSON.stringify(col[row])} is not a key of grid \`${g.name}\`, so relation \`${r.name.value}\` cannot use it.`, cols[i]!.loc, { label: `keys of \`${g.name}\`` }));
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
      const fromKeys = key.split(",").filter(Boolean).map((k, i) => grids.get(r.from[i]!.grid.value)!.keys[Number(k)]);
      diagnostics.push(
        diag("DF4007", `Relation \`${r.name.value}\` maps ${r.from.map((v, i) => `${v.name.value} = ${JSON.stringify(fromKeys[i])}`).join(", ")} to ${count} pairs in \`${t.path}\`, more than its fan-out bound ${limit}.`, r.fanout!.loc, {
          label: `at most ${limit}`,
        }),
      );
      return undefined;
    }
    table.set(key, Int32Array.from(flat));
  }
  return {
    name: r.name.value,
    from: r.from.map((v) => v.grid.value),
    to: r.to.map((v) => v.grid.value),
    targets(from) {
      let key = "";
      for (let i = 0; i < nf; i++) key += from[i] + ",";
      return table.get(key) ?? EMPTY;
    },
  };
}
