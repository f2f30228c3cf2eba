/**
 * User and environment mistakes end in a diagnostic of the report, exit 1, never a stack: a
 * damaged or missing plan directory, an unknown task id, a failed task, an `--out` or
 * `--emit-dir` that is a file, a write the system refuses.
 */
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { thrownDiagnostic } from "../../src/cli/createProgram.js";
import { AtomicFile } from "../../src/util/writeFileAtomic.js";
import { runCli } from "../helpers/cli.js";

const PIPE = path.resolve("test/fixtures/run/run.dflow");

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), "dflow-robust-"));
}

/** The JSON report on stdout. */
function report(stdout: string): { code: string; message: string; notes?: string[]; suggestions?: string[] }[] {
  return JSON.parse(stdout) as { code: string; message: string; notes?: string[]; suggestions?: string[] }[];
}

/** Sets the end of task 0's row of input references of `stage` far past the end of `tasks.bin`: damage the sizes alone do not show. */
function pointPastEnd(dir: string, stage: string): void {
  const stages = (JSON.parse(readFileSync(path.join(dir, "stages.json"), "utf8")) as { stages: { name: string; rowsAt: number }[] }).stages;
  const s = stages.find((x) => x.name === stage)!;
  const bin = readFileSync(path.join(dir, "tasks.bin"));
  bin.writeUInt32LE(0x7fffff, s.rowsAt + 4);
  writeFileSync(path.join(dir, "tasks.bin"), bin);
}

const sha256 = (b: string | Buffer): string => createHash("sha256").update(b).digest("hex");

/** Records the checksums of the files as they now are, as a writer that wrote them wrong would: the damage only the readers' checks can see. */
function resum(dir: string): void {
  const { self: _self, ...meta } = JSON.parse(readFileSync(path.join(dir, "plan.json"), "utf8")) as Record<string, unknown>;
  meta["checksums"] = Object.fromEntries(["stages.json", "types.json", "tasks.bin", "strings.bin"].map((f) => [f, sha256(readFileSync(path.join(dir, f)))]));
  writeFileSync(path.join(dir, "plan.json"), JSON.stringify({ ...meta, self: sha256(JSON.stringify(meta, null, 2)) }, null, 2) + "\n");
}

/** Flips byte `at` of a file of the plan. */
function flip(dir: string, name: string, at: number): void {
  const b = readFileSync(path.join(dir, name));
  b[at] = b[at]! ^ 0xff;
  writeFileSync(path.join(dir, name), b);
}

