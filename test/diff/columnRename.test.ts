/**
 * Renaming a column of a product type that a consumer kernel reads is breaking (DF7004), shown in
 * both places: the column in the base's data model and the read in the head's kernel; a rename
 * that the kernel follows is not. Also through git: the base is a revision of a repository.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffPipelines, renderDiff, resolveVersions } from "../../src/diff/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir, writeVersion } from "./fixture.js";

const RENAME = [
  ["   * @column NIGHT i32\n   */\n  readonly NIGHT: Int32Array;", "   * @column OBSNIGHT i32\n   */\n  readonly OBSNIGHT: Int32Array;"] as const,
  ["NIGHT: Int32Array.of", "OBSNIGHT: Int32Array.of"] as const,
];

describe("a renamed column", () => {
  it("is breaking when a consumer's kernel still reads it, with the column in base and the read in head", async () => {
    const root = tempDir("rename");
    const base = writeVersion(path.join(root, "base"));
    const head = writeVersion(path.join(root, "head"), [], RENAME);
    const r = await diffPipelines(
      { base: { file: base, label: "base/p.dflow" }, head: { file: head, label: "head/p.dflow" } },
      { out: path.join(root, "out") },
    );
    const broken = r.changes.filter((d) => d.severity === "error");
    expect(broken.map((d) => d.code)).toEqual(["DF7004"]);
    const text = renderDiff(r, "text", { sources: r.sources, cwd: root });
    // The read in the head's kernel (make's `t.NIGHT[0]`), then the column's declaration in the base's data model.
    const kernelLine =
      readFileSync(path.join(root, "head/kernels/index.ts"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("t.NIGHT[0]")) + 1;
    const columnLine =
      readFileSync(path.join(root, "base/kernels/index.ts"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("readonly NIGHT:")) + 1;
    expect(text).toContain("error[DF7004]: Column `NIGHT` of Obs is gone, and kernel `k.make` of stage `make` still reads it.");
    expect(text).toContain(`┌─ head/kernels/index.ts:${kernelLine}:`);
    expect(text).toContain(`┌─ base/kernels/index.ts:${columnLine}:`);
    expect(text).toContain("┌─ head/p.dflow:");
    const gh = renderDiff(r, "github", { sources: r.sources, cwd: root });
    expect(gh).toMatch(
      new RegExp(`^::error file=head/kernels/index.ts,line=${kernelLine},col=\\d+,endLine=\\d+,endColumn=\\d+,title=DF7004::DF7004: Column \`NIGHT\``, "m"),
    );
  }, 60_000);

  it("is safe for consumers when the kernel follows it (the column is then dangerous only for readers outside)", async () => {
    const root = tempDir("follow");
    const base = writeVersion(path.join(root, "base"));
    const head = writeVersion(path.join(root, "head"), [], [...RENAME, ["t.NIGHT[0]", "t.OBSNIGHT[0]"]]);
    const r = await diffPipelines({ base: { file: base, label: "base" }, head: { file: head, label: "head" } }, { out: path.join(root, "out") });
    expect(r.changes.filter((d) => d.severity !== "note").map((d) => d.code)).toEqual(["DF7007"]);
  }, 60_000);

  it("reads the base from a git revision and exits 1 from the CLI", async () => {
    const repo = tempDir("git");
    const file = writeVersion(repo);
    const git = (...args: string[]): string => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, encoding: "utf8" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "base");
    writeVersion(repo, [], RENAME);
    const env = { DFLOW_CACHE_DIR: path.join(tempDir("cache"), "c") };
    const v = resolveVersions("HEAD", "p.dflow", undefined, repo, env);
    expect(v.base.label).toBe("HEAD:p.dflow");
    expect(v.head.file).toBe(file);
    const r = await runCli(["diff", "HEAD", "p.dflow", "--out", path.join(repo, "out"), "--format", "markdown"], repo, env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("### dflow diff `HEAD:p.dflow` → `p.dflow`");
    expect(r.stdout).toContain("| error | DF7004 | `kernels/index.ts:");
    expect(r.stdout).toContain("1 breaking");
    // A revision that does not exist is a usage error.
    expect((await runCli(["diff", "nosuchrev", "p.dflow"], repo, env)).code).toBe(2);
  }, 90_000);
});
