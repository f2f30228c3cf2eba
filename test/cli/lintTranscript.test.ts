/**
 * Transcripts of `dflow lint` as a user sees it (text on stderr), and docs/lint.md kept honest: it
 * names every rule, and its example configuration is one that `dflow lint` reads without a problem.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SourceMap } from "../../src/diag/index.js";
import { LINT_RULES, parseLintConfig } from "../../src/lint/index.js";
import { runCli } from "../helpers/cli.js";

const DOC = readFileSync("docs/lint.md", "utf8");

describe("dflow lint (transcript)", () => {
  it("prints code frames with help on stderr and a count, nothing on stdout, and exits 0 on warnings", async () => {
    const r = await runCli(["lint", "test/fixtures/lint/warn.dflow", "--out", mkdtempSync(path.join(os.tmpdir(), "dflow-linttr-"))]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: readFileSync("test/cli/golden/lint-text.txt", "utf8") });
  });

  it("lints the pipelines of the repository with only the warnings judged right: defaults every profile sets", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-lintpipes-"));
    const r = await runCli(["lint", "pipelines/example.dflow", "pipelines/twopct.dflow", "--out", out, "--format", "json"]);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as { code: string; primary: { file: string } }[];
    expect(found.filter((d) => d.code !== "DF6003")).toEqual([]);
    expect(found.every((d) => d.primary.file === "pipelines/twopct.dflow")).toBe(true);
  });
});

describe("docs/lint.md", () => {
  it("lists every rule by code and name", () => {
    for (const rule of LINT_RULES) expect(DOC).toMatch(new RegExp(`\\| ${rule.code} \\| \`${rule.name}\` \\|`));
    expect(DOC).toContain("| DF6009 |");
  });

  it("shows a configuration that reads without a problem", () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(DOC)![1]!;
    const sources = new SourceMap();
    const r = parseLintConfig(sources.add("dflow.yaml", yaml), LINT_RULES);
    expect(r.diagnostics).toEqual([]);
    expect([...r.config.rules.entries()]).toEqual([
      ["DF6005", "error"],
      ["DF6008", "note"],
      ["DF6001", "off"],
    ]);
    expect(r.config.gatherMax).toBe(50000);
  });
});
