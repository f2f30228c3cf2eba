/**
 * `dflow check` on a pipeline binding 15 kernels: cold (empty kernel cache: ts-morph reads the
 * kernels and the data model) and warm (cache filled), whole process, medians over several
 * runs, beside `node -e 0` measured in the same run.
 *
 *   npm run build && node scripts/run.mjs bench/checkWarm.ts [runs]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const runs = Number(process.argv[2] ?? 7);
const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-checkwarm-"));
const stdlib = path.resolve("stdlib");
mkdirSync(path.join(dir, "kernels"));
const N = 15;
const kernels: string[] = [
  `import type { Handle, KernelContext, int, float } from ${JSON.stringify(path.join(stdlib, "kernel.js"))};`,
  `import type { Frame, CFrame, FiberFlat } from ${JSON.stringify(path.join(stdlib, "datamodel/index.js"))};`,
];
for (let i = 0; i < N; i++) {
  kernels.push(`
/** Step ${i}. */
export function step${i}(
  inputs: { readonly frame: Handle<Frame>; readonly flats: readonly Handle<FiberFlat>[] },
  params: {
    /** Sigma clip. @default 5 */
    readonly nsig: float;
    /** Iterations. */
    readonly niter: int;
  },
  ctx: KernelContext,
): Promise<{ cframe: CFrame }> {
  ctx.log(String(params.nsig + params.niter + inputs.flats.length));
  return Promise.reject(new Error("benchmark kernel: checked, never run"));
}`);
}
writeFileSync(path.join(dir, "kernels", "index.ts"), kernels.join("\n") + "\n");
const dflow: string[] = [
  "pipeline warm",
  'import "./kernels" as k',
  "grid exposure = exposures.EXPID key { night = NIGHT, flavor = FLAVOR }",
  "grid night = exposures.NIGHT",
  "grid camera = {b, r, z}",
  "grid petal = 0..9",
  'product exposures : ExposureList at "exposures.ecsv"',
  'product flat[night, camera, petal] : FiberFlat at "flat/{night}/flat-{camera}{petal}.fits"',
  'product frame0[exposure, camera, petal] : Frame at "f0/{exposure:08d}/frame-{camera}{petal}.fits"',
];
for (let i = 0; i < N; i++) {
  dflow.push(
    `product c${i}[exposure, camera, petal] : CFrame at "c${i}/{exposure:08d}/cframe-{camera}{petal}.fits"`,
    `stage s${i}[e: exposure, c: camera, p: petal] where e.flavor == "science" {`,
    `  in frame: frame0[e, c, p]`,
    `  in flats: flat[n, c, p] for n in night where n == e.night`,
    `  out cframe: c${i}[e, c, p]`,
    `  kernel k.step${i}`,
    `  param niter = ${i + 1}`,
    `  time 10min per 250 spectra`,
    `}`,
  );
}
writeFileSync(path.join(dir, "warm.dflow"), dflow.join("\n") + "\n");
const cli = path.resolve("dist/dflow.js");
const cache = path.join(dir, "cache");

function time(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: "pipe", env: { ...process.env, ...env } });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const cold: number[] = [];
const warm: number[] = [];
const bare: number[] = [];
for (let i = 0; i < Math.min(runs, 5); i++) {
  rmSync(cache, { recursive: true, force: true });
  cold.push(time([cli, "check", path.join(dir, "warm.dflow")], { DFLOW_CACHE_DIR: cache }));
}
for (let i = 0; i < runs; i++) {
  warm.push(time([cli, "check", path.join(dir, "warm.dflow")], { DFLOW_CACHE_DIR: cache }));
  bare.push(time(["-e", "0"]));
}
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}`);
console.log(`pipeline: ${N} stages binding ${N} kernels (plus the DESI data model), ${dflow.length} lines`);
console.log(`dflow check cold (empty cache, ts-morph): median ${median(cold).toFixed(3)} s over ${cold.length} runs`);
console.log(
  `dflow check warm (cache filled):          median ${median(warm).toFixed(3)} s over ${runs} runs (min ${Math.min(...warm).toFixed(3)}, max ${Math.max(...warm).toFixed(3)})`,
);
console.log(`node -e 0 (floor):                         median ${median(bare).toFixed(3)} s`);
