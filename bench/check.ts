/**
 * Front-end benchmark: `dflow check` (the bundled CLI, whole process) on a generated
 * 5,000-line `.dflow` file, median of several runs, beside `node -e 0` (the floor every Node
 * CLI pays) measured in the same run.
 *
 *   npm run build && node scripts/run.mjs bench/check.ts [lines] [runs]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { genLargeDflow } from "./genLargeDflow.js";

const lines = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 7);
const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-bench-"));
const file = path.join(dir, "big.dflow");
writeFileSync(file, genLargeDflow(lines));
const cli = path.resolve("dist/dflow.js");

function time(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync(cmd, args, { stdio: "ignore" });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
const check: number[] = [];
const bare: number[] = [];
const version: number[] = [];
for (let i = 0; i < runs; i++) {
  check.push(time(process.execPath, [cli, "check", file]));
  bare.push(time(process.execPath, ["-e", "0"]));
  version.push(time(process.execPath, [cli, "--version"]));
}
const cpu = os.cpus()[0]?.model ?? "?";
console.log(`machine: ${os.cpus().length} × ${cpu}, node ${process.version}`);
console.log(`file: ${lines} lines, ${(genLargeDflow(lines).length / 1024).toFixed(0)} KiB`);
console.log(
  `dflow check (whole process): median ${median(check).toFixed(3)} s over ${runs} runs (min ${Math.min(...check).toFixed(3)}, max ${Math.max(...check).toFixed(3)})`,
);
console.log(`dflow --version (start-up):   median ${median(version).toFixed(3)} s`);
console.log(`node -e 0 (floor):            median ${median(bare).toFixed(3)} s`);
console.log(`check minus node floor:       ${(median(check) - median(bare)).toFixed(3)} s`);
