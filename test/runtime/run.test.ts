import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

/** Every file under `dir` (outside the state folder) with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === ".dflow") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe("dflow run on the example pipeline", () => {
  it("runs to the end through its data-dependent grid and relation, and a rerun runs nothing and changes no byte", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-run-"));
    const first = runBin(["run", "pipelines/example.dflow", "--out", out]);
    expect(first.stderr).toMatch(/run: \d+ tasks run, 0 up to date, 0 failed, 0 not run/);
    expect(first.code).toBe(0);
    const files = snapshot(out);
    expect([...files.keys()].some((f) => /^healpix\/\d+\/\d+\/spectra-64-\d+\.fits$/.test(f))).toBe(true);
    expect(files.has("summary-64.json")).toBe(true);
    const mtimes = new Map([...files.keys()].map((f) => [f, statSync(path.join(out, f)).mtimeMs]));
    const again = runBin(["run", "pipelines/example.dflow", "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/run: 0 tasks run, \d+ up to date, 0 failed/);
    const after = snapshot(out);
    expect([...after.keys()]).toEqual([...files.keys()]);
    for (const [f, b] of files) {
      expect(after.get(f)!.equals(b), f).toBe(true);
      expect(statSync(path.join(out, f)).mtimeMs, f).toBe(mtimes.get(f));
    }
  });

  it("gives byte-identical outputs from two fresh runs", () => {
    const a = mkdtempSync(path.join(os.tmpdir(), "dflow-run-a-"));
    const b = mkdtempSync(path.join(os.tmpdir(), "dflow-run-b-"));
    expect(runBin(["run", "pipelines/example.dflow", "--out", a]).code).toBe(0);
    expect(runBin(["run", "pipelines/example.dflow", "--out", b]).code).toBe(0);
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect([...sb.keys()]).toEqual([...sa.keys()]);
    for (const [f, buf] of sa) expect(sb.get(f)!.equals(buf), f).toBe(true);
  });
});
