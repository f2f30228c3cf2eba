#!/usr/bin/env node
// Runs a TypeScript script of this repository (bench/, scripts/) on Node 20: bundles it with
// esbuild into node_modules/.cache/dflow-run/ (inside the repository, so packages resolve) and
// imports it. Usage: node scripts/run.mjs bench/plan.ts [args…]
import { build } from "esbuild";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error("usage: node scripts/run.mjs FILE.ts [args…]");
  process.exit(2);
}
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const outfile = path.join(root, "node_modules/.cache/dflow-run", entry.replace(/[\\/]/g, "__").replace(/\.ts$/, ".mjs"));
await build({
  entryPoints: [path.resolve(entry)],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
process.argv = [process.argv[0], path.resolve(entry), ...args];
await import(pathToFileURL(outfile).href);
