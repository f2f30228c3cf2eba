/**
 * Executor overhead: `dflow run` on N no-op tasks (a stage of N partitions, each writing a
 * tiny JSON product), whole process, first run and the no-op rerun, beside `node -e 0`.
 *
 *   npm run build && node scripts/run.mjs bench/runOverhead.ts [N]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const n = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-overhead-"));
mkdirSync(path.join(dir, "k"));
writeFileSync(
  path.join(dir, "k", "index.ts"),
  `import type { KernelContext } from ${JSON.stringify(path.resolve("stdlib/kernel.js"))};
/**
 * A number.
 * @format json
 */
export interface Num {
  /** The value. */
  readonly value: number;
}
/** Does nothing but return its partition. */
export function noop(_inputs: Readonly<Record<string, never>>, _params: Readonly<Record<string, never>>, ctx: KernelContext): { item: Num } {
  return { item: { value: Number(ctx.key["n"]) } };
}
`,
);
writeFileSync(path.join(dir, "k", "package.json"), '{ "type": "module" }\n');
writeFileSync(
  path.join(dir, "noop.dflow"),
  `pipeline noop\nimport "./k" as k\ngrid n = 0..${n - 1}\nproduct item[n] : Num at "item/{n/1000}/item-{n}.json"\nstage noop[i: n] {\n  out item[i]\n  kernel k.noop\n}\n`,
);
const cli = path.resolve("dist/dflow.js");
const time = (args: string[]): number => {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: "pipe", cwd: dir });
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
const first = time([cli, "run", "noop.dflow", "--out", "out"]);
const rerun = time([cli, "run", "noop.dflow", "--out", "out"]);
const bare = time(["-e", "0"]);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}`);
console.log(
  `dflow run, ${n} no-op tasks (default -j: one worker thread per core): first run ${first.toFixed(2)} s (${((first * 1e6) / n).toFixed(0)} µs per task), rerun (nothing to do) ${rerun.toFixed(2)} s; node -e 0: ${bare.toFixed(3)} s`,
);
