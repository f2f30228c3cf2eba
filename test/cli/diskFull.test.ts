/**
 * A full disk is the environment's problem, not a bug: on a real small tmpfs, `dflow run` at
 * `-j 1` and `-j 2` ends with exit 1 and messages naming the file that could not be written
 * (DF5017, or a task failure), never DF9001 or exit 3; once space is freed a rerun completes.
 * The test mounts tmpfs itself, so it needs root (and CAP_SYS_ADMIN): without them it fails,
 * saying why, rather than being skipped.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

const PIPE = path.resolve("test/fixtures/run/run.dflow");

/** Mounts a tmpfs of `size` at a new directory, runs `f` with it, and unmounts it. */
function withTmpfs(size: string, f: (dir: string) => void): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-full-"));
  const m = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { encoding: "utf8" });
  if (m.status !== 0)
    throw new Error(
      `this test mounts a small tmpfs to fill it, which needs root and CAP_SYS_ADMIN: \`mount -t tmpfs\` failed (${m.error?.message ?? m.stderr.trim()})`,
    );
  try {
    f(dir);
  } finally {
    spawnSync("umount", [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("dflow run on a full disk", () => {
  it("reports the file it could not write and exits 1, at -j 1 and -j 2, whatever write the disk refuses; a rerun with room completes", () => {
    // Sizes chosen so that the disk fills at different writes: a product, a task's log, a state record.
    for (const size of ["8k", "16k", "24k", "32k", "48k"])
      for (const jobs of ["1", "2"])
        withTmpfs(size, (dir) => {
          const out = path.join(dir, "out");
          const r = runBin(["run", PIPE, "--out", out, "-j", jobs]);
          const where = `${size} -j ${jobs}:\n${r.stderr}`;
          expect(r.code, where).toBe(1);
          expect(r.stderr, where).not.toContain("DF9001");
          expect(r.stderr, where).toContain("ENOSPC");
          for (const line of r.stderr.split("\n").filter((l) => l.includes("ENOSPC")))
            expect(line, where).toMatch(
              new RegExp(`\`${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/out/[^\`]+\` could not be written: no space is left on the device \\(ENOSPC\\)\\.`),
            );
          // Room again: the same root is completed by a rerun.
          expect(spawnSync("mount", ["-o", "remount,size=4m", dir]).status).toBe(0);
          const again = runBin(["run", PIPE, "--out", out, "-j", jobs]);
          expect(again.code, `${where}\nrerun:\n${again.stderr}`).toBe(0);
        });
  }, 240_000);
});
