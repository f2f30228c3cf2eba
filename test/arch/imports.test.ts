/**
 * The import graph of src/: phases depend one way (util → diag → syntax → kernels → bound →
 * check → bind → plan → lint → runtime → emit → the driver (compile.ts, then diff/ and drivers/) → the
 * language server (lsp/) → cli), and neither the bound pipeline
 * (src/bound) nor anything that reads it (plan, lint, runtime, emit) reaches the syntax tree, the
 * parser or the checker, even through another module. The bind phase itself reads the AST and
 * the checker's scope: that is its job. Imports are read with TypeScript's own pre-processor,
 * so `import type`, `export … from` and dynamic imports count.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

/** Each folder (or top-level file) of src/ and its rank: a module may import only from its own rank or below. */
const RANK: Readonly<Record<string, number>> = {
  util: 0,
  "version.ts": 0,
  units: 1,
  diag: 1,
  syntax: 2,
  kernels: 3,
  bound: 4,
  check: 5,
  bind: 6,
  plan: 7,
  // Lint reads the bound pipeline and its plan, beside the runtime: neither imports the other.
  lint: 7.5,
  runtime: 8,
  emit: 9,
  "compile.ts": 10,
  // Diff runs the driver's phases on two versions of a pipeline and compares what they bind and plan.
  diff: 10.5,
  drivers: 11,
  // The language server runs the driver's phases on an editor's text; only the CLI starts it.
  lsp: 11.5,
  cli: 12,
};

/** The modules that hold the program's syntax tree, the parser, or the checker (whose scope is made of AST nodes). */
const AST_MODULES = (file: string): boolean => {
  const rel = path.relative(SRC, file).split(path.sep).join("/");
  if (rel.startsWith("check/")) return true;
  return [
    "syntax/ast.ts",
    "syntax/parser.ts",
    "syntax/toAst.ts",
    "syntax/parse.ts",
    "syntax/index.ts",
    "syntax/print.ts",
    "syntax/cst.generated.d.ts",
  ].includes(rel);
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The src/ modules `file` imports directly (relative specifiers resolved, `.js` read as `.ts`). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const out: string[] = [];
  for (const i of info.importedFiles) {
    if (!i.fileName.startsWith(".")) continue;
    const target = path.resolve(path.dirname(file), i.fileName).replace(/\.js$/, ".ts");
    if (target.startsWith(SRC + path.sep)) out.push(target);
  }
  return out;
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

function rankOf(file: string): number {
  const top = path.relative(SRC, file).split(path.sep)[0]!;
  const r = RANK[top];
  if (r === undefined) throw new Error(`src/${top} has no place in the phase order of test/arch/imports.test.ts`);
  return r;
}

/** Every module `file` reaches through imports, with one import chain to each (for the message). */
function reach(file: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  while (queue.length > 0) {
    const f = queue.shift()!;
    for (const t of graph.get(f) ?? []) {
      if (seen.has(t)) continue;
      seen.set(t, [...seen.get(f)!, t]);
      queue.push(t);
    }
  }
  seen.delete(file);
  return seen;
}

const show = (chain: readonly string[]): string => chain.map((f) => path.relative(SRC, f)).join(" → ");

describe("the import graph of src/", () => {
  it("reads real imports: the planner imports the bound pipeline, the runtime reaches the planner, the checker reaches the AST", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(path.join(SRC, "plan/planProgram.ts"))).toContain(path.join(SRC, "bound/index.ts"));
    expect(reach(path.join(SRC, "runtime/runPipeline.ts")).has(path.join(SRC, "plan/planProgram.ts"))).toBe(true);
    // The checker does reach the AST: the predicate finds it where it is.
    expect([...reach(path.join(SRC, "check/checkProgram.ts")).keys()].some(AST_MODULES)).toBe(true);
  });

  it("has no upward import between phases", () => {
    const upward: string[] = [];
    for (const [f, ts_] of graph) for (const t of ts_) if (rankOf(t) > rankOf(f)) upward.push(show([f, t]));
    expect(upward).toEqual([]);
  });

  it("keeps the syntax tree, the parser and the checker out of bound, plan, lint, runtime and emit, directly or through another module", () => {
    const leaks: string[] = [];
    for (const f of files) {
      const top = path.relative(SRC, f).split(path.sep)[0]!;
      if (!["bound", "plan", "lint", "runtime", "emit"].includes(top)) continue;
      for (const [t, chain] of reach(f)) if (AST_MODULES(t)) leaks.push(show(chain));
    }
    expect(leaks).toEqual([]);
  });
});
