#!/usr/bin/env node
// Builds dist/dflow.js: the CLI bundled into one ESM file with every dependency inside
// (chevrotain unbundled costs ~0.24 s of imports; bundled, a warm command starts in tens of
// milliseconds). ts-morph stays external: it loads only when the kernel cache misses.
import { build } from "esbuild";
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import ts from "typescript";
import { dirname, join } from "node:path";
import { buildId } from "./buildId.mjs";

await build({
  entryPoints: ["src/cli/main.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: "dist/dflow.js",
  external: ["ts-morph"],
  // The build's identity, which keys the kernel-index cache (src/kernels/kernelIndexVersion.ts).
  define: { __DFLOW_BUILD__: JSON.stringify(buildId()) },
  banner: { js: "import { createRequire as __dflowCreateRequire } from 'node:module'; const require = __dflowCreateRequire(import.meta.url);" },
  legalComments: "none",
  minifySyntax: true,
  logLevel: "warning",
});
chmodSync("dist/dflow.js", 0o755);

// The standard library, compiled file by file into dist/stdlib (same layout), so kernels run
// without a transpile step; the kernel loader uses a file when it is newer than its source.
/** @type {string[]} */
const stdlibFiles = [];
/** @param {string} dir */
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts")) stdlibFiles.push(p);
  }
};
walk("stdlib");
await build({
  entryPoints: stdlibFiles,
  outbase: "stdlib",
  outdir: "dist/stdlib",
  bundle: false,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});

// The package's public types (package.json "exports"): the kernel contract (`dflow/kernel`) and the
// data model (`dflow/datamodel`), as declaration files beside their compiled modules in dist/stdlib,
// so a user's kernel imports them from an installed package. Declarations are made file by file
// (these files declare every exported type explicitly); the stdlib is type-checked by `tsc -p .`, once,
// not by every `dflow check`.
const declared = ["stdlib/kernel.ts", ...stdlibFiles.filter((f) => f.startsWith(join("stdlib", "datamodel") + "/"))];
for (const f of declared) {
  const r = ts.transpileDeclaration(readFileSync(f, "utf8"), { fileName: f, compilerOptions: { strict: true } });
  if (r.diagnostics !== undefined && r.diagnostics.length > 0) {
    throw new Error(`${f}: ${r.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")).join("; ")}`);
  }
  const out = join("dist", f.replace(/\.ts$/, ".d.ts"));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, r.outputText);
}
console.log(`built dist/dflow.js, ${stdlibFiles.length} stdlib modules in dist/stdlib and ${declared.length} declaration files`);
