/**
 * The kernel-index cache is keyed by dflow's build: a bundle carries the hash of its sources
 * (scripts/buildId.mjs, baked in by scripts/build.mjs), every index it caches records it, and an
 * index cached by another build (another checker, another data-model reader) is not trusted.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM script without types
import { buildId } from "../../scripts/buildId.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = path.join(ROOT, "dist", "dflow.js");
const id = (root: string): string => (buildId as (root: string) => string)(root);

describe("the build identity keys the kernel-index cache", () => {
  it("changes with any source file of dflow", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "dflow-buildid-"));
    mkdirSync(path.join(root, "src", "kernels"), { recursive: true });
    writeFileSync(path.join(root, "package.json"), `{ "version": "0.1.0" }\n`);
    writeFileSync(path.join(root, "src", "kernels", "rule.ts"), "export const rule = 1;\n");
    const before = id(root);
    expect(id(root)).toBe(before);
    writeFileSync(path.join(root, "src", "kernels", "rule.ts"), "export const rule = 2;\n");
    expect(id(root)).not.toBe(before);
  });

  it("is baked into the bundle and recorded in every index the bundle caches", () => {
    const mine = id(ROOT);
    expect(readFileSync(CLI, "utf8")).toContain(mine);
    const cache = mkdtempSync(path.join(os.tmpdir(), "dflow-buildid-cache-"));
    execFileSync(process.execPath, [CLI, "check", path.join(ROOT, "pipelines", "example.dflow")], {
      env: { ...process.env, DFLOW_CACHE_DIR: cache },
      stdio: "pipe",
    });
    const files = readdirSync(cache).filter((f) => f.startsWith("kernels-"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const version = (JSON.parse(readFileSync(path.join(cache, f), "utf8")) as { index: { version: string } }).index.version;
      expect(version.endsWith(`+${mine.slice(0, 16)}`)).toBe(true);
    }
  });
});
