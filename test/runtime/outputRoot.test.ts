import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

const RUN = path.resolve("test/fixtures/run/run.dflow");
const EXAMPLE = path.resolve("pipelines/example.dflow");
const tmp = (what: string): string => mkdtempSync(path.join(os.tmpdir(), `dflow-root-${what}-`));

/** Every path under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** An output root holding another pipeline's state, as a run of `twopct` leaves it. */
function foreignRoot(): string {
  const root = tmp("foreign");
  mkdirSync(path.join(root, ".dflow", "state"), { recursive: true });
  writeFileSync(path.join(root, ".dflow", "pipeline.json"), JSON.stringify({ pipeline: "twopct", source: "/somewhere/pipelines/twopct.dflow" }) + "\n");
  mkdirSync(path.join(root, "survey"));
  writeFileSync(path.join(root, "survey", "exposures.ecsv"), "# %ECSV 1.0\n");
  return root;
}

/** Whether every line of `plan --list` text output says the task is up to date. */
function everyTaskUpToDate(list: string): boolean {
  return list
    .trim()
    .split("\n")
    .every((l) => l.endsWith("up-to-date"));
}

describe("output roots", () => {
  it("without --out a pipeline runs into ./out/<pipeline name>, which records the pipeline and its file", () => {
    const cwd = tmp("cwd");
    const r = runBin(["run", RUN], cwd);
    expect(r.stderr).toMatch(/run: 9 tasks run, 0 up to date/);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(cwd, "out"))).toEqual(["run"]);
    expect(existsSync(path.join(cwd, "out", "run", "total.json"))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(cwd, "out", "run", ".dflow", "pipeline.json"), "utf8"))).toEqual({ pipeline: "run", source: RUN });
    // The plan of the same pipeline reads the same default root: everything is up to date.
    const plan = runBin(["plan", RUN, "--list"], cwd);
    expect(plan.code).toBe(0);
    expect(everyTaskUpToDate(plan.stdout)).toBe(true);
    // A second pipeline gets a root of its own beside it.
    const e = runBin(["emit", "plan", EXAMPLE, "--emit-dir", path.join(cwd, "emit")], cwd);
    expect(e.code).toBe(0);
    expect(readdirSync(path.join(cwd, "out")).sort()).toEqual(["example", "run"]);
    expect((JSON.parse(readFileSync(path.join(cwd, "emit", "plan.json"), "utf8")) as { out: string }).out).toBe(path.join(cwd, "out", "example"));
  });

  it("run refuses an output root whose state belongs to another pipeline, naming both, and writes nothing", () => {
    const root = foreignRoot();
    const before = tree(root);
    const r = runBin(["run", RUN, "--out", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DF5011]");
    expect(r.stderr).toContain("holds the state of pipeline `twopct` (/somewhere/pipelines/twopct.dflow), not of `run` (test/fixtures/run/run.dflow)");
    expect(r.stderr).toMatch(/help: give `run` an output root of its own with `--out DIR` \(without it, `out\/run`\)/);
    expect(tree(root)).toEqual(before);
  });

  it("emit plan, make, ts and slurm, and plan, refuse it too, before reading its products, and write nothing", () => {
    const root = foreignRoot();
    const before = tree(root);
    const emitDir = path.join(tmp("emit"), "e");
    for (const args of [
      ["emit", "plan", EXAMPLE],
      ["emit", "make", EXAMPLE],
      ["emit", "ts", EXAMPLE],
      ["emit", "slurm", EXAMPLE, "--site", "sites/local.yaml"],
    ]) {
      const r = runBin([...args, "--emit-dir", emitDir, "--out", root]);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain("DF5011");
      expect(r.stderr).toContain("not of `example`");
      expect(r.stderr).not.toContain("DF5008");
      expect(existsSync(emitDir)).toBe(false);
    }
    const p = runBin(["plan", EXAMPLE, "--out", root]);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain("DF5011");
    expect(tree(root)).toEqual(before);
  });

  it("a root run by one pipeline is refused to another, and still accepted by the first", () => {
    const root = tmp("shared");
    expect(runBin(["run", RUN, "--out", root]).code).toBe(0);
    const other = runBin(["run", EXAMPLE, "--out", root]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("holds the state of pipeline `run`");
    expect(runBin(["run", RUN, "--out", root]).stderr).toMatch(/run: 0 tasks run, 9 up to date/);
  });

  it("a root made before dflow recorded owners is refused to a pipeline whose stages its state records do not name", () => {
    const root = tmp("unowned");
    expect(runBin(["run", RUN, "--out", root]).code).toBe(0);
    rmSync(path.join(root, ".dflow", "pipeline.json"));
    const before = tree(root);
    for (const args of [
      ["plan", EXAMPLE],
      ["run", EXAMPLE],
      ["emit", "make", EXAMPLE, "--emit-dir", path.join(tmp("emit"), "e")],
    ]) {
      const r = runBin([...args, "--out", root]);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain("error[DF5011]");
      expect(r.stderr).toContain("holds the state of another pipeline (stages `double`, `make`, `total`), made before dflow recorded owners, not of `example`");
      expect(r.stderr).not.toContain("DF5008");
    }
    expect(tree(root)).toEqual(before);
  });

  it("a root made before dflow recorded owners whose state records are all of this pipeline's stages is adopted", () => {
    const root = tmp("adopt");
    expect(runBin(["run", RUN, "--out", root]).code).toBe(0);
    rmSync(path.join(root, ".dflow", "pipeline.json"));
    // Planning only reads: the root is accepted, and no owner is written.
    const plan = runBin(["plan", RUN, "--out", root, "--list"]);
    expect(plan.code).toBe(0);
    expect(everyTaskUpToDate(plan.stdout)).toBe(true);
    expect(existsSync(path.join(root, ".dflow", "pipeline.json"))).toBe(false);
    // A run adopts it: its products are up to date, and the owner is recorded.
    expect(runBin(["run", RUN, "--out", root]).stderr).toMatch(/run: 0 tasks run, 9 up to date/);
    expect(JSON.parse(readFileSync(path.join(root, ".dflow", "pipeline.json"), "utf8"))).toEqual({ pipeline: "run", source: RUN });
    expect(runBin(["run", EXAMPLE, "--out", root]).stderr).toContain("holds the state of pipeline `run`");
  });

  it("a root with products but no state records (inputs put there by hand) is accepted", () => {
    const root = tmp("inputs");
    mkdirSync(path.join(root, "survey"));
    writeFileSync(path.join(root, "survey", "notes.txt"), "placed by hand\n");
    const r = runBin(["run", RUN, "--out", root]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(root, ".dflow", "pipeline.json"), "utf8"))).toEqual({ pipeline: "run", source: RUN });
  });

  it("dflow explain DF5011 says how to proceed", () => {
    const r = runBin(["explain", "DF5011"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("./out/<pipeline name>");
    expect(r.stdout).toContain("--out");
  });
});
