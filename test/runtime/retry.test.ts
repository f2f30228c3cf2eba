/**
 * `retry N`: a task whose kernel fails once succeeds on its second attempt, in process (at -j 1
 * and -j 2) and under Make (inside `dflow task`), and the tasks after it run; a kernel that always
 * fails is tried N + 1 times and fails; `--fail-fast` starts nothing after the first failure;
 * failures alike are reported once with their count and each log.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { findTool } from "../helpers/externalTools.js";

const PIPE = path.resolve("test/programs/retry.dflow");
const tmp = (name: string): string => mkdtempSync(path.join(os.tmpdir(), `dflow-retry-${name}-`));

describe("retry N", () => {
  it.each([1, 2])("runs a task that fails once a second time, and it succeeds (-j %i)", (j) => {
    const marker = path.join(tmp("marker"), "m");
    const out = tmp("out");
    const r = runBin(["run", PIPE, "--out", out, "-j", String(j), "--set", `marker=${marker}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("retrying flaky[n=0] (attempt 2 of 3): partition n = 0 fails on its first attempt");
    expect(r.stderr).toContain("4 tasks run, 0 up to date, 0 failed, 0 not run");
    expect(r.stderr).toContain("succeeded when retried: flaky[n=0], flaky[n=1]");
    expect(JSON.parse(readFileSync(path.join(out, "second/second-1.json"), "utf8"))).toEqual({ sums: [2] });
  });

  it("retries inside dflow task under Make", () => {
    findTool("make", "make");
    const marker = path.join(tmp("marker"), "m");
    const emit = tmp("emit");
    const out = tmp("make");
    const e = runBin(["emit", "make", PIPE, "--emit-dir", emit, "--out", out, "--set", `marker=${marker}`]);
    expect(e.code, e.stderr).toBe(0);
    const m = spawnSync("make", ["-f", path.join(emit, "Makefile")], { encoding: "utf8" });
    expect(m.status, m.stdout + m.stderr).toBe(0);
    expect(m.stderr).toContain("retrying flaky[n=0] (attempt 2 of 3)");
    expect(JSON.parse(readFileSync(path.join(out, "second/second-0.json"), "utf8"))).toEqual({ sums: [1] });
  });

  it("fails a task that always fails after N + 1 attempts, reported once for both partitions with each log", () => {
    const out = tmp("always");
    const r = runBin(["run", PIPE, "--out", out, "-j", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/retrying flaky\[n=0\]/g)?.length).toBe(2);
    expect(r.stderr).toContain("2 failed, 2 not run");
    // Each partition's message names it, so each is its own diagnostic, each with its log once.
    expect(r.stderr.match(/error\[DF5015\]/g)?.length).toBe(2);
    expect(r.stderr.match(/log: .*flaky_n=0_\.log/g)?.length).toBe(1);
  });

  it("--fail-fast starts no task after the first failure and does not retry", () => {
    const out = tmp("fast");
    const r = runBin(["run", PIPE, "--out", out, "-j", "1", "--fail-fast"]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("retrying");
    expect(r.stderr).toContain("0 tasks run, 0 up to date, 1 failed");
    expect(r.stderr).toContain("not started (--fail-fast, after the first failure): 2 tasks: after[n=1], flaky[n=1]");
  });
});
