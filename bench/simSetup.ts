/**
 * What the exposure benches (bench/fastframe.ts, bench/calib.ts) share: command-line options, a
 * seeded generator for their synthetic inputs, in-memory kernel handles and contexts, the median
 * of the runs, a writer of products through the runtime's FITS codec, and the machine line.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readKernelIndex, resolveModules } from "../src/kernels/index.js";
import { writeProduct } from "../src/runtime/codecs/index.js";
import { makeRng, taskSeed } from "../src/runtime/rng.js";
import type { KernelContext, PartitionKey } from "../stdlib/kernel.js";

/** The number after `name` on the command line, or `fallback`. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

// The seeded generator and the in-memory handles are the calib tests' own (one definition).
export { handle, mulberry } from "../test/calib/fluxFixtures.js";

/** The kernel context of task `key` of `stage`, with the runtime's random stream for that task (src/runtime/rng.ts). */
export function ctxFor(key: PartitionKey, stage: string): KernelContext {
  const canonical = Object.keys(key)
    .sort()
    .map((k) => `${k}=${String(key[k])}`)
    .join(",");
  return { rng: makeRng(taskSeed(1, stage, canonical)), key, log: () => {} };
}

/** The median of the runs (the upper middle for an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** Encodes and writes each product with the runtime's codec for type `typeName` of `module` into a temporary directory (or to `keep(i)`, kept); seconds and bytes. */
export async function timeWrites(
  module: readonly string[],
  typeName: string,
  products: readonly object[],
  keep?: (i: number) => string,
): Promise<{ seconds: number; bytes: number }> {
  const { modules, problems } = resolveModules(join(process.cwd(), "bench/any.dflow"), [{ module: [...module] }]);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  const index = await readKernelIndex(modules);
  const type = index.types.find((t) => t.name === typeName);
  if (type === undefined) throw new Error(`no product type \`${typeName}\``);
  const dir = mkdtempSync(join(os.tmpdir(), "dflow-bench-"));
  let bytes = 0;
  const t0 = performance.now();
  try {
    products.forEach((product, i) => {
      const file = keep !== undefined ? keep(i) : join(dir, `product-${i}.fits`);
      writeProduct(type, product, file);
      bytes += statSync(file).size;
      if (keep === undefined) rmSync(file);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { seconds: (performance.now() - t0) / 1000, bytes };
}

/** The machine, its load and Node's version, for the bench's report. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  return `machine: ${os.cpus()[0]?.model ?? "unknown"}, nproc ${os.availableParallelism()}, load average ${load}, node ${process.version}`;
}
