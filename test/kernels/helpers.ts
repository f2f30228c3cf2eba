/** Temp directories and fixture copies for the kernel-index tests (nothing here touches the user's home). */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The fixture modules' directory. */
export const FIXTURES = join(REPO, "test/fixtures/kernels");

/** A fresh temp directory, removed by the returned function. */
export function tempDir(prefix = "dflow-kernels-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `files` (relative path → text) under `root`. */
export function writeTree(root: string, files: Readonly<Record<string, string>>): void {
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/**
 * A copy of the kernel contract, the data model and the fixtures under `root`, laid out as in the
 * repository (`stdlib/`, `test/fixtures/kernels/`) so the fixtures' relative imports still resolve.
 */
export function copyFixtureWorld(root: string): { stdlib: string; fixtures: string } {
  const stdlib = join(root, "stdlib");
  cpSync(join(REPO, "stdlib/kernel.ts"), join(stdlib, "kernel.ts"));
  cpSync(join(REPO, "stdlib/datamodel"), join(stdlib, "datamodel"), { recursive: true });
  const fixtures = join(root, "test/fixtures/kernels");
  cpSync(FIXTURES, fixtures, { recursive: true });
  return { stdlib, fixtures };
}
