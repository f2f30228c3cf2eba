/**
 * Where a kernel's code reads a column: the column's name as a property (`list.EXPTIME`,
 * `const { EXPTIME } = list`) or as a string (`list["EXPTIME"]`, `col("EXPTIME")`) in a file of
 * the kernel's import closure, found with ts-morph on the source (syntax only: no type checking,
 * so that a diff stays fast). The data model's own declarations of the column are not reads.
 */
import { readFileSync } from "node:fs";
import type * as TsMorphModule from "ts-morph";

/** A read of a column: the file and the UTF-16 offsets of the name. */
export interface ColumnRead {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** Finds reads of columns in source files, each file parsed once. */
export class ColumnReadFinder {
  #morph: typeof TsMorphModule | undefined;
  #project: TsMorphModule.Project | undefined;
  /** Per file: every name read as a property or a string, with its first place. */
  readonly #names = new Map<string, Map<string, ColumnRead>>();

  async #load(): Promise<typeof TsMorphModule> {
    this.#morph ??= await import("ts-morph");
    return this.#morph;
  }

  async #namesIn(file: string): Promise<Map<string, ColumnRead>> {
    const known = this.#names.get(file);
    if (known !== undefined) return known;
    const m = await this.#load();
    this.#project ??= new m.Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: false } });
    const names = new Map<string, ColumnRead>();
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      // A file gone reads nothing.
    }
    const sf = this.#project.createSourceFile(`/f${this.#names.size}.ts`, text, { overwrite: true });
    const K = m.SyntaxKind;
    const note = (name: string, node: TsMorphModule.Node): void => {
      if (!names.has(name)) names.set(name, { file, start: node.getStart(), end: node.getEnd() });
    };
    sf.forEachDescendant((node) => {
      switch (node.getKind()) {
        case K.PropertyAccessExpression: {
          const n = (node as TsMorphModule.PropertyAccessExpression).getNameNode();
          note(n.getText(), n);
          break;
        }
        case K.BindingElement: {
          const b = node as TsMorphModule.BindingElement;
          const n = b.getPropertyNameNode() ?? b.getNameNode();
          if (n.getKind() === K.Identifier) note(n.getText(), n);
          break;
        }
        case K.StringLiteral:
        case K.NoSubstitutionTemplateLiteral:
          note((node as TsMorphModule.StringLiteral).getLiteralValue(), node);
          break;
        default:
          break;
      }
    });
    this.#names.set(file, names);
    return names;
  }

  /** The first read of `column` in `files` (in their order), if any. */
  async find(files: readonly string[], column: string): Promise<ColumnRead | undefined> {
    for (const f of files) {
      const r = (await this.#namesIn(f)).get(column);
      if (r !== undefined) return r;
    }
    return undefined;
  }
}
