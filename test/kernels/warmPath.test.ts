import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadKernelIndex, resolveModules } from "../../src/kernels/index.js";
import { copyFixtureWorld, REPO, tempDir } from "./helpers.js";

// `src/kernels` bundled the way the CLI is (ts-morph external) into a temp directory where no
// node_modules can be found: importing ts-morph there fails, so a load that succeeds did not
// import it.
let dir: string;
let remove: () => void;
let stdlib: string;
let fixtures: string;
let runner: string;

const RUNNER = `
import { loadKernelIndex, resolveModules, stdlibRoot } from "./kernels.mjs";
const [mode, dflowFile] = process.argv.slice(2);
if (mode === "root") {
  console.log(JSON.stringify({ root: stdlibRoot() ?? null }));
} else {
  const { modules } = resolveModules(dflowFile, [{ module: "./fx" }]);
  try {
    const t0 = performance.now();
    const r = await loadKernelIndex(modules);
    console.log(JSON.stringify({ fromCache: r.fromCache, kernels: r.index.kernels.map((k) => k.name), ms: performance.now() - t0 }));
  } catch (e) {
    console.log(JSON.stringify({ error: String(e && e.message) }));
  }
}
`;

beforeAll(async () => {
  ({ dir, remove } = tempDir());
  ({ stdlib, fixtures } = copyFixtureWorld(dir));
  await build({
    entryPoints: [join(REPO, "src/kernels/index.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: join(dir, "dist/kernels.mjs"),
    external: ["ts-morph"],
    logLevel: "warning",
  });
  runner = join(dir, "dist/run.mjs");
  writeFileSync(runner, RUNNER);
});
afterAll(() => remove());

function run(mode: "root" | "load", env: Record<string, string>): Record<string, unknown> {
  const { DFLOW_STDLIB: _s, DFLOW_CACHE_DIR: _c, ...base } = process.env;
  const out = execFileSync(process.execPath, [runner, mode, join(fixtures, "pipeline.dflow")], { cwd: dir, env: { ...base, ...env }, encoding: "utf8" });
  return JSON.parse(out) as Record<string, unknown>;
}

test("bundled, the standard library is found next to the bundle's directory.", () => {
  expect(run("root", {})).toEqual({ root: stdlib });
});

test("a cold load in the bundle needs ts-morph (it cannot find it here); a warm load does not import it.", async () => {
  const env = { DFLOW_STDLIB: stdlib, DFLOW_CACHE_DIR: join(dir, "cache") };
  const cold = run("load", env);
  expect(String(cold["error"])).toMatch(/Cannot find package 'ts-morph'/);

  const { modules } = resolveModules(join(fixtures, "pipeline.dflow"), [{ module: "./fx" }], { stdlibRoot: stdlib });
  const warmed = await loadKernelIndex(modules, { env });
  expect(warmed.fromCache).toBe(false);

  const warm = run("load", env);
  expect(warm["error"]).toBeUndefined();
  expect(warm["fromCache"]).toBe(true);
  expect(warm["kernels"]).toEqual(warmed.index.kernels.map((k) => k.name));
});
