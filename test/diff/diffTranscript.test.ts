/**
 * Transcripts of `dflow diff` as a user and a CI job see it: text (code frames, then the stale
 * partitions and their cost), markdown for a pull-request comment, and the exit codes: 1 only on
 * a breaking change. The fixture is test/diff/fixture.ts; the goldens are in test/diff/golden.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir, writeVersion } from "./fixture.js";

const golden = (name: string): string => readFileSync(path.join("test/diff/golden", name), "utf8");

describe("dflow diff (transcript)", () => {
  const root = tempDir("transcript");
  writeVersion(path.join(root, "base"));
  writeVersion(path.join(root, "param"), [["param factor: float = 2", "param factor: float = 3"]]);
  writeVersion(
    path.join(root, "rename"),
    [],
    [
      ["   * @column NIGHT i32\n   */\n  readonly NIGHT: Int32Array;", "   * @column OBSNIGHT i32\n   */\n  readonly OBSNIGHT: Int32Array;"],
      ["NIGHT: Int32Array.of", "OBSNIGHT: Int32Array.of"],
    ],
  );

  it("a safe change: the change, then the stale partitions with their reasons and cost, on stdout; exit 0", async () => {
    const r = await runCli(["diff", "base/p.dflow", "param/p.dflow", "--out", "out"], root);
    expect(r).toEqual({ code: 0, stdout: golden("diff-param.txt"), stderr: "" });
  }, 60_000);

  it("a breaking change as a pull-request comment; exit 1", async () => {
    const r = await runCli(["diff", "base/p.dflow", "rename/p.dflow", "--out", "out", "--format", "markdown"], root);
    expect(r).toEqual({ code: 1, stdout: golden("diff-rename.md"), stderr: "" });
  }, 60_000);

  it("annotations for GitHub: one per change, a notice per stale stage", async () => {
    const r = await runCli(["diff", "base/p.dflow", "param/p.dflow", "--out", "out", "--format", "github"], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(golden("diff-param.github"));
  }, 60_000);

  it("a side that does not check is a usage error (exit 2), reported on stderr", async () => {
    const r = await runCli(["diff", "base/p.dflow", "base/kernels/index.ts", "--out", "out"], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/error\[DF1\d{3}\]/);
  }, 60_000);
});
