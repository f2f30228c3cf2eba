/**
 * Reasons: `dflow plan --list` says why each task would run, and `dflow why` explains one. Each
 * reason is made for real on the executor fixture (make → double → total): never run, a param,
 * a kernel file, an input, an output changed on disk, an upstream task, and a record written
 * before dflow kept what a fingerprint is made of.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBin, runCli } from "../helpers/cli.js";

const PIPE = "test/fixtures/run/run.dflow";
const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), "dflow-why-"));

/** `plan --list` lines, or the lines of the tasks whose id starts with `prefix`. */
async function list(out: string, args: readonly string[] = [], file = PIPE): Promise<string[]> {
  const r = await runCli(["plan", file, "--out", out, "--list", ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trimEnd().split("\n");
}

function ranRoot(file = PIPE): string {
  const out = tmp();
  const r = runBin(["run", file, "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

/** Every state record under a root, as files. */
function stateFiles(out: string): string[] {
  const dir = path.join(out, ".dflow", "state");
  return readdirSync(dir).flatMap((shard) => readdirSync(path.join(dir, shard)).map((f) => path.join(dir, shard, f)));
}

describe("reasons in dflow plan --list", () => {
  // A copy at the depth of test/fixtures/run, whose kernel file a test may edit.
  const root = path.resolve(`test/.tmp-why-${process.pid}`);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("says `missing output` for a task never run, and names the upstream task a task waits for", async () => {
    const out = tmp();
    const lines = await list(out);
    expect(lines[0]).toBe("make[n=0]  missing-output  missing output item/item-0.json");
    expect(lines[4]).toBe("double[n=0]  missing-output  missing output twice/twice-0.json");
    const ran = ranRoot();
    rmSync(path.join(ran, "item", "item-2.json"));
    expect(await list(ran)).toEqual([
      "make[n=0]  up-to-date",
      "make[n=1]  up-to-date",
      "make[n=2]  missing-output  missing output item/item-2.json",
      "make[n=3]  up-to-date",
      "double[n=0]  up-to-date",
      "double[n=1]  up-to-date",
      "double[n=2]  upstream  make[n=2] runs first",
      "double[n=3]  up-to-date",
      "total  upstream  double[n=2] runs first",
    ]);
  });

  it("names a param that changed, with its old and new value, in text and JSON", async () => {
    const out = ranRoot();
    const lines = await list(out, ["--set", "factor=3"]);
    expect(lines.slice(4)).toEqual([...[0, 1, 2, 3].map((n) => `double[n=${n}]  changed  param factor 2→3`), "total  upstream  double[n=0] runs first"]);
    const json = (await list(out, ["--set", "factor=3", "note=x", "--format", "json"])).map((l) => JSON.parse(l) as { id: string; state: string; why: string });
    expect(json[4]).toMatchObject({ id: "double[n=0]", state: "changed", why: 'param factor 2→3, param note ""→"x"' });
    expect(json[0]).toMatchObject({ id: "make[n=0]", state: "up-to-date", why: "" });
  });

  it("names the kernel file that changed", async () => {
    rmSync(root, { recursive: true, force: true });
    const copy = path.join(root, "run");
    cpSync("test/fixtures/run", copy, { recursive: true });
    const file = path.join(copy, "run.dflow");
    const out = ranRoot(file);
    const k = path.join(copy, "kernels", "index.ts");
    // A statement of `make` itself (a comment outside every kernel is no change: change detection is per kernel).
    const text = readFileSync(k, "utf8");
    const edited = text.replace('const n = Number(ctx.key["n"]);', 'const n = Number(ctx.key["n"]) + 0;');
    expect(edited).not.toBe(text);
    writeFileSync(k, edited);
    const lines = await list(out, [], file);
    const shown = path.relative(process.cwd(), k).split(path.sep).join("/");
    expect(lines[0]).toBe(`make[n=0]  changed  kernel ${shown}`);
    expect(lines[8]).toBe("total  upstream  double[n=0] runs first");
  });

  it("names the inputs whose content changed while their producers stand, and an output changed on disk", async () => {
    const out = ranRoot();
    // double reruns with another factor; total, not run, now reads other bytes.
    expect(runBin(["run", PIPE, "--out", out, "--set", "factor=3", "--only", "double"]).code).toBe(0);
    expect((await list(out, ["--set", "factor=3"])).at(-1)).toBe("total  changed  input double[n=0], input double[n=1], input double[n=2], input double[n=3]");
    writeFileSync(path.join(out, "item", "item-1.json"), '{"value": 99}\n');
    const lines = await list(out, ["--set", "factor=3"]);
    expect(lines[1]).toBe("make[n=1]  changed  output changed on disk: item/item-1.json (size)");
    expect(lines[5]).toBe("double[n=1]  upstream  make[n=1] runs first");
  });

  it("reads state written before reasons, says so, and completes it when a run finds the task up to date", async () => {
    const out = ranRoot();
    for (const f of stateFiles(out)) {
      const { basis: _basis, ...old } = JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;
      writeFileSync(f, JSON.stringify(old) + "\n");
    }
    expect((await list(out, ["--set", "factor=3"]))[4]).toBe(
      "double[n=0]  changed  kernel, params or inputs changed (recorded before dflow kept what changed)",
    );
    expect((await list(out)).every((l) => l.endsWith("  up-to-date"))).toBe(true);
    const r = runBin(["run", PIPE, "--out", out]);
    expect(r.stderr).toContain("0 tasks run, 9 up to date");
    expect(stateFiles(out).every((f) => "basis" in (JSON.parse(readFileSync(f, "utf8")) as object))).toBe(true);
    expect((await list(out, ["--set", "factor=3"]))[4]).toBe("double[n=0]  changed  param factor 2→3");
  });
});

describe("dflow why", () => {
  it("explains one task: its state, why, its inputs with their producers, its outputs", async () => {
    const out = ranRoot();
    const r = await runCli(["why", PIPE, "double[n=1]", "--out", out, "--set", "factor=3", "note=x"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'double[n=1]: would run: param factor 2→3, param note ""→"x"',
        "  changed: param factor 2→3",
        '  changed: param note ""→"x"',
        "  stage: double",
        "  input: item/item-1.json (from make[n=1])",
        "  output: twice/twice-1.json",
        "",
      ].join("\n"),
    );
    const up = await runCli(["why", PIPE, "make[n=0]", "--out", out]);
    expect(up.stdout.split("\n")[0]).toBe("make[n=0]: up to date: it would not run");
    const json = await runCli(["why", PIPE, "total", "--out", out, "--set", "factor=3", "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: "total", state: "upstream", why: "double[n=0] runs first", outputs: ["total.json"] });
    expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual(["details", "id", "inputs", "outputs", "stage", "state", "why"]);
  });

  it("says when a task is not in the plan, with the nearest ids", async () => {
    const r = await runCli(["why", PIPE, "double[n=9]", "--out", tmp()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DF5014]: Stage `double` has no task `double[n=9]` in this plan.");
    expect(r.stderr).toContain("did you mean `double[n=0]`, `double[n=1]`, `double[n=2]`, `double[n=3]`?");
    expect((await runCli(["why", PIPE, "dubble", "--out", tmp()])).stderr).toContain("The plan has no task `dubble`.");
  });
});
