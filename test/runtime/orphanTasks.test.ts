/**
 * A task process outlives nothing: when `dflow run` is killed (SIGKILL) while a kernel runs a
 * synchronous loop, its task process writes no output and no state record once the loop ends,
 * runs none of the jobs sent ahead to it, and ends.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PIPE = "test/fixtures/adversarial/adversarial.dflow";
const GRIDS_OK = ["exit", "timer", "reject", "never", "null", "text", "getter", "memory", "malformed"].flatMap((m) => ["--set", `mode_${m}=ok`]);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every file under `dir` with its modification time in ms. */
function files(dir: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) m.set(path.join(e.parentPath, e.name), statSync(path.join(e.parentPath, e.name)).mtimeMs);
  return m;
}

/** The ids of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${d}/status`, "latin1"))?.[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number): boolean => {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, "latin1");
    return !/^\d+ \(.*\) Z/.test(st);
  } catch {
    return false;
  }
};

describe("a killed run's task processes", () => {
  it("commit nothing after the kill and end", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-orphan-"));
    const run = spawn(
      process.execPath,
      [path.resolve("dist/dflow.js"), "run", PIPE, "--out", out, "-j", "1", "--timeout-factor", "10", "--set", "modes=busy", ...GRIDS_OK],
      {
        stdio: "ignore",
      },
    );
    const log = path.join(out, ".dflow", "logs", "work", "work_n=0_.log");
    const t0 = Date.now();
    while (!existsSync(log) && Date.now() - t0 < 30_000) await sleep(50);
    expect(existsSync(log)).toBe(true);
    // The kernel of work[n=0] is in its 3 s synchronous loop, with later jobs sent ahead.
    await sleep(1000);
    const kids = childrenOf(run.pid!);
    expect(kids.length).toBeGreaterThan(0);
    const before = files(out);
    run.kill("SIGKILL");
    const killedAt = Date.now();
    // The loop ends 2 s later; what an orphan would do then is done well within 3 s more.
    await sleep(5000);
    const after = files(out);
    const added = [...after].filter(([f, t]) => before.get(f) !== t && !f.endsWith(".log")).map(([f]) => path.relative(out, f));
    expect(added).toEqual([]);
    expect(kids.filter(alive)).toEqual([]);
    expect(Date.now() - killedAt).toBeGreaterThan(4000);
  }, 60_000);
});
