/** Golden outputs of `dflow table`: recorded from the build before the CLI was split into commands; they change only where the table's own work asks (the legend of `?`). */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("dflow table (golden)", () => {
  it("prints the twopct sheet byte for byte, with NJobs unknown past the frontier on an empty output root and the legend of `?`", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-table-"));
    const r = await runCli(["table", "pipelines/twopct.dflow", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // The legend's command names the output root, a temp dir here: OUT in the golden file.
    expect(r.stdout.replaceAll(out, "OUT")).toBe(readFileSync("test/cli/golden/table-twopct.md", "utf8"));
  });

  it("prints the seed's sheet byte for byte over its fixture output root", async () => {
    const r = await runCli(["table", "test/fixtures/seed/seed.dflow", "--out", "test/fixtures/seed/out"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync("test/fixtures/seed/expected-table.md", "utf8"));
  });

  it("prints the same with --format json when there is nothing to report", async () => {
    const r = await runCli(["table", "test/fixtures/seed/seed.dflow", "--out", "test/fixtures/seed/out", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync("test/fixtures/seed/expected-table.md", "utf8"));
  });
});
