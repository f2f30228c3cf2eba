/**
 * Transcripts of where each command writes: text diagnostics on stderr, data formats (json,
 * github) on stdout as the report, a command's own data on stdout; `--format` on every command
 * that reports problems; exit codes from the result.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import type { SarifLog as Log } from "../../src/diag/renderSarif.js";
import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/index.js";
import { runCli } from "../helpers/cli.js";

const BROKEN = 'pipeline b\nproduct a : A at "a"\nstage s { in nothere out a }\n';

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), "dflow-streams-"));
}

function broken(): string {
  const dir = tmp();
  writeFileSync(path.join(dir, "b.dflow"), BROKEN);
  return dir;
}

/** The JSON report on stdout: its codes. */
function codes(stdout: string): string[] {
  return (JSON.parse(stdout) as { code: string }[]).map((d) => d.code);
}

describe("text diagnostics go to stderr, data formats to stdout", () => {
  it("check: text and short on stderr, json and github on stdout", async () => {
    const dir = broken();
    const text = await runCli(["check", "b.dflow"], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe("");
    expect(text.stderr).toMatch(/^error\[DF\d{4}\]: /);
    const short = await runCli(["check", "--format", "short", "b.dflow"], dir);
    expect(short.stdout).toBe("");
    expect(short.stderr).toContain("b.dflow:3:14: error[DF2002]: There is no product named `nothere`.\n");
    const json = await runCli(["check", "--format", "json", "b.dflow"], dir);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe("");
    expect(codes(json.stdout)).toContain("DF2002");
    const gh = await runCli(["check", "--format", "github", "b.dflow"], dir);
    expect(gh.stderr).toBe("");
    expect(gh.stdout).toMatch(/^::error file=b\.dflow,line=3,col=14,.*There is no product named `nothere`/m);
  });

  it("check: sarif is a SARIF 2.1.0 log and markdown a table, both on stdout", async () => {
    const dir = broken();
    const sarif = await runCli(["check", "--format", "sarif", "b.dflow"], dir);
    expect(sarif.code).toBe(1);
    expect(sarif.stderr).toBe("");
    const log = JSON.parse(sarif.stdout) as Log;
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe("dflow");
    const rules = run.tool.driver.rules.map((r) => r.id);
    expect(rules).toEqual([...rules].sort());
    const nothere = run.results.find((r) => r.ruleId === "DF2002")!;
    expect(nothere).toMatchObject({ level: "error", message: { text: "There is no product named `nothere`." } });
    expect(rules[nothere.ruleIndex]).toBe("DF2002");
    expect(nothere.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "b.dflow" },
      region: { startLine: 3, startColumn: 14, endLine: 3, endColumn: 21 },
    });
    const clean = await runCli(["check", "--format", "sarif", "test/fixtures/check/clean.dflow"]);
    expect((JSON.parse(clean.stdout) as Log).runs[0]!.results).toEqual([]);
    const md = await runCli(["check", "--format", "markdown", "b.dflow"], dir);
    expect(md.stderr).toBe("");
    expect(md.stdout.split("\n").slice(0, 4)).toEqual([
      "**dflow**: 3 errors",
      "",
      "| severity | code | where | message |",
      "|----------|------|-------|---------|",
    ]);
    expect(md.stdout).toContain("| error | DF2002 | `b.dflow:3:14` | There is no product named `nothere`. |\n");
    expect((await runCli(["check", "--format", "markdown", "test/fixtures/check/clean.dflow"])).stdout).toBe("**dflow**: no problems\n");
  });

  it("table and plan: the problems are the report on stdout when there is no table or plan, on stderr as text by default", async () => {
    const dir = broken();
    for (const cmd of ["table", "plan"]) {
      const text = await runCli([cmd, "b.dflow", "--out", dir], dir);
      expect(text.code, cmd).toBe(1);
      expect(text.stdout, cmd).toBe("");
      expect(text.stderr, cmd).toContain("error[DF2002]: There is no product named `nothere`.");
      const json = await runCli([cmd, "b.dflow", "--out", dir, "--format", "json"], dir);
      expect(json.code, cmd).toBe(1);
      expect(json.stderr, cmd).toBe("");
      expect(codes(json.stdout), cmd).toContain("DF2002");
    }
  });

  it("plan --format json: the plan is the data on stdout when there is one", async () => {
    const r = await runCli(["plan", "test/fixtures/seed/seed.dflow", "--out", "test/fixtures/seed/out", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout) as object).sort()).toEqual(["frontier", "out", "profile", "stages", "tasks", "total"]);
  });

  it("emit, run and task report usage problems with exit 2, as JSON on stdout when asked", async () => {
    const dir = broken();
    const emit = await runCli(["emit", "plan", "b.dflow", "--out", dir, "--emit-dir", path.join(dir, "e"), "--format", "json"], dir);
    expect(emit.code).toBe(1);
    expect(codes(emit.stdout)).toContain("DF2002");
    const task = await runCli(["task", dir, "--format", "json"], dir);
    expect(task.code).toBe(2);
    expect(codes(task.stdout)).toEqual(["DF5001"]);
    const run = await runCli(["run", "test/fixtures/check/clean.dflow", "--out", tmp(), "--jobs", "0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error[DF5001]: `--jobs 0` must be a whole number of at least 1.");
  });

  it("status, resubmit and continue: a directory without an emission is DF5010, exit 1", async () => {
    const dir = tmp();
    for (const cmd of ["status", "resubmit", "continue"]) {
      const json = await runCli([cmd, dir, "--format", "json"]);
      expect(json.code, cmd).toBe(1);
      expect(codes(json.stdout), cmd).toEqual(["DF5010"]);
      const text = await runCli([cmd, dir]);
      expect(text.stdout, cmd).toBe("");
      expect(text.stderr, cmd).toContain("error[DF5010]:");
    }
  });

  it("explain and datamodel: JSON data with --format json, problems as the report when there is none", async () => {
    const e = await runCli(["explain", "DF1006", "--format", "json"]);
    expect(JSON.parse(e.stdout)).toMatchObject({ code: "DF1006", severity: "error", title: "unknown status word" });
    const bad = await runCli(["explain", "DF0000", "--format", "json"]);
    expect(bad.code).toBe(1);
    expect(codes(bad.stdout)).toEqual(["DF5002"]);
    const d = await runCli(["datamodel", "ExposureList", "--format", "json"]);
    expect(d.stdout).toBe((await runCli(["datamodel", "ExposureList", "--json"])).stdout);
    expect((JSON.parse(d.stdout) as { name: string }[]).map((t) => t.name)).toEqual(["ExposureList"]);
    const none = await runCli(["datamodel", "Frme", "--format", "json"]);
    expect(none.code).toBe(1);
    expect(codes(none.stdout)).toEqual(["DF3030"]);
  });
});

