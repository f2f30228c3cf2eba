/**
 * Executor overhead: `dflow run` on N no-op tasks (a stage of N partitions, each writing a
 * tiny JSON product), whole process, first run and the no-op rerun, at each `-j` asked for,
 * beside `node -e 0`. With `--repeat R`, each figure is the median of R runs (each first run
 * into a fresh output root).
 *
 * With `--against OTHER/dist/dflow.js`, another build (an earlier commit's) runs the same
 * measurements interleaved with this one's, and the ratios of the medians are printed.
 * The output roots are removed at exit.
 *
 *   npm run build && node scripts/run.mjs bench/runOverhead.ts [N] [-j 1,2] [--repeat 3] [--against PATH]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = argv[i + 1] ?? fallback;
  argv.splice(i, 2);
  return v;
};
const jobsList = flag("-j", "1,2")
  .split(",")
  .map((s) => Number(s));
const repeat = Number(flag("--repeat", "1"));
const against = flag("--against", "");
const n = Number(argv[0] ?? 10_000);
const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-overhead-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
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
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: number[]): string => `${median(xs).toFixed(2)} s` + (xs.length > 1 ? ` (${xs.map((x) => x.toFixed(2)).join(", ")})` : "");
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}`);
const builds =
  against === ""
    ? [["this", cli]]
    : [
        ["this", cli],
        ["against", path.resolve(against)],
      ];
let round = 0;
for (const j of jobsList) {
  const first = new Map<string, number[]>(builds.map(([name]) => [name!, []]));
  const rerun = new Map<string, number[]>(builds.map(([name]) => [name!, []]));
  for (let i = 0; i < repeat; i++) {
    for (const [name, build] of builds) {
      const out = `out-${round++}`;
      first.get(name!)!.push(time([build!, "run", "noop.dflow", "--out", out, "-j", String(j)]));
      rerun.get(name!)!.push(time([build!, "run", "noop.dflow", "--out", out, "-j", String(j)]));
      rmSync(path.join(dir, out), { recursive: true, force: true });
    }
  }
  for (const [name] of builds) {
    const f = first.get(name!)!;
    console.log(
      `${builds.length > 1 ? `[${name}] ` : ""}dflow run -j ${j}, ${n} no-op tasks: first run ${show(f)} (${((median(f) * 1e6) / n).toFixed(0)} µs per task), rerun (nothing to do) ${show(rerun.get(name!)!)}`,
    );
  }
  if (builds.length > 1) {
    const ratio = (m: Map<string, number[]>): string => (median(m.get("this")!) / median(m.get("against")!)).toFixed(2);
    console.log(`-j ${j}: this / against, first run ${ratio(first)}, rerun ${ratio(rerun)}`);
  }
}
console.log(`node -e 0: ${time(["-e", "0"]).toFixed(3)} s`);
