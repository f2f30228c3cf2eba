/**
 * Change detection per exported kernel (docs/kernels.md#change-detection): editing one of two
 * kernels of one file reruns only that kernel's tasks, a helper only one kernel uses belongs to
 * that kernel alone, and task records written when dflow hashed the whole file are migrated,
 * not rerun.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { checkFile, defaultIndexLoader } from "../../src/compile.js";
import { SourceMap } from "../../src/diag/SourceMap.js";
import { CODEC_VERSION } from "../../src/runtime/codecs/index.js";
import { sha256, stateDir, writeState, type TaskState } from "../../src/runtime/state.js";
import { DFLOW_VERSION } from "../../src/version.js";
import { runCli } from "../helpers/cli.js";
import { tempDir, writeTree } from "./helpers.js";

const KERNELS = `import type { Handle, KernelContext, int } from "dflow/kernel";

/**
 * Draws of one chunk.
 * @format json
 */
export interface Draws { readonly values: readonly number[]; }

/**
 * Their sum.
 * @format json
 */
export interface Total { readonly sum: number; }

/** Uniform draws, scaled. */
function scaled(u: number): number {
  return 2 * u;
}

export function draw(_inputs: Readonly<Record<string, never>>, params: { readonly count: int }, ctx: KernelContext): { draws: Draws } {
  const values: number[] = [];
  for (let i = 0; i < params.count; i++) values.push(scaled(ctx.rng.uniform()));
  return { draws: { values } };
}

export async function total(inputs: { readonly draws: readonly Handle<Draws>[] }, _params: Readonly<Record<string, never>>, _ctx: KernelContext): Promise<{ total: Total }> {
  let sum = 0;
  for (const h of inputs.draws) for (const v of (await h.read()).values) sum += v;
  return { total: { sum } };
}
`;

const PIPELINE = `pipeline twokernels
import "./kernels" as k
param seed: int = 3
grid chunk = 0..2
product draws[chunk] : Draws at "draws-{chunk}.json"
product total : Total at "total.json"
stage draw[c: chunk] {
  out draws[c]
  kernel k.draw
  param count = 4
}
stage sum {
  in draws: draws[c] for c in chunk
  out total
  kernel k.total
}
`;

const t = tempDir("dflow-perkernel-");
afterAll(() => t.remove());
const env = { DFLOW_CACHE_DIR: join(t.dir, "cache") };
const out = join(t.dir, "out");
const file = join(t.dir, "p/pipeline.dflow");
const kernels = join(t.dir, "p/kernels/index.ts");

/** `ran/up to date` of a run. */
async function run(): Promise<string> {
  const r = await runCli(["run", file, "--out", out], t.dir, env);
  expect(r.code, r.stderr).toBe(0);
  const m = /run: (\d+) tasks? run, (\d+) up to date/.exec(r.stderr);
  return m === null ? r.stderr : `${m[1]}/${m[2]}`;
}

const edit = (from: string, to: string): void => {
  const text = readFileSync(kernels, "utf8");
  expect(text).toContain(from);
  writeFileSync(kernels, text.replace(from, to));
};

/** Every task record under the output root. */
function records(): { path: string; state: TaskState }[] {
  const dir = join(stateDir(out), "state");
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".json"))
    .map((e) => ({ path: join(e.parentPath, e.name), state: JSON.parse(readFileSync(join(e.parentPath, e.name), "utf8")) as TaskState }));
}

describe("change detection per exported kernel", () => {
  test("editing one of two kernels in one file reruns only its tasks; a helper belongs to the kernel using it", async () => {
    writeTree(t.dir, { "p/pipeline.dflow": PIPELINE, "p/kernels/index.ts": KERNELS });
    expect(await run()).toBe("4/0");
    expect(await run()).toBe("0/4");
    // The second kernel's body: its one task reruns, the three of the first are up to date.
    edit("let sum = 0;", "let sum = 0; // summed in key order");
    expect(await run()).toBe("1/3");
    // The helper only `draw` uses: its three tasks rerun, write the same bytes, and `sum` stops there.
    edit("return 2 * u;", "return u * 2;");
    expect(await run()).toBe("3/1");
  }, 120_000);

  test("records fingerprinted with the whole file's closure (an older dflow) are migrated, not rerun", async () => {
    const sources = new SourceMap();
    const checked = await checkFile(sources, file, { loadIndex: defaultIndexLoader });
    const stages = checked.value?.bound?.stages ?? [];
    const former = new Map(stages.map((s) => [s.kernel?.name, s.kernel?.formerClosure]));
    expect(former.get("k.draw")).toMatch(/^[0-9a-f]{64}$/);
    // Rewrite every record as an older dflow wrote it: its fingerprint over the former closure hash.
    const recs = records();
    expect(recs).toHaveLength(4);
    for (const { state } of recs) {
      const b = state.basis!;
      const fp = sha256(DFLOW_VERSION, CODEC_VERSION, former.get(b.kernel)!, JSON.stringify(b.params), b.seed, state.id, ...b.inputs.map(([, h]) => h));
      writeState(out, { ...state, fingerprint: fp, basis: { ...b, closure: former.get(b.kernel)! } });
    }
    expect(await run()).toBe("0/4");
    // Migrated: the records now hold the current fingerprints, and say so on the next run too.
    for (const { state } of records()) expect(state.basis?.closure).not.toBe(former.get(state.basis?.kernel));
    expect(await run()).toBe("0/4");
  }, 120_000);
});
