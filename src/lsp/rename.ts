import type { NameSymbol, NameUse, Resolutions } from "../check/index.js";
import { keywordWords, type DeclNode, type GridNode } from "../syntax/index.js";
import type { Span } from "../util/Span.js";
import type { Analysis } from "./analyze.js";

/** One replacement in the document. */
export interface SpanEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A rename's edits, or why there are none. */
export type RenamePlan = { readonly edits: readonly SpanEdit[] } | { readonly refused: string };

const IDENTIFIER = /^[\p{L}_][\p{L}\p{M}\p{N}_]*$/u;
const KEYWORDS = new Set(keywordWords);

const q = (s: string): string => "`" + s + "`";

/** The declaration holding `offset`. */
function holderAt(decls: readonly DeclNode[], offset: number): DeclNode | undefined {
  return decls.find((d) => d.loc.start <= offset && offset <= d.loc.end);
}

/** The variables declared in `holder` (a stage's own and its gathers', a relation's). */
function variablesOf(names: Resolutions, holder: DeclNode | undefined): NameSymbol[] {
  return names.declared().filter((s) => s.kind === "variable" && s.node === holder);
}

/** The grid whose set literal holds `word` as a bare key (a word no param is named), if one does. */
function bareKeyGrid(grids: Iterable<GridNode>, params: ReadonlyMap<string, unknown>, word: string): string | undefined {
  if (params.has(word)) return undefined;
  for (const g of grids)
    for (const dom of [g.domain, g.envelope])
      if (dom?.kind === "SetDomain" && dom.set.items.some((x) => x.kind === "Ref" && x.name.value === word)) return g.name.value;
  return undefined;
}

/**
 * Why `sym` cannot be called `newName` in the checker's scopes, if it cannot: the name is
 * taken in its namespace (params and grids share one), a variable would hide a param or a
 * param would be hidden by a variable where it is used, or a grid and an attribute would be
 * tied or untied (an attribute named like a grid holds that grid's keys).
 */
function collision(a: Analysis, names: Resolutions, sym: NameSymbol, newName: string): string | undefined {
  const scope = a.checked!.scope;
  const decls = scope.program.decls;
  const taken = (kind: string, pool: Iterable<string>): string | undefined =>
    [...pool].includes(newName) ? `${q(newName)} is already the name of a ${kind}: a rename cannot merge two declarations.` : undefined;
  const attributes = names.declared().filter((s) => s.kind === "attribute");
  switch (sym.kind) {
    case "param":
    case "grid": {
      const t = taken(scope.params.has(newName) ? "param" : "grid", [...scope.params.keys(), ...scope.grids.keys()]);
      if (t !== undefined) return t;
      if (sym.kind === "grid") {
        const tied = attributes.find((s) => s.name === sym.name || s.name === newName);
        if (tied !== undefined)
          return `Attribute ${q(tied.name)} of grid ${q(tied.grid ?? "")} is named like a grid, which makes its values keys of that grid: renaming grid ${q(sym.name)} to ${q(newName)} would ${tied.name === sym.name ? "untie" : "tie"} it.`;
        return undefined;
      }
      const captured = bareKeyGrid(scope.grids.values(), scope.params, newName);
      if (captured !== undefined)
        return `Grid ${q(captured)} has the key ${q(newName)}, a bare word while no param has that name: renaming param ${q(sym.name)} to ${q(newName)} would make the key name the param and take its value.`;
      for (const u of names.usesOf(sym.key)) {
        const holder = holderAt(decls, u.span.start);
        const hiding = variablesOf(names, holder).find((v) => v.name === newName);
        if (hiding !== undefined && holder !== undefined && holder.kind !== "Import")
          return `Variable ${q(newName)} of ${holder.kind.toLowerCase()} ${q(holder.name.value)} would hide param ${q(newName)} where ${q(sym.name)} is used.`;
      }
      return undefined;
    }
    case "relation":
      return taken("relation", scope.relations.keys());
    case "product":
      return taken("product", scope.products.keys());
    case "stage":
      return taken("stage", scope.stages.keys());
    case "profile":
      return taken("profile", scope.profiles.keys());
    case "attribute": {
      const t = taken(
        `attribute of grid ${q(sym.grid ?? "")}`,
        attributes.filter((s) => s.node === sym.node).map((s) => s.name),
      );
      if (t !== undefined) return t;
      const grid = [sym.name, newName].find((n) => scope.grids.has(n));
      return grid !== undefined
        ? `An attribute named like a grid holds that grid's keys: renaming ${q(sym.name)} to ${q(newName)} would ${grid === sym.name ? "untie it from" : "tie it to"} grid ${q(grid)}.`
        : undefined;
    }
    case "variable": {
      const t = taken(
        `variable of ${sym.node?.kind.toLowerCase() ?? "this declaration"}`,
        variablesOf(names, sym.node).map((s) => s.name),
      );
      if (t !== undefined) return t;
      return scope.params.has(newName)
        ? `A variable ${q(newName)} would hide param ${q(newName)} in its ${sym.node?.kind.toLowerCase() ?? "declaration"}.`
        : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The edits renaming the symbol of `use` to `newName`, every occurrence the checker resolved
 * to it, or why it cannot be renamed. A product named in `in`/`out` without a port name gives
 * the kernel its port under the product's name: there the old name is kept as the port name
 * (`in frame[e]` becomes `in frame: newname[e]`), so the kernel's signature still matches.
 */
export function planRename(a: Analysis, use: NameUse, newName: string): RenamePlan {
  const names = a.checked?.names;
  const sym = use.symbol;
  if (names === undefined) return { refused: "The file does not parse: fix its syntax before renaming." };
  if (sym.kind === "kernel" || sym.kind === "type") return { refused: `${q(sym.name)} is declared in TypeScript: rename it there.` };
  if (!IDENTIFIER.test(newName)) return { refused: `${q(newName)} is not a name: a name is a letter or \`_\` followed by letters, digits or \`_\`.` };
  if (KEYWORDS.has(newName)) return { refused: `${q(newName)} is a keyword of dflow and cannot name a ${sym.kind}.` };
  if (newName === sym.name) return { edits: [] };
  const why = collision(a, names, sym, newName);
  if (why !== undefined) return { refused: why };
  return { edits: names.usesOf(sym.key).map((u) => ({ span: u.span, newText: u.port === true ? `${sym.name}: ${newName}` : newName })) };
}
