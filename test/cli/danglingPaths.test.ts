/**
 * A directory dflow must make that it cannot (a dangling symbolic link as `--out`, `--emit-dir`
 * or `OUT/.dflow`, or on the way to one; a path the system refuses, `/proc/x`) is DF5016 naming
 * the path, exit 1: never an internal error, never a hang.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeDirectory, DirectoryError } from "../../src/util/makeDirectory.js";
import { runCli } from "../helpers/cli.js";

const PIPE = path.resolve("test/fixtures/run/run.dflow");
const SITE = path.resolve("sites/local.yaml");

/** A temporary directory holding `D`, a symbolic link to a path that does not exist. */
function withDangling(): { dir: string; link: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-dangling-"));
  const link = path.join(dir, "D");
  symlinkSync("/nonexistent/x", link);
  return { dir, link };
}

/** The codes and messages of a JSON report. */
function reported(stdout: string): [string, string][] {
  return (JSON.parse(stdout) as { code: string; message: string }[]).map((d) => [d.code, d.message]);
}

const DANGLING = "is a symbolic link to `/nonexistent/x`, which does not exist.";

describe("a dangling symbolic link where dflow makes a directory", () => {
  it("as --out or above it: run and plan report DF5016 naming the link, exit 1", async () => {
    const { dir, link } = withDangling();
    const run = await runCli(["run", PIPE, "--out", link, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(reported(run.stdout)).toEqual([["DF5016", `\`--out ${link}\` ${DANGLING}`]]);
    const sub = await runCli(["run", PIPE, "--out", path.join(link, "sub"), "--format", "json"]);
    expect(sub.code).toBe(1);
    expect(reported(sub.stdout)).toEqual([["DF5016", `\`--out ${path.join(link, "sub")}\` cannot be created: \`${link}\` ${DANGLING}`]]);
    const plan = await runCli(["plan", PIPE, "--out", "D"], dir);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`error[DF5016]: \`--out D\` ${DANGLING}`);
    expect(plan.stdout).toBe("");
  });

  it("as --emit-dir or above it: every emitter reports DF5016, exit 1", async () => {
    const { dir, link } = withDangling();
    const out = path.join(dir, "out");
    for (const emitter of ["plan", "make", "ts", "slurm"]) {
      const site = emitter === "slurm" ? ["--site", SITE] : [];
      const r = await runCli(["emit", emitter, PIPE, ...site, "--out", out, "--emit-dir", link, "--format", "json"]);
      expect(r.code, emitter).toBe(1);
      expect(reported(r.stdout), emitter).toEqual([["DF5016", `\`--emit-dir ${link}\` ${DANGLING}`]]);
      const under = path.join(link, "x");
      const u = await runCli(["emit", emitter, PIPE, ...site, "--out", out, "--emit-dir", under, "--format", "json"]);
      expect(u.code, emitter).toBe(1);
      expect(reported(u.stdout), emitter).toEqual([["DF5016", `\`--emit-dir ${under}\` cannot be created: \`${link}\` ${DANGLING}`]]);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("as OUT/.dflow: run reports DF5016 naming it, exit 1", async () => {
    const { dir } = withDangling();
    const out = path.join(dir, "out");
    mkdirSync(out);
    symlinkSync("/nonexistent/x", path.join(out, ".dflow"));
    const r = await runCli(["run", PIPE, "--out", out, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(reported(r.stdout)).toEqual([["DF5016", `\`${path.join(out, ".dflow")}\` ${DANGLING}`]]);
  });
});

describe("a directory the system refuses to create", () => {
  // Recursive mkdir retried /proc/x forever: a child process with a timeout, so a hang fails the test.
  const bin = (args: string[]): { status: number | null; stderr: string; signal: NodeJS.Signals | null } => {
    const r = spawnSync(process.execPath, [path.resolve("dist/dflow.js"), ...args], {
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { status: r.status, stderr: r.stderr, signal: r.signal };
  };

  it.runIf(existsSync("/proc/self"))("/proc/x as --out or --emit-dir is DF5016 naming it, promptly", () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "dflow-proc-")), "out");
    for (const args of [
      ["run", PIPE, "--out", "/proc/x"],
      ["emit", "make", PIPE, "--out", out, "--emit-dir", "/proc/x"],
      ["emit", "plan", PIPE, "--out", out, "--emit-dir", "/proc/x"],
    ]) {
      const r = bin(args);
      expect(r.signal, args.join(" ")).toBeNull();
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toMatch(/error\[DF5016\]: `[^`]*` (cannot be created: `\/proc\/x` )?could not be created: .*\(ENOENT\)\./);
    }
  });

  it("makeDirectory makes the missing levels, and names the level refused", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-mkdir-"));
    makeDirectory(path.join(dir, "a", "b", "c"));
    expect(existsSync(path.join(dir, "a", "b", "c"))).toBe(true);
    makeDirectory(path.join(dir, "a", "b", "c"));
    symlinkSync(path.join(dir, "a"), path.join(dir, "ok"));
    makeDirectory(path.join(dir, "ok", "d"));
    expect(existsSync(path.join(dir, "a", "d"))).toBe(true);
    symlinkSync("/nonexistent/x", path.join(dir, "bad"));
    const e = (() => {
      try {
        makeDirectory(path.join(dir, "bad", "e", "f"));
        return undefined;
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DirectoryError);
    expect((e as DirectoryError).at).toBe(path.join(dir, "bad"));
    expect((e as DirectoryError).fault).toBe("link");
  });
});
