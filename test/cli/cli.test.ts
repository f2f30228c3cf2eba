import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exitCode } from "../../src/cli/index.js";
import { diag, displayPath } from "../../src/diag/index.js";
import { DFLOW_VERSION } from "../../src/version.js";
import { runBin, runCli } from "../helpers/cli.js";

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), "dflow-cli-"));
}

const FIVE = `pipeline five

grid camera = {b, r z}

product frame[exposure camera] : Frame at "x/{exposure}.fits"

stage sky[e: exposure] {
  in frame[e]
  out sky[e
  kernel calib.sky
}

param seed: int = = 1

stage other {
  status ready
  in x y
}
`;

describe("dflow check", () => {
  it("exits 0 and says so on a clean file", async () => {
    const r = await runCli(["check", "test/fixtures/check/clean.dflow"]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "no problems in 1 file\n" });
  });

  it("reports all five syntax errors with codes, places relative to the working directory, code frames and expectations", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "five.dflow"), FIVE);
    const r = await runCli(["check", "five.dflow"], dir);
    expect(r.code).toBe(1);
    // Text diagnostics are for people: they go to stderr, before the summary; stdout stays empty.
    expect(r.stdout).toBe("");
    const headers = r.stderr.split("\n").filter((l) => l.startsWith("error["));
    expect(headers).toHaveLength(5);
    expect(headers.every((h) => /^error\[DF1\d{3}\]: Expected /.test(h))).toBe(true);
    expect(r.stderr.match(/┌─ five\.dflow:\d+:\d+/g)).toHaveLength(8);
    expect(r.stderr).toContain("3 │ grid camera = {b, r z}\n  │                     ^ unexpected here");
    expect(r.stderr.endsWith("\n5 errors in 1 file\n")).toBe(true);
  });

  it("prints JSON and GitHub annotations", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "five.dflow"), FIVE);
    const json = await runCli(["check", "--format", "json", "five.dflow"], dir);
    const parsed = JSON.parse(json.stdout) as { code: string; primary: { file: string; line: number } }[];
    expect(parsed.map((d) => `${d.code}@${d.primary.file}:${d.primary.line}`)).toEqual([
      "DF1003@five.dflow:3",
      "DF1003@five.dflow:5",
      "DF1003@five.dflow:10",
      "DF1004@five.dflow:13",
      "DF1004@five.dflow:17",
    ]);
    const gh = await runCli(["check", "--format", "github", "five.dflow"], dir);
    expect(
      gh.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => l.startsWith("::error file=five.dflow,line=")),
    ).toBe(true);
    const clean = await runCli(["check", "--format", "json", "test/fixtures/check/clean.dflow"]);
    expect(clean.stdout).toBe("[]\n");
  });

  it("reports a missing file and a non-UTF-8 file without a stack trace", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "latin1.dflow"), Buffer.from([0x70, 0x69, 0x70, 0x65, 0xe9, 0x0a]));
    const r = await runCli(["check", "missing.dflow", "latin1.dflow"], dir);
    expect(r.code).toBe(1);
    // Messages name files relative to the process's working directory when they lie below it.
    const shown = (f: string): string => displayPath(path.join(dir, f), process.cwd());
    expect(r.stderr).toContain("error[DF1000]: Cannot read `" + shown("missing.dflow") + "`: it does not exist.");
    expect(r.stderr).toContain("error[DF1008]: `" + shown("latin1.dflow") + "` is not UTF-8 text (invalid byte 0xe9 at byte 4).");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("exits 2 on usage errors", async () => {
    expect((await runCli(["check"])).code).toBe(2);
    expect((await runCli(["check", "--format", "xml", "a.dflow"])).code).toBe(2);
    expect((await runCli(["frobnicate"])).code).toBe(2);
  });
});

