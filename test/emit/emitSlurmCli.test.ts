/** `dflow emit slurm` from the command line, without submitting: selection, refusals, what is written. */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { STATIC, writeSources } from "../backends/backendsFixture.js";

const tmp = (n: string): string => mkdtempSync(path.join(os.tmpdir(), `dflow-${n}-`));

describe("dflow emit slurm", () => {
  it("submits only the selected stages and what they need with --only, and records the selection for follow-ups", () => {
    const out = tmp("emit-only-out");
    writeSources(out);
    const dir = tmp("emit-only");
    const r = runBin(["emit", "slurm", STATIC, "--site", "sites/local.yaml", "--emit-dir", dir, "--out", out, "--only", "nightly"]);
    expect(r.code, r.stderr).toBe(0);
    const stages = new Set(
      readdirSync(path.join(dir, "jobs"))
        .filter((f) => f.endsWith(".sbatch"))
        .map((f) => f.split(".")[1]),
    );
    expect([...stages].sort()).toEqual(["calibrate", "extract", "nightly"]);
    expect((JSON.parse(readFileSync(path.join(dir, "emit.json"), "utf8")) as { only?: unknown }).only).toEqual(["nightly"]);
  });

  it("refuses an unknown stage, a bad site and a site over budget before writing anything", () => {
    const out = tmp("emit-bad-out");
    writeSources(out);
    const dir = tmp("emit-bad");
    const unknown = runBin(["emit", "slurm", STATIC, "--site", "sites/local.yaml", "--emit-dir", dir, "--out", out, "--only", "nigthly"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("There is no stage named `nigthly`");
    expect(unknown.stderr).toContain("nightly");
    const missing = runBin(["emit", "slurm", STATIC, "--site", "sites/nowhere.yaml", "--emit-dir", dir, "--out", out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("DF5004");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("status, resubmit and task say what is wrong with a directory or a task list that is not there", () => {
    const none = path.join(os.tmpdir(), `dflow-no-emission-${process.pid}`);
    for (const cmd of ["status", "resubmit", "continue"]) {
      const r = runBin([cmd, none]);
      expect(r.code, cmd).toBe(1);
      expect(r.stderr, cmd).toContain("holds no Slurm emission");
    }
    const t = runBin(["task", none, "--tasks-file", path.join(none, "x.tasks"), "--element", "0"]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("cannot be read: it does not exist");
  });
});
