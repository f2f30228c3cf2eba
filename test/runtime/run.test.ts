import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

  it("gives byte-identical outputs with one worker and with two", () => {
    const a = mkdtempSync(path.join(os.tmpdir(), "dflow-run-a-"));
    const b = mkdtempSync(path.join(os.tmpdir(), "dflow-run-b-"));
    expect(runBin(["run", "pipelines/example.dflow", "--out", a, "-j", "1"]).code).toBe(0);
    expect(runBin(["run", "pipelines/example.dflow", "--out", b, "-j", "2"]).code).toBe(0);
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect([...sb.keys()]).toEqual([...sa.keys()]);
    for (const [f, buf] of sa) expect(sb.get(f)!.equals(buf), f).toBe(true);
  });
});

describe("dflow run: reruns, early cutoff and failures", () => {
  const PIPE = "test/fixtures/run/run.dflow";
  // The counts of the summary line; on a mismatch the whole stderr shows in the failure.
  const counts = (stderr: string): string => {
    const m = /run: (\d+) tasks? run, (\d+) up to date, (\d+) failed, (\d+) not run/.exec(stderr);
    return m === null ? stderr : m.slice(1).join("/") + (m[3] !== "0" ? `\n${stderr}` : "");
  };

  it("reruns exactly the tasks whose params changed, and stops at outputs that come out identical", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-rerun-"));
    expect(counts(runBin(["run", PIPE, "--out", out]).stderr)).toBe("9/0/0/0");
    // `note` changes `double`'s params but not its outputs: the 4 doubles rerun, `total` does not.
    const note = runBin(["run", PIPE, "--out", out, "--set", "note=hello"]);
    expect(counts(note.stderr)).toBe("4/5/0/0");
    const total = readFileSync(path.join(out, "total.json"), "utf8");
    // `factor` changes every double's output, so `total` reruns too.
    expect(counts(runBin(["run", PIPE, "--out", out, "--set", "factor=3"]).stderr)).toBe("5/4/0/0");
    expect(readFileSync(path.join(out, "total.json"), "utf8")).not.toBe(total);
    expect(counts(runBin(["run", PIPE, "--out", out, "--set", "factor=3"]).stderr)).toBe("0/9/0/0");
  });

  it("fails only the dependents of a failing partition, names it and its log, and exits 1", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-fail-"));
    const r = runBin(["run", PIPE, "--out", out, "--set", "failAt=2"]);
    expect(r.code).toBe(1);
    expect(counts(r.stderr).split("\n")[0]).toBe("6/0/1/2");
    expect(r.stderr).toContain("error[DF5015]: Task `make[n=2]` failed: partition n = 2 fails on purpose");
    expect(r.stderr).toContain("not run (an input failed): double[n=2], total");
    const log = /log: (\S+)/.exec(r.stderr)![1]!;
    expect(readFileSync(path.isAbsolute(log) ? log : path.join(process.cwd(), log), "utf8")).toContain("fails on purpose");
    for (const n of [0, 1, 3]) expect(readFileSync(path.join(out, `twice/twice-${n}.json`), "utf8")).toMatch(/"value"/);
    expect(() => statSync(path.join(out, "twice/twice-2.json"))).toThrow();
  });

  it("runs only the selected stages and what they need with --only", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-only-"));
    const r = runBin(["run", PIPE, "--out", out, "--only", "double"]);
    expect(counts(r.stderr)).toBe("8/0/0/0");
    expect(() => statSync(path.join(out, "total.json"))).toThrow();
    expect(readFileSync(path.join(out, "twice/twice-0.json"), "utf8")).toMatch(/"value"/);
  });

  it("lets `dflow plan` say what would run by fingerprint, like `make -n`", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-planfp-"));
    expect(runBin(["run", PIPE, "--out", out]).code).toBe(0);
    const states = (args: string[]): string[] =>
      runBin(["plan", PIPE, "--out", out, "--list", ...args])
        .stdout.trim()
        .split("\n");
    expect(states([]).every((l) => l.endsWith("  up-to-date"))).toBe(true);
    expect(states(["--set", "factor=3"])).toEqual([
      ...[0, 1, 2, 3].map((n) => `make[n=${n}]  up-to-date`),
      ...[0, 1, 2, 3].map((n) => `double[n=${n}]  changed  param factor 2→3`),
      "total  upstream  double[n=0] runs first",
    ]);
  });

  it("loads a module no worker has compiled yet on two workers at once", () => {
    // A copy at the depth of test/fixtures/run, with a fresh comment: its content hash is new.
    const root = path.resolve(`test/.tmp-workers-${process.pid}`);
    const copy = path.join(root, "run");
    rmSync(root, { recursive: true, force: true });
    cpSync("test/fixtures/run", copy, { recursive: true });
    const k = path.join(copy, "kernels", "index.ts");
    writeFileSync(k, readFileSync(k, "utf8") + `// ${Date.now()} ${Math.random()}\n`);
    try {
      const out = mkdtempSync(path.join(os.tmpdir(), "dflow-workers-"));
      expect(counts(runBin(["run", path.join(copy, "run.dflow"), "--out", out, "-j", "2"]).stderr)).toBe("9/0/0/0");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
