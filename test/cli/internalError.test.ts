/**
 * An internal error (an exception no command turned into a diagnostic) is DF9001 in the report,
 * in the format asked for, with the stack in its notes, and exit 3: stdout carries that report
 * alone, not the "no problems" report the command printed before it threw.
 */
import { describe, expect, it, vi } from "vitest";
import type { CliCommand } from "../../src/cli/CliCommand.js";
import type { SarifLog } from "../../src/diag/renderSarif.js";
import { runCli } from "../helpers/cli.js";

// `dflow check` as it is, then a bug: it has printed its clean report when it throws.
vi.mock("../../src/cli/commands/check.js", async (importOriginal) => {
  const real = await importOriginal<{ checkCommand: CliCommand }>();
  const checkCommand: CliCommand = {
    define: real.checkCommand.define,
    run: async (io, args) => {
      await real.checkCommand.run(io, args);
      throw new TypeError("cannot read properties of undefined (reading 'loc')");
    },
  };
  return { checkCommand };
});

const CLEAN = "test/fixtures/check/clean.dflow";

describe("an internal error is reported in the selected format", () => {
  it("json: one report on stdout holding DF9001 with the stack, exit 3", async () => {
    const r = await runCli(["check", CLEAN, "--format", "json"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("");
    const ds = JSON.parse(r.stdout) as { code: string; message: string; notes: string[] }[];
    expect(ds.map((d) => [d.code, d.message])).toEqual([["DF9001", "Internal error: cannot read properties of undefined (reading 'loc')"]]);
    expect(ds[0]!.notes[0]).toMatch(/^TypeError: cannot read properties[^\n]*\n\s+at /);
  });

  it("sarif (and --format=X): one log with the DF9001 result", async () => {
    const r = await runCli(["check", CLEAN, "--format=sarif"]);
    expect(r.code).toBe(3);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(log.runs[0]!.results.map((x) => x.ruleId)).toEqual(["DF9001"]);
  });

  it("text: on stderr, with the stack as a note", async () => {
    const r = await runCli(["check", CLEAN]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/error\[DF9001\]: Internal error: cannot read properties of undefined/);
    expect(r.stderr).toMatch(/note: TypeError: cannot read properties[^\n]*\n\s+at /);
  });
});
