import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { diag } from "../../diag/codes.js";
import { writeFileAtomic } from "../../util/writeFileAtomic.js";
import { DFLOW_VERSION } from "../../version.js";
import { defineCommand, result } from "../CliCommand.js";
import { formatOption, report } from "../report.js";

/** The TypeScript and Node type packages a scaffold's `npm test` compiles with (those dflow itself is built with). */
export const SCAFFOLD_DEV_DEPENDENCIES: Readonly<Record<string, string>> = { typescript: "5.9.3", "@types/node": "20.19.43" };

/** A pipeline name from a directory's name: letters, digits and underscores, starting with a letter. */
function pipelineName(dir: string): string {
  const base = path.basename(path.resolve(dir)).replace(/[^A-Za-z0-9_]+/g, "_");
  return /^[A-Za-z]/.test(base) ? base : `p_${base}`;
}

const PIPELINE = (name: string): string => `# ${name}: a starting pipeline made by \`dflow init\`. Each task of \`draw\` draws normal deviates
# for one chunk; \`summarize\` gathers every chunk and writes their count, mean and variance.
#
#   dflow check pipeline.dflow      # the pipeline, and the kernels' TypeScript
#   dflow run pipeline.dflow        # products under ./out/${name}
#   npm test                        # the kernels' own tests

pipeline ${name}

import "./kernels" as kernels

# Seeds every task's random numbers.
param seed: int = 1
# Deviates drawn per chunk.
param count: int = 200

grid chunk = 0..3

product samples[chunk] : Samples at "samples/samples-{chunk}.json"
product summary : Summary at "summary.json"

stage draw[c: chunk] {
  out samples[c]
  kernel kernels.draw
  param count = count
  param mean = 10.0
  time 10s
  memory 1GB
}

stage summarize {
  in samples: samples[c] for c in chunk
  out summary
  kernel kernels.summarize
  time 10s
  memory 1GB
}
`;

const KERNELS = `/**
 * The pipeline's kernels. A kernel is an exported function (inputs, params, ctx) => outputs; its
 * types come from the package (\`dflow/kernel\`: Handle, KernelContext, GridKeys, int, float, …).
 * dflow reads the signatures and the product types below, and \`dflow check\` type-checks this file.
 */
import type { float, Handle, int, KernelContext } from "dflow/kernel";
import { KernelError } from "dflow/kernel";
import { moments } from "./moments.js";

/**
 * The deviates drawn for one chunk.
 * @format json
 */
export interface Samples {
  readonly chunk: number;
  readonly values: readonly number[];
}

/**
 * Count, mean and variance of every chunk's deviates.
 * @format json
 */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/** Draws \`count\` normal deviates of mean \`mean\` and unit variance, from the task's seeded random source. */
export function draw(_inputs: Readonly<Record<string, never>>, params: { readonly count: int; readonly mean: float }, ctx: KernelContext): { samples: Samples } {
  const values: number[] = [];
  for (let i = 0; i < params.count; i++) values.push(params.mean + ctx.rng.normal());
  return { samples: { chunk: Number(ctx.key["chunk"]), values } };
}

/** The count, mean and variance of every chunk's deviates, read one chunk at a time. */
export async function summarize(
  inputs: { readonly samples: readonly Handle<Samples>[] },
  _params: Readonly<Record<string, never>>,
  ctx: KernelContext,
): Promise<{ summary: Summary }> {
  const all: number[] = [];
  for (const h of inputs.samples) all.push(...(await h.read()).values);
  if (all.length < 2) throw new KernelError(\`\${all.length} deviates: a variance needs two\`);
  ctx.log(\`\${inputs.samples.length} chunks, \${all.length} deviates\`);
  return { summary: moments(all) };
}
`;

const MOMENTS = `/** Count, mean and (unbiased) variance of values, in one pass (Welford's update, stable for large means). */
export function moments(values: Iterable<number>): { n: number; mean: number; variance: number } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of values) {
    n += 1;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : Number.NaN };
}
`;

const TEST = `import assert from "node:assert/strict";
import { test } from "node:test";
import { moments } from "../kernels/moments.js";

test("moments agree with the two-pass formula on data shifted by a known offset, for a large mean", () => {
  const offset = 1e9;
  const values = Array.from({ length: 1000 }, (_, i) => offset + Math.sin(i) * 3);
  // The reference: two passes over the values less the offset (an exact subtraction), where rounding is small.
  const shifted = values.map((v) => v - offset);
  const n = shifted.length;
  const mean = shifted.reduce((a, b) => a + b, 0) / n;
  const variance = shifted.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const m = moments(values);
  assert.equal(m.n, n);
  assert.ok(Math.abs(m.mean - offset - mean) <= 1e-6, \`mean \${m.mean} vs \${offset + mean}\`);
  assert.ok(Math.abs(m.variance / variance - 1) <= 1e-8, \`variance \${m.variance} vs \${variance}\`);
});
`;

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "skipLibCheck": true,
    "types": ["node"],
    "rootDir": ".",
    "outDir": "build"
  },
  "include": ["kernels", "test"]
}
`;

const PACKAGE = (name: string): string =>
  JSON.stringify(
    {
      name: name.toLowerCase().replace(/_/g, "-"),
      private: true,
      type: "module",
      scripts: { check: "dflow check pipeline.dflow", pipeline: "dflow run pipeline.dflow", test: "tsc -p . && node --test build/test/moments.test.js" },
      dependencies: { dflow: `^${DFLOW_VERSION}` },
      devDependencies: SCAFFOLD_DEV_DEPENDENCIES,
    },
    null,
    2,
  ) + "\n";

/** The files of a new pipeline directory, by relative path. */
export function scaffoldFiles(dir: string): Record<string, string> {
  const name = pipelineName(dir);
  return {
    "pipeline.dflow": PIPELINE(name),
    "kernels/index.ts": KERNELS,
    "kernels/moments.ts": MOMENTS,
    "test/moments.test.ts": TEST,
    "tsconfig.json": TSCONFIG,
    "package.json": PACKAGE(name),
    ".gitignore": "node_modules/\nbuild/\nout/\n",
  };
}

/** `dflow init DIR`: a new pipeline directory with a kernel module, package.json, tsconfig and a test. */
export const initCommand = defineCommand(
  (parent) =>
    parent
      .command("init")
      .description("make a new pipeline directory: a .dflow file, a kernel module, package.json, tsconfig.json and a test")
      .argument("<dir>", "the directory to make (absent or empty)")
      .addOption(formatOption())
      .addHelpText(
        "after",
        `
Then, in DIR:
  npm install                       # dflow's kernel types (dflow/kernel), TypeScript
  dflow check pipeline.dflow && dflow run pipeline.dflow && npm test
docs/kernels.md says how kernels are written, checked and rerun.`,
      ),
  (io, dir: string, flags: { readonly format: string }) => {
    const abs = path.resolve(io.cwd, dir);
    if (existsSync(abs) && (!statSync(abs).isDirectory() || readdirSync(abs).length > 0)) {
      const r = result([diag("DF5001", `\`${dir}\` exists and is not an empty directory: \`dflow init\` makes a new one.`, undefined)]);
      report(io, r, flags.format);
      return r;
    }
    const files = scaffoldFiles(abs);
    for (const [rel, text] of Object.entries(files)) writeFileAtomic(path.join(abs, rel), text);
    io.stderr(`made ${dir}: ${Object.keys(files).join(", ")}\nnext: cd ${dir} && npm install && dflow check pipeline.dflow && dflow run pipeline.dflow\n`);
    return result([]);
  },
);
