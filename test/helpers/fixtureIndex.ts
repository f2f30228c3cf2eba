/** The kernel index of the fixture modules in test/fixtures/kernels, read once per test file (cache in a temp dir). */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadKernelIndex, resolveModules, type KernelIndex } from "../../src/kernels/index.js";

let cached: Promise<KernelIndex> | undefined;

/** Index of `import "../kernels/fx" as fx` and `import "../kernels/model" as model` (plus the data model). */
export function fixtureIndex(): Promise<KernelIndex> {
  cached ??= (async () => {
    const dflow = path.resolve("test/fixtures/check/pipeline.dflow");
    const r = resolveModules(dflow, [
      { module: "../kernels/fx", alias: "fx" },
      { module: "../kernels/model", alias: "model" },
    ]);
    if (r.problems.length > 0) throw new Error(JSON.stringify(r.problems));
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "dflow-fixture-cache-"));
    return (await loadKernelIndex(r.modules, { cacheDir })).index;
  })();
  return cached;
}

/** The import lines a test pipeline needs to see the fixture modules. */
export const FIXTURE_IMPORTS = 'import "../kernels/fx" as fx\nimport "../kernels/model" as model\n';
