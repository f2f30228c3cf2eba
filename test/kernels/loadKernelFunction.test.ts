import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { loadFailure } from "../../src/kernels/loadKernelFunction.js";
import { kernelCacheDir } from "../../src/kernels/loadKernelIndex.js";
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

describe("a kernel module importing by absolute path or `.ts` specifier", () => {
  it("follows and hashes the files, and its tasks run (`dflow run`), each form", () => {
    const std = path.resolve("stdlib/kernel");
    const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-absimport-"));
    mkdirSync(path.join(dir, "k"));
    writeFileSync(path.join(dir, "k", "twice.ts"), "export const twice = (x: number): number => 2 * x;\n");
    writeFileSync(path.join(dir, "k", "half.ts"), "export const half = (x: number): number => x / 2;\n");
    writeFileSync(
      path.join(dir, "k", "index.ts"),
      [
        `import { KernelError } from "${std}.js";`,
        `import type { KernelContext } from "${std}.ts";`,
        `import { twice } from "${path.join(dir, "k", "twice.ts")}";`,
        `import { half } from "./half.ts";`,
        "/**\n * A number.\n * @format json\n */",
        "export interface Num {\n  readonly value: number;\n}",
        "/** Twice the key, or a KernelError for key 3. */",
        "export function make(_inputs: Readonly<Record<string, never>>, _params: Readonly<Record<string, never>>, ctx: KernelContext): { item: Num } {",
        '  const n = Number(ctx.key["n"]);',
        '  if (n === 3) throw new KernelError("three is refused");',
        "  return { item: { value: half(twice(twice(n))) } };",
        "}",
        "",
      ].join("\n"),
    );
    const files = moduleClosure(path.join(dir, "k", "index.ts"));
    expect(files).toEqual(
      [
        path.resolve("stdlib/kernel.ts"),
        path.resolve("stdlib/datamodel/values.ts"),
        ...["half.ts", "index.ts", "twice.ts"].map((f) => path.join(dir, "k", f)),
      ].sort(),
    );
    writeFileSync(
      path.join(dir, "a.dflow"),
      'pipeline absimport\nimport "./k" as k\ngrid n = 0..3\nproduct item[n] : Num at "item/item-{n}.json"\nstage make[i: n] {\n  out item[i]\n  kernel k.make\n}\n',
    );
    const out = path.join(dir, "out");
    expect(runBin(["check", path.join(dir, "a.dflow")]).code).toBe(0);
    const r = runBin(["run", path.join(dir, "a.dflow"), "--out", out]);
    expect(r.stderr).toContain("three is refused");
    expect(r.stderr).not.toMatch(/cannot be loaded|Cannot find module|ERR_/);
    for (const n of [0, 1, 2]) expect(JSON.parse(readFileSync(path.join(out, "item", `item-${n}.json`), "utf8"))).toEqual({ value: 2 * n });
  });
});

describe("a kernel cache directory that cannot be written", () => {
  it("is named, with DFLOW_CACHE_DIR, not the transpiled file as if the kernel were unreadable", () => {
    const cache = kernelCacheDir();
    const err = Object.assign(new Error("EROFS: read-only file system"), { code: "EROFS", path: path.join(cache, "modules", "ab", "k", "index.js") });
    expect(loadFailure(err, "/src/k/index.ts")).toBe(
      `the kernel cache directory \`${cache}\` cannot be written (EROFS), where its module is transpiled: set DFLOW_CACHE_DIR to a writable directory`,
    );
    // A file of the kernel's own stays named as before.
    expect(loadFailure(Object.assign(new Error("x"), { code: "EACCES", path: "/src/k/index.ts" }), "/src/k/index.ts")).toBe(
      "its file `/src/k/index.ts` cannot be read: permission denied",
    );
  });
});
