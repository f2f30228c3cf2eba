/**
 * A kernel that changes a global (JSON.stringify, Math.random, Array.prototype, process.env)
 * fails its own task with nothing written, and its task process is retired: the later tasks it
 * would have run in that process write exactly what a clean run writes.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { globalsChanged, globalsNow } from "../../src/runtime/globalsFingerprint.js";
import { runBin } from "../helpers/cli.js";

const PIPE = "test/fixtures/adversarial/adversarial.dflow";
const GRIDS_OK = ["exit", "timer", "reject", "never", "null", "text", "getter", "memory", "malformed"].flatMap((m) => ["--set", `mode_${m}=ok`]);

/** Every product file under `out` (not the state folder) with its bytes. */
function products(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of readdirSync(out, { recursive: true, withFileTypes: true })) {
    const f = path.join(e.parentPath, e.name);
    if (e.isFile() && !path.relative(out, f).startsWith(".dflow")) m.set(path.relative(out, f), readFileSync(f, "latin1"));
  }
  return m;
}

describe("a kernel that changes globals", () => {
  it("fails alone, and later tasks at -j 1 write what a clean run writes", () => {
    const clean = mkdtempSync(path.join(os.tmpdir(), "dflow-glob-clean-"));
    const dirty = mkdtempSync(path.join(os.tmpdir(), "dflow-glob-dirty-"));
    expect(runBin(["run", PIPE, "--out", clean, "-j", "1", "--set", "modes=ok", ...GRIDS_OK]).code).toBe(0);
    const r = runBin(["run", PIPE, "--out", dirty, "-j", "1", "--set", "modes=ok,envmut", ...GRIDS_OK]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Task `work\[n=1\]` failed: its kernel left a changed `JSON\.stringify` behind, a global every later task of its process would see, so none of its outputs is written/,
    );
    expect(r.stderr).toMatch(/note: task `work\[n=1\]`: its kernel left a changed `JSON\.stringify` behind, so its task process was retired/);
    const want = products(clean);
    const got = products(dirty);
    // work[n=1] and after[n=1] are missing; everything else is byte-identical.
    want.delete("item/item-1.json");
    want.delete("next/next-1.json");
    expect(got).toEqual(want);
  }, 120_000);

  it("sees a change of each kind, and a write that restores a variable is no change", () => {
    const base = globalsNow();
    expect(globalsChanged(base)).toBeUndefined();
    const stringify = JSON.stringify;
    JSON.stringify = () => "{}";
    expect(globalsChanged(base)).toBe("a changed `JSON.stringify`");
    JSON.stringify = stringify;
    process.env["DFLOW_GLOBALS_TEST"] = "1";
    expect(globalsChanged(base)).toBe("a changed environment variable `DFLOW_GLOBALS_TEST`");
    delete process.env["DFLOW_GLOBALS_TEST"];
    expect(globalsChanged(base)).toBeUndefined();
    const env = process.env;
    process.env = { ...env };
    expect(globalsChanged(base)).toBe("a replaced `process.env`");
    process.env = env;
    Object.defineProperty(Array.prototype, "dflowTest", { value: 1, configurable: true });
    expect(globalsChanged(base)).toBe("a new `Array.prototype.dflowTest`");
    delete (Array.prototype as unknown as Record<string, unknown>)["dflowTest"];
    expect(globalsChanged(base)).toBeUndefined();
  });
});