describe("dflow fmt", () => {
  it("exits 1 with --check on an unformatted file, formats it in place, then exits 0", async () => {
    const dir = tmp();
    const f = path.join(dir, "a.dflow");
    writeFileSync(f, "pipeline   a\ngrid  g={x,y}   # c\n");
    const before = await runCli(["fmt", "--check", "a.dflow"], dir);
    expect(before).toEqual({ code: 1, stdout: "", stderr: "not formatted: a.dflow\n1 of 1 file is not formatted; run `dflow fmt` on it\n" });
    expect(readFileSync(f, "utf8")).toBe("pipeline   a\ngrid  g={x,y}   # c\n");
    const fmt = await runCli(["fmt", "a.dflow"], dir);
    expect(fmt).toEqual({ code: 0, stdout: "", stderr: "formatted a.dflow\n" });
    expect(readFileSync(f, "utf8")).toBe("pipeline a\ngrid g = {x, y}  # c\n");
    expect(await runCli(["fmt", "--check", "a.dflow"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("refuses to format a file with syntax errors and leaves it unchanged", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "five.dflow"), FIVE);
    const r = await runCli(["fmt", "five.dflow"], dir);
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(dir, "five.dflow"), "utf8")).toBe(FIVE);
  });
});

describe("dflow check --only", () => {
  it("rejects a refactoring stage among the requested targets unless allowed", async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, "r.dflow"),
      'pipeline r\nproduct a : A at "a"\nproduct b : B at "b"\nstage mk { out a status refactoring "for scaling" }\nstage use { in a out b }\n',
    );
    const r = await runCli(["check", "--format", "short", "--only", "use", "--", "r.dflow"], dir);
    expect(r.stderr).toContain("r.dflow:4:25: error[DF4001]: Stage `mk` is marked `refactoring`, so it is not run or emitted.");
    const ok = await runCli(["check", "--format", "short", "--only", "use", "--allow-refactoring", "--", "r.dflow"], dir);
    expect(ok.stderr).not.toContain("DF4001");
    const bad = await runCli(["check", "--format", "short", "--only", "usee[camera=b", "--", "r.dflow"], dir);
    expect(bad.stderr).toContain("error[DF1011]");
  });
});

describe("dflow datamodel", () => {
  it("prints a product type's HDUs with dtypes, dims and units, and suggests names for unknown types", async () => {
    const r = await runCli(["datamodel", "Frame"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Frame \(FITS\)/);
    expect(r.stdout).toContain("HDU 4 RESOLUTION: image f32[fiber, diag=11, wave]");
    expect(r.stdout).toMatch(/TARGETID +i64/);
    const bad = await runCli(["datamodel", "Frme"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("did you mean `Frame`");
  });
});

describe("dflow explain", () => {
  it("prints the long explanation of a code, case-insensitively", async () => {
    const r = await runCli(["explain", "df1006"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DF1006: unknown status word \(error\)\n\n/);
    expect(r.stdout).toContain('status refactoring "for scaling"');
  });

  it("lists every code and rejects unknown ones", async () => {
    expect((await runCli(["explain", "--list"])).stdout).toContain("DF1000  error    cannot read source file\n");
    const r = await runCli(["explain", "DF0000"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DF5002]: `DF0000` is not a dflow diagnostic code.");
  });
});

describe("exit codes", () => {
  it("are a pure function of the outcome", () => {
    const err = diag("DF1003", "x", undefined);
    const warn = diag("DF1003", "x", undefined, { severity: "warning" });
    expect(exitCode({ diagnostics: [] })).toBe(0);
    expect(exitCode({ diagnostics: [warn] })).toBe(0);
    expect(exitCode({ diagnostics: [warn] }, "warning")).toBe(1);
    expect(exitCode({ diagnostics: [err] })).toBe(1);
    expect(exitCode({ diagnostics: [], failed: true })).toBe(1);
    expect(exitCode({ diagnostics: [], usageError: true })).toBe(2);
    expect(exitCode({ diagnostics: [err, diag("DF9001", "bug", undefined)] })).toBe(3);
  });
});

describe("the bundled executable", () => {
  it("runs check and fmt like the library, with its version", () => {
    const dir = tmp();
    copyFileSync("test/fixtures/kitchen-sink.dflow", path.join(dir, "k.dflow"));
    copyFileSync("test/fixtures/check/clean.dflow", path.join(dir, "twopct.dflow"));
    expect(runBin(["--version"]).stdout.trim()).toBe(DFLOW_VERSION);
    expect((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version).toBe(DFLOW_VERSION);
    const check = runBin(["check", "test/fixtures/check/clean.dflow"]);
    expect(check).toMatchObject({ code: 0, stderr: "no problems in 1 file\n" });
    expect(runBin(["fmt", "--check", "k.dflow"], dir).code).toBe(1);
    expect(runBin(["fmt", "k.dflow"], dir).code).toBe(0);
    expect(runBin(["fmt", "--check", "k.dflow"], dir).code).toBe(0);
  });
});
