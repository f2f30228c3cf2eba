/**
 * Language-server latency: `dflow lsp` (dist/dflow.js, run `npm run build` first) opens
 * pipelines/twopct.dflow, then takes R one-character edits (default 50), each alternately adding
 * and removing one letter of a name so that every other version has a check error, and times each
 * from the didChange notification sent to the publishDiagnostics of that version received (the
 * check's diagnostics; lint follows asynchronously and is not waited for). W warm-up edits (default
 * 5) are not counted. Prints the median, the 90th percentile and the load average.
 *
 *   node scripts/run.mjs bench/lsp.ts [--runs R] [--warmup W]
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { diagnosticsFor, LspClient } from "../test/lsp/lspClient.js";

// Run from the repository's root (scripts/run.mjs bundles this file elsewhere).
const ROOT = process.cwd();
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg("--runs", 50);
const warmup = arg("--warmup", 5);

const file = path.join(ROOT, "pipelines/twopct.dflow");
const uri = pathToFileURL(file).href;
const text = readFileSync(file, "utf8");
// The edit: a grid's name where a stage uses it (`e: exposure]` → `e: exposurex]`), so the checker reports DF2002 and then not.
const at = text.indexOf("e: exposure]") + "e: exposure".length;
if (at < "e: exposure".length) throw new Error("twopct.dflow has no `e: exposure]` to edit");
const edited = text.slice(0, at) + "x" + text.slice(at);

const client = new LspClient("node", [path.join(ROOT, "dist/dflow.js"), "lsp"], ROOT);
await client.request("initialize", { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {} });
client.notify("initialized", {});
let version = 1;
const t0 = performance.now();
const opened = client.next(diagnosticsFor(uri, version));
client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "dflow", version, text } });
await opened;
const cold = performance.now() - t0;

const times: number[] = [];
const codes = new Set<string>();
for (let i = 0; i < warmup + runs; i++) {
  version++;
  const next = version % 2 === 0 ? edited : text;
  const start = performance.now();
  const got = client.next(diagnosticsFor(uri, version));
  client.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text: next }] });
  const m = await got;
  const ms = performance.now() - start;
  for (const d of (m.params as { diagnostics: { code: string }[] }).diagnostics) codes.add(d.code);
  if (i >= warmup) times.push(ms);
}
await client.close();
times.sort((a, b) => a - b);
const q = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
console.log(`dflow lsp, pipelines/twopct.dflow (${text.split("\n").length} lines): open → diagnostics ${cold.toFixed(0)} ms (cold)`);
console.log(
  `one-character edit → check's diagnostics, ${runs} edits after ${warmup} warm-up: median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`,
);
console.log(
  `codes seen: ${[...codes].sort().join(", ") || "none"}; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} on ${(await import("node:os")).cpus().length} cores`,
);
