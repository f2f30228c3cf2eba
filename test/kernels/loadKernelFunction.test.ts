import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKernelFunction, loadKernelIndex, moduleClosure, resolveModules, runnableModule } from "../../src/kernels/index.js";

describe("loading kernels for running", () => {
  it("transpiles a user's kernel module into a content-keyed directory and calls a kernel", async () => {
    const r = resolveModules(path.resolve("test/fixtures/check/x.dflow"), [
      { module: "../kernels/fx", alias: "fx" },
      { module: "../kernels/model", alias: "model" },
    ]);
    const { index } = await loadKernelIndex(r.modules, { cacheDir: mkdtempSync(path.join(os.tmpdir(), "dflow-kc-")) });
    const loaded = await loadKernelFunction(index, "fx.scale");
    expect(loaded.error).toBeUndefined();
    const image = {
      header: {},
      FLUX: { data: new Float32Array([1, 2]), shape: [1, 2] },
      FIBERMAP: { TARGETID: new BigInt64Array([1n]), FIBER: new Int32Array([0]) },
    };
    const logs: string[] = [];
    const out = (await loaded.fn!({ image: { read: async () => image } }, { factor: 2, offset: 0, passes: 1 }, { log: (m: string) => logs.push(m) })) as {
      scaled: unknown;
    };
    expect(out.scaled).toBe(image);
    expect(logs).toEqual(["scale 2 0 1"]);
    const again = await runnableModule(path.resolve("test/fixtures/kernels/fx/index.ts"));
    expect(again).toMatch(/modules\/[0-9a-f]{32}\//);
    expect((await loadKernelFunction(index, "fx.nothing")).error).toBe("there is no kernel `fx.nothing`");
  });

  it("follows relative imports and re-exports to the module's closure", () => {
    const files = moduleClosure(path.resolve("test/fixtures/kernels/fx/index.ts")).map((f) => path.relative(process.cwd(), f));
    expect(files).toEqual(
      [
        "test/fixtures/kernels/fx/index.ts",
        "test/fixtures/kernels/fx/summarize.ts",
        "test/fixtures/kernels/model/index.ts",
        "test/fixtures/kernels/model/more.ts",
        "stdlib/kernel.ts",
        "stdlib/datamodel/values.ts",
      ].sort(),
    );
  });

  it("runs the standard library from the build's compiled copy", async () => {
    const file = await runnableModule(path.resolve("stdlib/healpix/index.ts"));
    expect(path.relative(process.cwd(), file)).toBe(path.join("dist", "stdlib", "healpix", "index.js"));
    const hp = (await import(pathToFileURL(file).href)) as { nside2npix(n: number): number };
    expect(hp.nside2npix(64)).toBe(49152);
  });
});
