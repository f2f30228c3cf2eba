import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  hashKernelSources,
  kernelCacheDir,
  loadKernelIndex,
  readKernelIndex,
  resolveModules,
  type KernelIndexReader,
  type LoadKernelIndexOptions,
  type ModuleInfo,
} from "../../src/kernels/index.js";
import { copyFixtureWorld, tempDir } from "./helpers.js";

let dir: string;
let remove: () => void;
let stdlib: string;
let fixtures: string;
let cacheDir: string;
let modules: readonly ModuleInfo[];
let reads: number;

/** The real reader, counted. */
const countingReader: KernelIndexReader = async (mods, o) => {
  reads++;
  return readKernelIndex(mods, o);
};

const load = (extra: Partial<LoadKernelIndexOptions> = {}) =>
  loadKernelIndex(modules, { env: { DFLOW_STDLIB: stdlib }, cacheDir, read: countingReader, ...extra });

beforeEach(() => {
  ({ dir, remove } = tempDir());
  ({ stdlib, fixtures } = copyFixtureWorld(dir));
  cacheDir = join(dir, "cache");
  reads = 0;
  // `model` is not imported: its files are outside every hashed directory, reached through `fx`.
  const r = resolveModules(join(fixtures, "pipeline.dflow"), [{ module: "./fx" }], { stdlibRoot: stdlib });
  expect(r.problems).toEqual([]);
  modules = r.modules;
});
afterEach(() => remove());

describe("loadKernelIndex", () => {
  test("the first load reads the sources and writes `kernels-<hash>.json`; the second is served from it, equal.", async () => {
    const first = await load();
    expect(first.fromCache).toBe(false);
    expect(reads).toBe(1);
    const { hash } = hashKernelSources(modules, stdlib);
    expect(first.index.hash).toBe(hash);
    expect(first.cachePath).toBe(join(cacheDir, `kernels-${hash}.json`));
    expect(readdirSync(cacheDir)).toEqual([`kernels-${hash}.json`]);
    expect(first.index.kernels.map((k) => k.name)).toContain("fx.scale");

    const second = await load();
    expect(second.fromCache).toBe(true);
    expect(reads).toBe(1);
    expect(second.index).toEqual(first.index);
  });

  test("changing a file of an imported module misses the cache and writes a new one.", async () => {
    const first = await load();
    appendFileSync(join(fixtures, "fx/index.ts"), "\n// changed\n");
    const second = await load();
    expect(second.fromCache).toBe(false);
    expect(reads).toBe(2);
    expect(second.index.hash).not.toBe(first.index.hash);
    expect(readdirSync(cacheDir).sort()).toEqual([`kernels-${first.index.hash}.json`, `kernels-${second.index.hash}.json`].sort());
    expect((await load()).fromCache).toBe(true);
  });

  test("changing a file of the standard library misses the cache.", async () => {
    await load();
    appendFileSync(join(stdlib, "datamodel/Frame.ts"), "\n// changed\n");
    expect((await load()).fromCache).toBe(false);
    expect(reads).toBe(2);
  });

  test("changing a file outside the hashed directories that the index was read from misses the cache under the same hash.", async () => {
    const first = await load();
    const more = join(fixtures, "model/more.ts");
    writeFileSync(more, readFileSync(more, "utf8").replace("@column Z f32", "@column Z f64").replace("readonly Z: Float32Array", "readonly Z: Float64Array"));
    const second = await load();
    expect(second.fromCache).toBe(false);
    expect(second.index.hash).toBe(first.index.hash);
    expect(second.cachePath).toBe(first.cachePath);
    expect(reads).toBe(2);
    expect((await load()).fromCache).toBe(true);
  });

  test("test files, dot-directories and node_modules do not count.", async () => {
    await load();
    writeFileSync(join(stdlib, "datamodel/Frame.test.ts"), "export {};\n");
    mkdirSync(join(fixtures, "fx/.hidden"));
    writeFileSync(join(fixtures, "fx/.hidden/x.ts"), "export {};\n");
    mkdirSync(join(stdlib, "node_modules/pkg"), { recursive: true });
    writeFileSync(join(stdlib, "node_modules/pkg/index.ts"), "export {};\n");
    expect((await load()).fromCache).toBe(true);
    expect(reads).toBe(1);
  });

  test("a cache file that does not parse, or records another hash or version, is ignored and rewritten.", async () => {
    const first = await load();
    for (const bad of [
      "{ not json",
      JSON.stringify({ external: [], index: { ...first.index, version: "0.0.0+kernels.0" } }),
      JSON.stringify({ external: [], index: { ...first.index, hash: "x" } }),
      "null",
    ]) {
      writeFileSync(first.cachePath, bad);
      const again = await load();
      expect(again.fromCache).toBe(false);
      expect(again.index).toEqual(first.index);
      expect((await load()).fromCache).toBe(true);
    }
    expect(reads).toBe(5);
  });

  test("a cache directory that cannot be written is not an error.", async () => {
    const blocked = join(dir, "blocked");
    writeFileSync(blocked, "a file, not a directory");
    const r = await load({ cacheDir: join(blocked, "cache") });
    expect(r.fromCache).toBe(false);
    expect(r.index.kernels.length).toBeGreaterThan(0);
    expect(existsSync(r.cachePath)).toBe(false);
  });

  test("the modules are part of the key: the same sources under another alias are another index.", async () => {
    await load();
    const renamed = modules.map((m) => (m.alias === "fx" ? { ...m, alias: "fx2" } : m));
    const r = await loadKernelIndex(renamed, { env: { DFLOW_STDLIB: stdlib }, cacheDir, read: countingReader });
    expect(r.fromCache).toBe(false);
    expect(r.index.kernels.map((k) => k.name)).toContain("fx2.scale");
  });

  test("with no explicit directory, the cache goes to DFLOW_CACHE_DIR, else XDG_CACHE_HOME/dflow, else ~/.cache/dflow.", async () => {
    expect(kernelCacheDir({ DFLOW_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" })).toBe("/c");
    expect(kernelCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/dflow");
    expect(kernelCacheDir({})).toBe(join(homedir(), ".cache", "dflow"));
    const r = await loadKernelIndex(modules, { env: { DFLOW_STDLIB: stdlib, XDG_CACHE_HOME: join(dir, "xdg") }, read: countingReader });
    expect(r.cachePath.startsWith(join(dir, "xdg", "dflow", "kernels-"))).toBe(true);
    expect(existsSync(r.cachePath)).toBe(true);
  });
});