describe("dflow task on a damaged or missing plan", () => {
  let plan = "";
  beforeAll(async () => {
    const dir = tmp();
    plan = path.join(dir, "plan");
    const e = await runCli(["emit", "plan", PIPE, "--out", path.join(dir, "out"), "--emit-dir", plan]);
    expect(e.code).toBe(0);
  });

  /** A copy of the plan with one damage done to it. */
  function damaged(damage: (dir: string) => void): string {
    const dir = path.join(tmp(), "plan");
    cpSync(plan, dir, { recursive: true });
    damage(dir);
    return dir;
  }

  const mismatch = (f: string): string => `\`${f}\` does not match the checksum \`plan.json\` records for it`;
  const cases: [string, (dir: string) => void, string][] = [
    ["tasks.bin cut short", (d) => truncateSync(path.join(d, "tasks.bin"), 20), mismatch("tasks.bin")],
    [
      "tasks.bin cut short, checksums rewritten",
      (d) => (truncateSync(path.join(d, "tasks.bin"), 20), resum(d)),
      "`tasks.bin` is shorter than stage `make`'s rows need",
    ],
    ["tasks.bin empty, checksums rewritten", (d) => (truncateSync(path.join(d, "tasks.bin"), 0), resum(d)), "`tasks.bin` is shorter than"],
    ["tasks.bin missing", (d) => rmSync(path.join(d, "tasks.bin")), "`tasks.bin` is missing"],
    [
      "strings.bin cut short, checksums rewritten",
      (d) => (truncateSync(path.join(d, "strings.bin"), 30), resum(d)),
      "`strings.bin` is shorter than its string tables need",
    ],
    ["strings.bin missing", (d) => rmSync(path.join(d, "strings.bin")), "`strings.bin` is missing"],
    ["stages.json missing", (d) => rmSync(path.join(d, "stages.json")), "`stages.json` is missing"],
    ["stages.json not JSON", (d) => writeFileSync(path.join(d, "stages.json"), "{"), mismatch("stages.json")],
    ["stages.json not JSON, checksums rewritten", (d) => (writeFileSync(path.join(d, "stages.json"), "{"), resum(d)), "`stages.json` is not valid JSON"],
    ["stages.json an array, checksums rewritten", (d) => (writeFileSync(path.join(d, "stages.json"), "[]"), resum(d)), "`stages.json` is not an object"],
    ["plan.json empty object", (d) => writeFileSync(path.join(d, "plan.json"), "{}"), "`plan.json` does not name the dflow that wrote it"],
    ["types.json missing", (d) => rmSync(path.join(d, "types.json")), "`types.json` is missing"],
    ["a row of tasks.bin pointing past its end", (d) => pointPastEnd(d, "make"), mismatch("tasks.bin")],
    [
      "a row of tasks.bin pointing past its end, checksums rewritten",
      (d) => (pointPastEnd(d, "make"), resum(d)),
      "the records of stage `make` point outside the files",
    ],
    // One byte flipped anywhere: the keys, the rows, the string tables, the header.
    ...[0, 1, 17, 40].map((at): [string, (dir: string) => void, string] => [
      `byte ${at} of tasks.bin flipped`,
      (d) => flip(d, "tasks.bin", at),
      mismatch("tasks.bin"),
    ]),
    ["a byte of strings.bin flipped", (d) => flip(d, "strings.bin", 9), mismatch("strings.bin")],
    ["a byte of types.json flipped", (d) => flip(d, "types.json", 5), mismatch("types.json")],
    [
      "plan.json's output root changed",
      (d) => writeFileSync(path.join(d, "plan.json"), readFileSync(path.join(d, "plan.json"), "utf8").replace(/"out": "/, '"out": "/x')),
      "`plan.json` does not match its checksum",
    ],
    [
      "plan.json without checksums",
      (d) => writeFileSync(path.join(d, "plan.json"), readFileSync(path.join(d, "plan.json"), "utf8").replace(/"checksums"/, '"sums"')),
      "`plan.json` records no checksums",
    ],
  ];

  it.each(cases)("reports %s as DF5013 in the report, exit 1", async (_name, damage, what) => {
    const dir = damaged(damage);
    const json = await runCli(["task", dir, "make:0", "--format", "json"]);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe("");
    const [d, ...rest] = report(json.stdout);
    expect(rest).toEqual([]);
    expect(d!.code).toBe("DF5013");
    expect(d!.message).toContain(`is damaged (${what}`);
    expect(d!.message).toMatch(/: emit it again\.$/);
    const text = await runCli(["task", dir, "make[n=1]"]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/^error\[DF5013\]: The plan in `.*` is damaged/);
    expect(text.stderr).not.toMatch(/ENOENT|RangeError|at .*\.js:\d+/);
  });

  it("reports a key of strings.bin that is not JSON as DF5013 when a selector is expanded, not an internal error", async () => {
    const dir = damaged((d) => {
      // Each key of grid n is stored as its JSON text ("0".."3"): one made a letter, checksums then rewritten.
      const b = readFileSync(path.join(d, "strings.bin"));
      const stages = JSON.parse(readFileSync(path.join(d, "stages.json"), "utf8")) as { grids: Record<string, number>; tables: [number, number][] };
      const [at, n] = stages.tables[stages.grids["n"]!]!;
      b[at + 4 * (n + 1)] = "x".charCodeAt(0);
      writeFileSync(path.join(d, "strings.bin"), b);
      resum(d);
    });
    const r = await runCli(["task", dir, "make[n={0,1}]", "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Internal|SyntaxError|DF9001/);
    const ds = report(r.stdout);
    expect(ds.map((d) => d.code)).toEqual(["DF5013"]);
    expect(ds[0]!.message).toContain("the keys of stage `make` do not parse");
  });

  it("still runs tasks from the undamaged plan", async () => {
    expect((await runCli(["task", damaged(() => {}), "make:0"])).stderr).toBe("ran make[n=0]\n");
  });

  it("reports a missing directory or one without plan.json as DF5012, exit 1, without a system message", async () => {
    const none = path.join(tmp(), "nothere");
    const a = await runCli(["task", none, "make:0", "--format", "json"]);
    expect(a.code).toBe(1);
    expect(report(a.stdout).map((d) => [d.code, d.message])).toEqual([["DF5012", `\`${none}\` holds no plan: the directory does not exist.`]]);
    const empty = tmp();
    const b = await runCli(["task", empty, "make:0"]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain("error[DF5012]: `" + empty + "` holds no plan: it has no `plan.json`.");
    expect(b.stderr).not.toContain("ENOENT");
  });
});

describe("dflow task and dflow run report unknown and failed tasks as diagnostics", () => {
  it("says whether the stage is unknown (with did-you-mean) or the index or key is not one of the stage's", async () => {
    const dir = tmp();
    const plan = path.join(dir, "plan");
    expect((await runCli(["emit", "plan", PIPE, "--out", path.join(dir, "out"), "--emit-dir", plan])).code).toBe(0);
    const r = await runCli(["task", plan, "maek:0", "make:4", "make[n=9]", "make:3", "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("ran make[n=3]\n");
    const ds = report(r.stdout);
    expect(ds.map((d) => d.code)).toEqual(["DF5014", "DF5014", "DF5014"]);
    expect(ds[0]!.message).toBe("The plan has no stage `maek` (task `maek:0`).");
    expect(ds[0]!.suggestions).toEqual(["make"]);
    expect(ds[1]!.message).toBe("Task `make:4` is out of range: stage `make` has 4 tasks, `make:0` to `make:3`.");
    expect(ds[2]!.message).toBe("Stage `make` has no task `make[n=9]`.");
  });

  it("reports a failed task with its log, in dflow task and in dflow run", async () => {
    const dir = tmp();
    const plan = path.join(dir, "plan");
    const out = path.join(dir, "out");
    expect((await runCli(["emit", "plan", PIPE, "--out", out, "--emit-dir", plan])).code).toBe(0);
    // `total` reads outputs no task has made yet.
    const t = await runCli(["task", plan, "total", "--format", "json"]);
    expect(t.code).toBe(1);
    const [d] = report(t.stdout);
    expect(d!.code).toBe("DF5015");
    expect(d!.message).toMatch(/^Task `total` failed: input `twice\/twice-0\.json` does not exist/);
    expect(d!.notes).toEqual([`log: ${path.join(out, ".dflow/logs/total/total.log")}`]);
    const run = await runCli(["run", PIPE, "--out", path.join(dir, "out2"), "--set", "failAt=2", "--format", "json"]);
    expect(run.code).toBe(1);
    const failed = report(run.stdout);
    // The kernel's own file and line, through the source map of its transpiled copy.
    expect(failed.map((f) => [f.code, f.message])).toEqual([
      ["DF5015", "Task `make[n=2]` failed: partition n = 2 fails on purpose (at test/fixtures/run/kernels/index.ts:22:34)"],
    ]);
    expect(failed[0]!.notes![0]).toMatch(/^log: .*make.*\.log$/);
  });
});

describe("--out and --emit-dir are checked before any work", () => {
  it("reports a file given as --out or --emit-dir, or a path under a file, as DF5016 naming the path", async () => {
    const dir = tmp();
    const file = path.join(dir, "afile");
    writeFileSync(file, "x");
    const run = await runCli(["run", PIPE, "--out", file, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(report(run.stdout).map((d) => [d.code, d.message])).toEqual([["DF5016", `\`--out ${file}\` is a file, not a directory.`]]);
    for (const emitter of ["plan", "make", "ts"]) {
      const r = await runCli(["emit", emitter, PIPE, "--out", path.join(dir, "out"), "--emit-dir", file, "--format", "json"]);
      expect(r.code, emitter).toBe(1);
      expect(
        report(r.stdout).map((d) => d.code),
        emitter,
      ).toEqual(["DF5016"]);
      const under = await runCli(["emit", emitter, PIPE, "--out", path.join(dir, "out"), "--emit-dir", path.join(file, "sub", "dir")]);
      expect(under.code, emitter).toBe(1);
      expect(under.stderr, emitter).toContain(
        `error[DF5016]: \`--emit-dir ${path.join(file, "sub", "dir")}\` cannot be created: \`${file}\` is a file, not a directory.`,
      );
    }
    const site = path.resolve("sites/local.yaml");
    const slurm = await runCli(["emit", "slurm", PIPE, "--site", site, "--out", path.join(dir, "out"), "--emit-dir", file, "--format", "json"]);
    expect(slurm.code).toBe(1);
    expect(report(slurm.stdout).map((d) => d.code)).toContain("DF5016");
  });

  it("reports a write the system refuses as DF5017 naming the file, as the only report on stdout", async () => {
    const dir = tmp();
    const emit = path.join(dir, "emit");
    mkdirSync(path.join(emit, "plan.json"), { recursive: true });
    const r = await runCli(["emit", "plan", PIPE, "--out", path.join(dir, "out"), "--emit-dir", emit, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(report(r.stdout).map((d) => [d.code, d.message])).toEqual([
      ["DF5017", `\`${path.join(emit, "plan.json")}\` could not be written: it is a directory (EISDIR).`],
    ]);
  });

  it("turns a full disk into DF5017 and anything else thrown into DF9001 with the stack in its notes", () => {
    // `/dev/full` refuses every write with ENOSPC; a write through a descriptor names no file, AtomicFile names it.
    const file = path.join(tmp(), "big.txt");
    const f = new AtomicFile(file, { fsync: false });
    const fd = openSync("/dev/full", "w");
    (f as unknown as { fd: number }).fd = fd;
    let full: unknown;
    try {
      f.write(new Uint8Array(8));
    } catch (e) {
      full = e;
    }
    f.abort();
    expect(thrownDiagnostic(full)).toMatchObject({ code: "DF5017", message: `\`${file}\` could not be written: no space is left on the device (ENOSPC).` });
    const bug = thrownDiagnostic(new TypeError("x is undefined"));
    expect(bug).toMatchObject({ code: "DF9001", message: "Internal error: x is undefined" });
    expect(bug.notes![0]).toMatch(/^TypeError: x is undefined\n\s+at /);
  });
});
