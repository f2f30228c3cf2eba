/**
 * What one exported kernel depends on, for change detection per kernel (docs/kernels.md#change-detection):
 * the top-level statements of its own file that its declaration reaches by name (helpers,
 * constants, types, the imports it uses), and the files those imports reach. Editing another
 * kernel of the same file, or a helper only that other kernel uses, changes neither.
 */
import { createHash } from "node:crypto";
import type { Node, SourceFile, Statement } from "ts-morph";
import type { TsMorph } from "./morphHelpers.js";

/** A file's top-level statements by the names they declare, and those that run whatever is used. */
interface FileNames {
  readonly byName: ReadonlyMap<string, readonly Statement[]>;
  /** Statements that run when the module loads (expression statements, side-effect imports): always part of a kernel. */
  readonly always: readonly Statement[];
}

const fileNames = new WeakMap<SourceFile, FileNames>();

function namesOf(tm: TsMorph, file: SourceFile): FileNames {
  const known = fileNames.get(file);
  if (known !== undefined) return known;
  const byName = new Map<string, Statement[]>();
  const always: Statement[] = [];
  const add = (name: string | undefined, s: Statement): void => {
    if (name === undefined) return;
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [s]);
    else if (!list.includes(s)) list.push(s);
  };
  for (const s of file.getStatements()) {
    if (tm.Node.isImportDeclaration(s)) {
      const clause = s.getImportClause();
      if (clause === undefined) always.push(s);
      add(s.getDefaultImport()?.getText(), s);
      add(s.getNamespaceImport()?.getText(), s);
      for (const n of s.getNamedImports()) add((n.getAliasNode() ?? n.getNameNode()).getText(), s);
    } else if (tm.Node.isVariableStatement(s)) {
      for (const d of s.getDeclarations()) {
        const n = d.getNameNode();
        if (tm.Node.isIdentifier(n)) add(n.getText(), s);
        else for (const id of n.getDescendantsOfKind(tm.SyntaxKind.Identifier)) add(id.getText(), s);
      }
    } else if (
      tm.Node.isFunctionDeclaration(s) ||
      tm.Node.isClassDeclaration(s) ||
      tm.Node.isInterfaceDeclaration(s) ||
      tm.Node.isTypeAliasDeclaration(s) ||
      tm.Node.isEnumDeclaration(s) ||
      tm.Node.isModuleDeclaration(s)
    ) {
      add(s.getName(), s);
    } else if (tm.Node.isExpressionStatement(s) || tm.Node.isIfStatement(s) || tm.Node.isForStatement(s) || tm.Node.isBlock(s)) {
      always.push(s);
    }
  }
  const out = { byName, always };
  fileNames.set(file, out);
  return out;
}

/** A kernel's own dependencies: the files its used imports reach, and the hash of its file's statements it reaches. */
export interface KernelDependencies {
  /** Absolute paths, sorted: the files reached through the imports the kernel's statements use (not its own file, unless an import leads back to it). */
  readonly files: readonly string[];
  /** SHA-256 (hex) of the text (JSDoc included) of its own file's statements it reaches, in file order. */
  readonly declarationHash: string;
}

/**
 * The dependencies of the kernel declared by `decl`: from its top-level statement, every
 * top-level statement of the same file whose declared name appears in a reached statement (by
 * name, without the type checker: a shadowing local only adds a statement, never loses one),
 * plus the statements that run on load; the files reached through the imports among them
 * (`closureOf` of each imported file).
 */
export function kernelDependencies(tm: TsMorph, decl: Node, closureOf: (file: SourceFile) => readonly string[]): KernelDependencies {
  const file = decl.getSourceFile();
  const names = namesOf(tm, file);
  const top = (decl.getParent() === file ? decl : decl.getAncestors().find((a) => a.getParent() === file)) as Statement | undefined;
  const reached = new Set<Statement>(names.always);
  if (top !== undefined) reached.add(top);
  // A kernel with overloads: every declaration of its name.
  const own = top !== undefined && (tm.Node.isFunctionDeclaration(top) ? top.getName() : undefined);
  if (typeof own === "string") for (const s of names.byName.get(own) ?? []) reached.add(s);
  const todo = [...reached];
  for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
    for (const id of s.getDescendantsOfKind(tm.SyntaxKind.Identifier)) {
      for (const d of names.byName.get(id.getText()) ?? []) {
        if (reached.has(d)) continue;
        reached.add(d);
        todo.push(d);
      }
    }
  }
  const files = new Set<string>();
  const h = createHash("sha256");
  for (const s of [...reached].sort((a, b) => a.getPos() - b.getPos())) {
    h.update(s.getFullText()).update("\0");
    if (!tm.Node.isImportDeclaration(s)) continue;
    const target = s.getModuleSpecifierSourceFile();
    if (target === undefined || target.isDeclarationFile() || target.isInNodeModules()) continue;
    for (const f of closureOf(target)) files.add(f);
  }
  return { files: [...files].sort(), declarationHash: h.digest("hex") };
}
