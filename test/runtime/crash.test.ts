import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

const ARGS = ["run", "pipelines/example.dflow", "--set", "nfiber=200", "step=2", "nexp=3"];

/** Product files under `dir` (temporary names and the state folder left out), with their bytes. */
function products(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === ".dflow") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.tmp-/.test(e.name)) out.set(path.relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function killAfter(out: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("dist/dflow.js"), ...ARGS, "--out", out], { stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe("dflow run after SIGKILL", () => {
  it("never leaves a partial product, and a rerun finishes with the bytes of an uninterrupted run", async () => {
    const reference = mkdtempSync(path.join(os.tmpdir(), "dflow-crash-ref-"));
    const t0 = Date.now();
    expect(runBin([...ARGS, "--out", reference]).code).toBe(0);
    const span = Date.now() - t0;
    const want = products(reference);
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-crash-"));
    // 20 seeded moments spread over the length of an uninterrupted run.
    let x = 20261126;
    const moments = Array.from({ length: 20 }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return 150 + (x % Math.max(1, span - 150));
    });
    for (const ms of moments) {
      await killAfter(out, ms);
      for (const [f, bytes] of products(out)) expect(bytes.equals(want.get(f)!), `${f} after a kill at ${ms} ms`).toBe(true);
    }
    const before = products(out).size;
    const rerun = runBin([...ARGS, "--out", out]);
    expect(rerun.code).toBe(0);
    const m = /run: (\d+) tasks? run, (\d+) up to date/.exec(rerun.stderr)!;
    // Only unfinished tasks run again: at most one per missing product.
    expect(Number(m[1])).toBeLessThanOrEqual(want.size - before);
    const got = products(out);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [f, bytes] of want) expect(got.get(f)!.equals(bytes), f).toBe(true);
  }, 300_000);
});
