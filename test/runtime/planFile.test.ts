import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

const PIPE = "test/fixtures/run/run.dflow";
const IDS = ["make[n=0]", "make[n=1]", "make[n=2]", "make[n=3]", "double[n=0]", "double[n=1]", "double[n=2]", "double[n=3]", "total"];

function taskAsync(plan: string, id: string): Promise<number> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [path.resolve("dist/dflow.js"), "task", plan, id], { stdio: "ignore" });
    c.on("exit", (code) => resolve(code ?? -1));
  });
}

describe("dflow emit plan and dflow task", () => {
  it("run each task of the emitted plan by id, with the outputs of `dflow run`, and skip it when up to date", () => {
    const emit = mkdtempSync(path.join(os.tmpdir(), "dflow-plan-"));
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-planout-"));
    const ref = mkdtempSync(path.join(os.tmpdir(), "dflow-planref-"));
    const e = runBin(["emit", "plan", PIPE, "--emit-dir", emit, "--out", out]);
    expect(e.code).toBe(0);
    expect(readdirSync(emit).sort()).toEqual(["plan.json", "stages.json", "strings.bin", "tasks.bin", "types.json"]);
    // The short id of the Makefile's recipes: the stage's task 0; reported by its id.
    expect(runBin(["task", emit, "make:0"]).stderr).toBe("ran make[n=0]\n");
    for (const id of IDS.slice(1)) expect(runBin(["task", emit, id]).stderr).toBe(`ran ${id}\n`);
    expect(runBin(["task", emit, "total"]).stderr).toBe("up to date total\n");
    expect(runBin(["run", PIPE, "--out", ref]).code).toBe(0);
    for (const f of ["total.json", "twice/twice-2.json", "item/item-3.json"])
      expect(readFileSync(path.join(out, f), "utf8")).toBe(readFileSync(path.join(ref, f), "utf8"));
    // `dflow run` over what `dflow task` made finds everything up to date: same fingerprints.
    expect(runBin(["run", PIPE, "--out", out]).stderr).toMatch(/run: 0 tasks run, 9 up to date/);
    const missing = runBin(["task", emit, "nope[n=1]"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error[DF5014]: The plan has no stage `nope` (task `nope[n=1]`).");
  });

  it("is safe when two processes run the same task at once", async () => {
    const emit = mkdtempSync(path.join(os.tmpdir(), "dflow-plan-"));
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-planout-"));
    expect(runBin(["emit", "plan", PIPE, "--emit-dir", emit, "--out", out]).code).toBe(0);
    const codes = await Promise.all([taskAsync(emit, "make[n=1]"), taskAsync(emit, "make[n=1]"), taskAsync(emit, "make[n=1]")]);
    expect(codes).toEqual([0, 0, 0]);
    expect((JSON.parse(readFileSync(path.join(out, "item/item-1.json"), "utf8")) as { value?: unknown }).value).toBeGreaterThanOrEqual(10);
  });
});
