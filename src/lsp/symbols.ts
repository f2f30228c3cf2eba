import type * as A from "../syntax/index.js";
import { forEachChild } from "../syntax/index.js";
import type { Span } from "../util/Span.js";

/**
 * What a name in a `.dflow` file stands for: a top-level declaration (`value` for params, grids
 * and relations, `product`, `stage`, `profile`), a variable local to one stage or relation
 * (`local:N`, N the declaration's index), a kernel, a data-model type, or a kernel's param.
 */
export interface Occurrence {
  /** The symbol's key: namespace and name, e.g. `value:nside`, `product:frame`, `local:7:e`, `kernel:calib.fiberflat`. */
  readonly key: string;
  readonly name: string;
  readonly span: Span;
  /** Whether this occurrence declares the symbol. */
  readonly decl: boolean;
  /** The index of the top-level declaration holding it. */
  readonly declIndex: number;
}

/** Every named occurrence of a file, in source order, and each symbol's declaration. */
export interface SymbolTable {
  readonly occurrences: readonly Occurrence[];
  readonly decls: ReadonlyMap<string, Occurrence>;
}

/** The local variables of a stage (its bindings and gather variables) or of a relation. */
function localsOf(d: A.DeclNode): Set<string> {
  const out = new Set<string>();
  if (d.kind === "Stage") {
    for (const v of d.vars) out.add(v.name.value);
    for (const it of d.items) if (it.kind === "Input" && it.gather !== undefined) for (const c of it.gather.clauses) for (const v of c.vars) out.add(v.value);
  } else if (d.kind === "Relation") {
    for (const v of [...d.from, ...d.to]) out.add(v.name.value);
  }
  return out;
}

/** Builds the symbol table of a program: one pass over its declarations, names classified by where they stand. */
export function buildSymbols(program: A.ProgramNode): SymbolTable {
  const top = new Map<string, string>();
  const products = new Set<string>();
  for (const d of program.decls) {
    if (d.kind === "Param" || d.kind === "Grid" || d.kind === "Relation") top.set(d.name.value, "value");
    if (d.kind === "Product") products.add(d.name.value);
  }
  const occurrences: Occurrence[] = [];
  const decls = new Map<string, Occurrence>();
  program.decls.forEach((d, declIndex) => {
    const locals = localsOf(d);
    const valueKey = (n: string): string =>
      locals.has(n) ? `local:${declIndex}:${n}` : top.has(n) ? `value:${n}` : products.has(n) ? `product:${n}` : `value:${n}`;
    const add = (key: string, n: A.NameNode, decl = false): void => {
      const o = { key, name: n.value, span: n.loc, decl, declIndex };
      occurrences.push(o);
      if (decl && !decls.has(key)) decls.set(key, o);
    };
    const qualified = (key: string, q: A.QualifiedNameNode): void => {
      const name = q.parts.map((p) => p.value).join(".");
      occurrences.push({ key: `${key}:${name}`, name, span: q.loc, decl: false, declIndex });
    };
    const visit = (n: A.Node, parent: A.Node | undefined): void => {
      classify(n, parent);
      forEachChild(n, (c) => visit(c, n));
    };
    const declaredLocals = new Set<string>();
    const local = (n: A.NameNode): void => {
      const key = `local:${declIndex}:${n.value}`;
      // A variable's first binding declares it; later ones (a gather reusing a name) refer to it.
      add(key, n, !declaredLocals.has(n.value));
      declaredLocals.add(n.value);
    };
    const classify = (n: A.Node, parent: A.Node | undefined): void => {
      switch (n.kind) {
        case "Param":
        case "Grid":
        case "Relation":
          add(`value:${n.name.value}`, n.name, true);
          break;
        case "Product":
          add(`product:${n.name.value}`, n.name, true);
          for (const a of n.axes) add(`value:${a.value}`, a);
          qualified("type", n.type.name);
          break;
        case "Stage":
          add(`stage:${n.name.value}`, n.name, true);
          break;
        case "Profile":
          add(`profile:${n.name.value}`, n.name, true);
          break;
        case "ProfileEntry":
          add(`value:${n.name.value}`, n.name);
          break;
        case "VarBinding":
          local(n.name);
          add(`value:${n.grid.value}`, n.grid);
          break;
        case "GatherClause":
          for (const v of n.vars) local(v);
          add(`value:${n.source.value}`, n.source);
          break;
        case "Ref":
          add(valueKey(n.name.value), n.name);
          break;
        case "ProductRef":
        case "ColumnRelation":
        case "ColumnDomain":
          add(`product:${n.product.value}`, n.product);
          break;
        case "TemplateField":
          if (n.path[0] !== undefined) add(`value:${n.path[0].value}`, n.path[0]);
          break;
        case "KernelCall":
        case "KernelBinding":
          qualified("kernel", n.kernel);
          break;
        default:
          void parent;
      }
    };
    visit(d, undefined);
  });
  return { occurrences, decls };
}

/** The occurrence whose span holds `offset` (an offset just after a name counts, as editors place the cursor there). */
export function occurrenceAt(table: SymbolTable, offset: number): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const o of table.occurrences) {
    if (o.span.start <= offset && offset <= o.span.end && (best === undefined || o.span.end - o.span.start < best.span.end - best.span.start)) best = o;
  }
  return best;
}

/** Every occurrence of the symbol `key`. */
export function occurrencesOf(table: SymbolTable, key: string): Occurrence[] {
  return table.occurrences.filter((o) => o.key === key);
}
