import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

const SEED = "test/fixtures/seed/seed.dflow";

describe("plans are deterministic", () => {
  it("gives byte-identical `plan --list --format json` on two runs", () => {
    const a = runBin(["plan", SEED, "--out", "test/fixtures/seed/out", "--list", "--format", "json"]);
    const b = runBin(["plan", SEED, "--out", "test/fixtures/seed/out", "--list", "--format", "json"]);
    expect(a.code).toBe(0);
    expect(a.stdout.split("\n").length).toBeGreaterThan(60);
    expect(b.stdout).toBe(a.stdout);
  });

  it("does not depend on the order of the rows of a source table, and keeps task ids when data is added", () => {
    const table = readFileSync("test/fixtures/seed/out/survey/exposures.ecsv", "utf8");
    const lines = table.trimEnd().split("\n");
    const header = lines.filter((l) => l.startsWith("#") || l.startsWith("EXPID"));
    const rows = lines.filter((l) => !l.startsWith("#") && !l.startsWith("EXPID"));
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-order-"));
    mkdirSync(path.join(out, "survey"));
    writeFileSync(path.join(out, "survey", "exposures.ecsv"), [...header, ...[...rows].reverse()].join("\n") + "\n");
    const shuffled = runBin(["plan", SEED, "--out", out, "--list", "--format", "json"]);
    const original = runBin(["plan", SEED, "--out", "test/fixtures/seed/out", "--list", "--format", "json"]);
    expect(shuffled.stdout).toBe(original.stdout);
    // One more exposure: every old task keeps its id.
    writeFileSync(path.join(out, "survey", "exposures.ecsv"), [...header, ...rows, "107 20201215 1001 science"].join("\n") + "\n");
    const grown = runBin(["plan", SEED, "--out", out, "--list"]);
    const ids = (s: string): string[] =>
      s
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("  ")[0]!);
    const before = new Set(ids(runBin(["plan", SEED, "--out", "test/fixtures/seed/out", "--list"]).stdout));
    const after = new Set(ids(grown.stdout));
    for (const id of before) expect(after.has(id), id).toBe(true);
    expect(after.has("calibrate[exposure=107,camera=b]")).toBe(true);
  });
});
