/**
 * Task selectors mean the same in every command: `run --only`, `emit … --only` and `graph
 * --tasks` apply key filters, and a grid the stage lacks or a selector matching no task is an
 * error; `--only` takes one selector per flag, so it never swallows the file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { findTool } from "../helpers/externalTools.js";

const PIPE = path.resolve("test/fixtures/run/run.dflow");

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), "dflow-select-"));
}

/** The JSON report on stdout. */
function codes(stdout: string): [string, string][] {
  return (JSON.parse(stdout) as { code: string; message: string }[]).map((d) => [d.code, d.message]);
}

/** The products `run` wrote under `dir`, sorted. */
function written(dir: string, sub: string): string[] {
  return existsSync(path.join(dir, sub)) ? readdirSync(path.join(dir, sub)).sort() : [];
}

describe("run --only applies key filters", () => {
  it("runs the selected tasks and those upstream of them, by grid name or variable name, value, set or range", async () => {
    const cases: [string, string[], string[]][] = [
      ["make[n=1]", ["item-1.json"], []],
      ["make[i=2]", ["item-2.json"], []],
      ["double[n={1,3}]", ["item-1.json", "item-3.json"], ["twice-1.json", "twice-3.json"]],
      ["double[i=0..1]", ["item-0.json", "item-1.json"], ["twice-0.json", "twice-1.json"]],
    ];
    for (const [sel, items, twice] of cases) {
      const out = tmp();
      const r = await runCli(["run", PIPE, "--out", out, "-j", "1", "--only", sel]);
      expect(r.code, sel + r.stderr).toBe(0);
      expect(written(out, "item"), sel).toEqual(items);
      expect(written(out, "twice"), sel).toEqual(twice);
      expect(existsSync(path.join(out, "total.json")), sel).toBe(false);
    }
  });

  it("takes one selector per flag, repeated", async () => {
    const out = tmp();
    const r = await runCli(["run", "--only", "make[n=0]", "--only", "make[n=3]", PIPE, "--out", out, "-j", "1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(written(out, "item")).toEqual(["item-0.json", "item-3.json"]);
  });

  it("refuses a grid the stage lacks, a selector matching nothing and an unknown stage, running nothing", async () => {
    const cases: [string, [string, string]][] = [
      ["make[grid=v]", ["DF1011", "Stage `make` has no grid or variable `grid`."]],
      ["make[n.night=3]", ["DF1011", "Grid `n` has no attribute `night`."]],
      ["make[n=9]", ["DF1011", "No task of stage `make` matches `make[n=9]`."]],
      ["total[n=1]", ["DF1011", "Stage `total` has no grid or variable `n`."]],
      ["mkae", ["DF2002", "There is no stage named `mkae`."]],
      // A key given twice says so (not "matches nothing"), by grid name or by the variable's name.
      ["make[n=3,n=4]", ["DF1011", "The key `n` is repeated in `make[n=3,n=4]`: a task has one value of it, so a selector gives it once."]],
      ["make[n=3,n=3]", ["DF1011", "The key `n` is repeated in `make[n=3,n=3]`: a task has one value of it, so a selector gives it once."]],
      [
        "make[n=3,i=4]",
        ["DF1011", "`n` and `i` name one key (a variable and its grid) in `make[n=3,i=4]`: a task has one value of it, so a selector gives it once."],
      ],
    ];
    for (const [sel, want] of cases) {
      const out = tmp();
      const r = await runCli(["run", PIPE, "--out", out, "-j", "1", "--only", sel, "--format", "json"]);
      expect(r.code, sel).toBe(1);
      expect(codes(r.stdout), sel).toEqual([want]);
      expect(written(out, "item"), sel).toEqual([]);
    }
  });
});

describe("the same selectors in graph --tasks and check --only", () => {
  it("graph --tasks gives the same diagnostics as run --only", async () => {
    const out = tmp();
    for (const [sel, message] of [
      ["make[grid=v]", "error[DF1011]: Stage `make` has no grid or variable `grid`."],
      ["make[n=9]", "error[DF1011]: No task of stage `make` matches `make[n=9]`."],
    ]) {
      const r = await runCli(["graph", PIPE, "--out", out, "--tasks", sel!]);
      expect(r.code, sel).toBe(1);
      expect(r.stderr, sel).toContain(message);
    }
    const ok = await runCli(["graph", PIPE, "--out", out, "--tasks", "double[i=2]"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('"double[n=2]"');
  });

  it("check --only SEL FILE checks FILE (the selector does not swallow it)", async () => {
    const r = await runCli(["check", "--only", "make", PIPE]);
    expect(r.stderr).toBe("no problems in 1 file\n");
    expect(r.code).toBe(0);
    const bad = await runCli(["check", "--only", "mkae", PIPE, "--format", "short"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error[DF2002]: There is no stage named `mkae`.");
    // A grid the stage lacks shows without a plan, as run --only says it.
    const grid = await runCli(["check", "--only", "make[grid=1]", PIPE, "--format", "json"]);
    expect(grid.code).toBe(1);
    expect(codes(grid.stdout)).toEqual([["DF1011", "Stage `make` has no grid or variable `grid`."]]);
  });
});

describe("the same selectors in dflow task", () => {
  it("runs the tasks a selector matches (sets, ranges, a variable's name) and refuses one naming no grid or no task", async () => {
    const dir = tmp();
    const plan = path.join(dir, "plan");
    const out = path.join(dir, "out");
    expect((await runCli(["emit", "plan", PIPE, "--out", out, "--emit-dir", plan])).code).toBe(0);
    const r = await runCli(["task", plan, "make[i=2]", "make[n={0,3}]", "make[n=1]"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("ran make[n=2]\nran make[n=0]\nran make[n=3]\nran make[n=1]\n");
    const d = await runCli(["task", plan, "double[i=0..1]"]);
    expect(d.stderr).toBe("ran double[n=0]\nran double[n=1]\n");
    const bad = await runCli(["task", plan, "make[grid=1]", "make[n={7,8}]", "make[n.night=1]", "make[n=1,n=2]", "double[n=2]", "--format", "json"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("ran double[n=2]\n");
    expect(codes(bad.stdout)).toEqual([
      ["DF1011", "Stage `make` has no grid or variable `grid`."],
      ["DF1011", "No task of stage `make` matches `make[n={7,8}]`."],
      ["DF1011", "`n.night` is an attribute, and an emitted plan keeps keys only."],
      ["DF1011", "The key `n` is repeated in `make[n=1,n=2]`: a task has one value of it, so a selector gives it once."],
    ]);
  });
});

describe("the same selectors in emit make --only", () => {
  it("makes the selected tasks and those they need by default, and refuses what run --only refuses", async () => {
    const dir = tmp();
    const r = await runCli(["emit", "make", PIPE, "--out", path.join(dir, "out"), "--emit-dir", path.join(dir, "m"), "--only", "double[n={1,2}]"]);
    expect(r.code, r.stderr).toBe(0);
    const dry = spawnSync(findTool("make", "make"), ["-n", "-f", path.join(dir, "m", "Makefile")], { encoding: "utf8" });
    expect(dry.status, dry.stderr).toBe(0);
    const tasks = dry.stdout
      .split("\n")
      .filter((l) => l.includes(" task "))
      .map((l) => l.slice(l.lastIndexOf(" ") + 1))
      .sort();
    expect(tasks).toEqual(["double:1", "double:2", "make:1", "make:2"]);
    for (const [sel, want] of [
      ["double[grid=1]", ["DF1011", "Stage `double` has no grid or variable `grid`."]],
      ["double[n=9]", ["DF1011", "No task of stage `double` matches `double[n=9]`."]],
    ] as const) {
      const bad = await runCli(["emit", "make", PIPE, "--out", path.join(dir, "out"), "--emit-dir", path.join(dir, "bad"), "--only", sel, "--format", "json"]);
      expect(bad.code, sel).toBe(1);
      expect(codes(bad.stdout), sel).toEqual([want]);
      expect(existsSync(path.join(dir, "bad")), sel).toBe(false);
    }
  });
});

describe("the same selectors in emit plan --only and emit ts --only", () => {
  it("list the selected tasks and those they need in only.tasks, which dflow task runs, and refuse what run --only refuses", async () => {
    const dir = tmp();
    const out = path.join(dir, "out");
    const emit = path.join(dir, "p");
    const r = await runCli(["emit", "plan", PIPE, "--out", out, "--emit-dir", emit, "--only", "double[n={1,2}]"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`--only: 4 tasks listed in ${path.join(emit, "only.tasks")}`);
    const ids = readFileSync(path.join(emit, "only.tasks"), "utf8");
    expect(ids).toBe("make[n=1]\tmake[n=2]\tdouble[n=1]\tdouble[n=2]\n");
    const t = await runCli(["task", emit, "--tasks-file", path.join(emit, "only.tasks"), "--element", "0"]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stderr.trim().split("\n")).toEqual(["ran make[n=1]", "ran make[n=2]", "ran double[n=1]", "ran double[n=2]"]);
    const ts = await runCli(["emit", "ts", PIPE, "--out", out, "--emit-dir", path.join(dir, "t"), "--only", "double[n=1]"]);
    expect(ts.code, ts.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "t", "only.tasks"), "utf8")).toBe("make[n=1]\tdouble[n=1]\n");
    // Without --only, the list an earlier emission left goes.
    expect((await runCli(["emit", "plan", PIPE, "--out", out, "--emit-dir", emit])).code).toBe(0);
    expect(existsSync(path.join(emit, "only.tasks"))).toBe(false);
    for (const emitter of ["plan", "ts"])
      for (const [sel, want] of [
        ["double[grid=1]", ["DF1011", "Stage `double` has no grid or variable `grid`."]],
        ["double[n=9]", ["DF1011", "No task of stage `double` matches `double[n=9]`."]],
        ["dobule", ["DF2002", "There is no stage named `dobule`."]],
      ] as const) {
        const bad = await runCli(["emit", emitter, PIPE, "--out", out, "--emit-dir", path.join(dir, "bad"), "--only", sel, "--format", "json"]);
        expect(bad.code, `${emitter} ${sel}`).toBe(1);
        expect(codes(bad.stdout), `${emitter} ${sel}`).toEqual([want]);
        expect(existsSync(path.join(dir, "bad")), sel).toBe(false);
      }
  });
});

describe("run --only through a relation: the same tasks as graph --tasks and emit plan --only", () => {
  const REL = path.resolve("test/fixtures/only-relation/only.dflow");
  /** The tasks whose products `run` wrote under `out`: `work[n=…]` and `use_r[g=…]`. */
  const ranTasks = (out: string): string[] => [
    ...written(out, "work").map((f) => `work[n=${/^work-(\d+)\.json$/.exec(f)![1]}]`),
    ...written(out, "use").map((f) => `use_r[g=${/^use-(\d+)\.json$/.exec(f)![1]}]`),
  ];
  /** The tasks a DOT task graph shows. */
  const graphTasks = (dot: string): string[] => [...dot.matchAll(/^ {2}"([^"]+)";$/gm)].map((m) => m[1]!);

  it("runs the work tasks the relation relates to the selected key, not the whole stage, once seed is made", async () => {
    const dir = tmp();
    const out = path.join(dir, "out");
    expect((await runCli(["run", REL, "--out", out, "-j", "1", "--only", "seed"])).code).toBe(0);
    const graph = await runCli(["graph", REL, "--out", out, "--tasks", "use_r[g=101]"]);
    expect(graph.code, graph.stderr).toBe(0);
    expect(graphTasks(graph.stdout)).toEqual(["work[n=1]", "use_r[g=101]"]);
    const emit = await runCli(["emit", "plan", REL, "--out", out, "--emit-dir", path.join(dir, "p"), "--only", "use_r[g=101]"]);
    expect(emit.code, emit.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "p", "only.tasks"), "utf8")).toBe("work[n=1]\tuse_r[g=101]\n");
    const r = await runCli(["run", REL, "--out", out, "-j", "1", "--only", "use_r[g=101]"]);
    expect(r.code, r.stderr).toBe(0);
    expect(ranTasks(out)).toEqual(graphTasks(graph.stdout));
    expect(r.stderr).toContain("run: 2 tasks run, 1 up to date, 0 failed");
  });

  it("runs seed first when the relation waits for it, then only the tasks the selection needs through the relation", async () => {
    const out = path.join(tmp(), "out");
    const r = await runCli(["run", REL, "--out", out, "-j", "1", "--only", "use_r[g=101]"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("run: 3 tasks run, 0 up to date, 0 failed");
    const graph = await runCli(["graph", REL, "--out", out, "--tasks", "use_r[g=101]"]);
    expect(ranTasks(out)).toEqual(graphTasks(graph.stdout));
    expect(existsSync(path.join(out, "seed.json"))).toBe(true);
  });
});
