/**
 * What a kernel prints (console.log, console.error), in a stage, grid or relation kernel, goes to
 * the log of its task or kernel, never to dflow's stdout or stderr: `--format json` still parses.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

const PIPE = "test/fixtures/adversarial/adversarial.dflow";
const GRIDS = ["timer", "reject", "never", "null", "text", "getter", "memory", "malformed"].flatMap((m) => ["--set", `mode_${m}=ok`]);

describe("a kernel's prints", () => {
  it("go to its log, not to the run's output", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-prints-"));
    const r = runBin(["run", PIPE, "--out", out, "-j", "1", "--format", "json", "--set", "modes=ok,hello", "--set", "mode_exit=hello", ...GRIDS]);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(r.stdout + r.stderr).not.toMatch(/from kernel/);
    const log = readFileSync(path.join(out, ".dflow", "logs", "work", "work_n=1_.log"), "utf8");
    expect(log).toBe("work[n=1]\nhello from kernel\nerr from kernel\n");
    expect(readFileSync(path.join(out, ".dflow", "logs", "work", "work_n=0_.log"), "utf8")).toBe("work[n=0]\n");
    // The grid `gexit` and the relation `rexit` print too (mode_exit = hello).
    expect(readFileSync(path.join(out, ".dflow", "logs", ".grid", "gexit.log"), "utf8")).toMatch(/hello from kernel\nerr from kernel\n/);
    expect(readFileSync(path.join(out, ".dflow", "logs", ".relation", "rexit.log"), "utf8")).toMatch(/hello from kernel\nerr from kernel\n/);
  }, 60_000);
});
