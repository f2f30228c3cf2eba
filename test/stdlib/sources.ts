/** The TypeScript sources of the repository, parsed, for tests of the code base's own shape. */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The repository's root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Every `.ts` file under `dir` (relative to the root), as root-relative paths with `/`, sorted. */
export function tsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(join(ROOT, d), { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Parses `text` as the TypeScript file `path` (root-relative). */
export function parse(path: string, text: string = readFileSync(join(ROOT, path), "utf8")): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Calls `visit` on every node of `file`, depth first. */
export function walk(file: ts.SourceFile, visit: (node: ts.Node) => void): void {
  const go = (n: ts.Node): void => {
    visit(n);
    ts.forEachChild(n, go);
  };
  go(file);
}

/** One place in a file: root-relative path and 1-based line. */
export function where(file: ts.SourceFile, node: ts.Node): string {
  return `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
}

/**
 * The module specifiers a file imports or re-exports (static imports, `export … from`, `import
 * type`, dynamic `import("…")`), each resolved to a root-relative path when it is relative
 * (`.js` suffix mapped back to `.ts`), else kept as written (`node:fs`, `vitest`).
 */
export function importsOf(file: ts.SourceFile): { readonly spec: string; readonly target: string; readonly at: string }[] {
  const out: { spec: string; target: string; at: string }[] = [];
  const add = (lit: ts.Node): void => {
    if (!ts.isStringLiteralLike(lit)) return;
    const spec = lit.text;
    const target = spec.startsWith(".")
      ? relative(ROOT, resolve(ROOT, dirname(file.fileName), spec))
          .split("\\")
          .join("/")
          .replace(/\.js$/, ".ts")
      : spec;
    out.push({ spec, target, at: where(file, lit) });
  };
  walk(file, (n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier !== undefined) add(n.moduleSpecifier);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] !== undefined) add(n.arguments[0]);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n.argument.literal);
  });
  return out;
}