describe("every command that reports problems", () => {
  const leaves = (c: Command): Command[] => (c.commands.length === 0 ? [c] : c.commands.flatMap(leaves));
  const program = createProgram({ stdout: () => {}, stderr: () => {}, cwd: process.cwd(), env: {}, isTTY: false }).program;

  it("has --format with text among its choices (graph's is the graph's: dot or mermaid)", () => {
    const names: string[] = [];
    // `dflow lsp` reports nothing itself: it speaks the Language Server Protocol on stdout.
    for (const c of leaves(program).filter((x) => x.name() !== "lsp")) {
      const name = c.parent !== program ? `${c.parent!.name()} ${c.name()}` : c.name();
      names.push(name);
      const format = c.options.find((o) => o.long === "--format");
      expect(format, name).toBeDefined();
      expect(format!.argChoices, name).toContain(name === "graph" ? "dot" : "text");
    }
    expect(names.sort()).toEqual([
      "check",
      "continue",
      "datamodel",
      "diff",
      "emit make",
      "emit plan",
      "emit slurm",
      "emit ts",
      "explain",
      "fmt",
      "graph",
      "init",
      "lint",
      "plan",
      "resubmit",
      "run",
      "status",
      "table",
      "task",
      "why",
    ]);
  });

  it("is listed by dflow --help with the exit codes; dflow run --help lists its options", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const c of [
      "check",
      "lint",
      "diff",
      "fmt",
      "plan",
      "table",
      "graph",
      "run",
      "emit",
      "status",
      "resubmit",
      "continue",
      "task",
      "why",
      "datamodel",
      "explain",
      "lsp",
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
    expect(help.stdout).toContain("Exit codes: 0 no problem, 1 errors found");
    const run = await runCli(["run", "--help"]);
    expect(run.code).toBe(0);
    for (const o of ["--out <dir>", "--profile <name>", "--set <assignments...>", "--only <selector>", "-j, --jobs <n>", "--format <format>"])
      expect(run.stdout).toContain(o);
  });
});
