import type * as A from "../syntax/ast.js";
import type { TsLoc } from "../kernels/types.js";
import type { Span } from "../util/Span.js";

/** What a declared name is. */
export type SymbolKind = "param" | "grid" | "relation" | "product" | "stage" | "profile" | "variable" | "attribute" | "kernel" | "type";

/**
 * One thing a name in a pipeline can stand for. A declaration of the file is known by its
 * declaring name's span (two declarations of one name are two symbols; the checker resolves
 * uses to the first); a kernel or a data-model type by its qualified name and its place in
 * TypeScript.
 */
export interface NameSymbol {
  /** Unique per symbol: `grid@123` (kind and the declaring name's offset), `kernel:calib.fiberflat`, `type:Frame`. */
  readonly key: string;
  readonly kind: SymbolKind;
  readonly name: string;
  /** The declaring name in the pipeline's file. */
  readonly decl?: Span;
  /** The top-level declaration (the grid of an attribute, the stage or relation of a variable). */
  readonly node?: A.DeclNode;
  /** A variable's grid (`""` when unknown); an attribute's grid. */
  readonly grid?: string;
  /** A kernel's or a type's TypeScript declaration. */
  readonly ts?: TsLoc;
}

/** One occurrence of a name and the symbol the checker resolved it to. */
export interface NameUse {
  readonly span: Span;
  readonly symbol: NameSymbol;
  /** Whether this occurrence declares the symbol. */
  readonly isDecl: boolean;
  /** A product named in `in`/`out` without a port name: the product's name is also the kernel's port name. */
  readonly port?: boolean;
}

/**
 * The resolution table of a checked pipeline: for each name occurrence, the declaration the
 * checker resolved it to. Filled by the check rules as they resolve names (recording is
 * idempotent: a name resolved by two rules is one entry), read by the language server for
 * definition, references, rename and hover.
 */
export class Resolutions {
  readonly #uses = new Map<string, NameUse>();
  readonly #symbols = new Map<string, NameSymbol>();

  /** The symbol of a declaration in the file: `kind`, declared by `name` in `node`. */
  symbol(kind: SymbolKind, name: A.NameNode, node: A.DeclNode, grid?: string): NameSymbol {
    const key = `${kind}@${name.loc.file}:${name.loc.start}`;
    let s = this.#symbols.get(key);
    if (s === undefined) {
      s = { key, kind, name: name.value, decl: name.loc, node, ...(grid !== undefined ? { grid } : {}) };
      this.#symbols.set(key, s);
    }
    return s;
  }

  /** The symbol of a kernel or data-model type, declared in TypeScript at `ts`. */
  external(kind: "kernel" | "type", name: string, ts: TsLoc): NameSymbol {
    const key = `${kind}:${name}`;
    let s = this.#symbols.get(key);
    if (s === undefined) {
      s = { key, kind, name, ts };
      this.#symbols.set(key, s);
    }
    return s;
  }

  /** Records a declaring occurrence. */
  declare(symbol: NameSymbol): void {
    if (symbol.decl !== undefined && symbol.name !== "") this.#record({ span: symbol.decl, symbol, isDecl: true });
  }

  /** Records that the name at `span` resolved to `symbol`. */
  use(span: Span, symbol: NameSymbol, port = false): void {
    if (span.end > span.start) this.#record({ span, symbol, isDecl: false, ...(port ? { port } : {}) });
  }

  #record(u: NameUse): void {
    const k = `${u.span.file}:${u.span.start}:${u.span.end}`;
    const known = this.#uses.get(k);
    if (known === undefined || (u.port === true && known.port !== true)) this.#uses.set(k, u);
  }

  /** Every occurrence, in source order. */
  all(): NameUse[] {
    return [...this.#uses.values()].sort((a, b) => a.span.file - b.span.file || a.span.start - b.span.start);
  }

  /** The innermost occurrence in `file` whose span holds `offset` (just after a name counts: editors put the cursor there). */
  at(file: number, offset: number): NameUse | undefined {
    let best: NameUse | undefined;
    for (const u of this.#uses.values()) {
      if (u.span.file !== file || offset < u.span.start || offset > u.span.end) continue;
      if (best === undefined || u.span.end - u.span.start < best.span.end - best.span.start) best = u;
    }
    return best;
  }

  /** Every occurrence of a symbol, in source order. */
  usesOf(key: string): NameUse[] {
    return this.all().filter((u) => u.symbol.key === key);
  }

  /** Every declared symbol of the file. */
  declared(): NameSymbol[] {
    return this.all()
      .filter((u) => u.isDecl)
      .map((u) => u.symbol);
  }
}
