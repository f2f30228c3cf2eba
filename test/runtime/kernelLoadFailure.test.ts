/**
 * A kernel whose module cannot be read (removed or moved since the plan was made, a directory
 * in its place, unreadable) is a task failure in dflow's words naming the file, not the
 * system's `ENOENT: no such file or directory, open …`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadExport } from "../../src/kernels/loadKernelFunction.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-kload-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a kernel module that cannot be read", () => {
  it("names the file and says it does not exist", async () => {
    const entry = path.join(dir, "gone", "index.ts");
    const r = await loadExport(entry, "make", "k.make");
    expect(r).toBe(`\`k.make\` cannot be loaded: its file \`${entry}\` does not exist (moved or removed since the pipeline was checked?)`);
    expect(String(r)).not.toMatch(/ENOENT|no such file/);
  });

  it("names a directory standing where the module was", async () => {
    const entry = path.join(dir, "adir.ts");
    mkdirSync(entry);
    expect(await loadExport(entry, "make", "k.make")).toBe(`\`k.make\` cannot be loaded: its file \`${entry}\` is a directory, not a module`);
  });

  it("still loads a module that is there", async () => {
    const entry = path.join(dir, "ok.ts");
    writeFileSync(entry, "export function make(): number {\n  return 1;\n}\n");
    expect(typeof (await loadExport(entry, "make", "k.make"))).toBe("function");
  });
});
