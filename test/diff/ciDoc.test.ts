/**
 * docs/ci.md kept honest: its workflow is YAML whose dflow commands exist with the options they
 * use, and its classification table names every DF7xxx code with the catalogue's severity.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { allCodes } from "../../src/diag/index.js";
import { runCli } from "../helpers/cli.js";

const DOC = readFileSync("docs/ci.md", "utf8");

describe("docs/ci.md", () => {
  it("shows a workflow whose dflow commands and options exist", async () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(DOC)![1]!;
    const wf = parse(yaml) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run !== undefined ? [s.run.replace(/\\\n\s*/g, " ")] : [])));
    const calls = runs.flatMap((r) =>
      [...r.matchAll(/dist\/dflow\.js (\w+)([^\n>]*)/g)].map((m) => ({ command: m[1]!, flags: [...m[2]!.matchAll(/--[a-z-]+/g)].map((f) => f[0]) })),
    );
    expect(new Set(calls.map((c) => c.command))).toEqual(new Set(["check", "lint", "run", "diff"]));
    for (const c of calls) {
      const help = (await runCli([c.command, "--help"])).stdout;
      for (const f of c.flags) expect(help, `${c.command} ${f}`).toContain(f);
    }
    expect(runs.join("\n")).toContain("--format github");
    expect(runs.join("\n")).toContain("--format markdown");
  }, 60_000);

  it("classifies with every diff code at its severity", () => {
    const diff = allCodes().filter((c) => c.code.startsWith("DF7"));
    expect(diff.length).toBe(8);
    for (const c of diff) expect(DOC).toMatch(new RegExp(`\\| ${c.severity} \\| ${c.code} \\|`));
  });
});
