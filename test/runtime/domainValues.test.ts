/**
 * The keys a grid kernel returns and the pairs of a relation kernel are checked where they are
 * received: NaN, infinite, fractional and duplicate keys and malformed values are a diagnostic
 * naming the kernel and the key (DF5008, exit 1), never a task `make[n=NaN]` or an internal error.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { thrownDiagnostic } from "../../src/cli/createProgram.js";
import { DomainValueError, gridKeysOf, relationPairsOf } from "../../src/runtime/domainValues.js";
import { runCli } from "../helpers/cli.js";

const PIPE = path.resolve("test/fixtures/gridkeys/gridkeys.dflow");

/** The message of the error `f` throws. */
function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValueError);
    return (e as Error).message;
  }
  throw new Error("nothing thrown");
}

describe("gridKeysOf and relationPairsOf", () => {
  it("keep whole numbers, strings and bigints (large ones as text)", () => {
    expect(gridKeysOf("k.g", "n", { keys: [3, "b", 5n, 2n ** 60n] })).toEqual([3, "b", 5, "1152921504606846976"]);
    expect(
      relationPairsOf("k.r", "sees", 2, {
        pairs: [
          [1, "a"],
          [2n, "b"],
        ],
      }),
    ).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });

  it("refuse unusable keys, duplicates and malformed values, naming the kernel and the key", () => {
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [1, NaN] }))).toBe("Grid kernel `k.g` (grid `n`) returned an unusable key: the 2nd key is NaN.");
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [0.5] }))).toBe(
      "Grid kernel `k.g` (grid `n`) returned an unusable key: the 1st key is 0.5, not a whole number.",
    );
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [-Infinity] }))).toContain("the 1st key is -Infinity.");
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [2 ** 60] }))).toContain("a whole number past 2^53");
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [null] }))).toContain("the 1st key is null.");
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [{}] }))).toContain("the 1st key is an object.");
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2] }))).toBe(
      "Grid kernel `k.g` (grid `n`) returned the key 2 twice (the 2nd and 12th keys).",
    );
    expect(thrown(() => gridKeysOf("k.g", "n", { keys: [7, 7n] }))).toContain("the key 7 twice");
    expect(thrown(() => gridKeysOf("k.g", "n", [1, 2]))).toBe("Grid kernel `k.g` (grid `n`) did not return `{ keys: [...] }`.");
    expect(thrown(() => gridKeysOf("k.g", "n", null))).toContain("did not return");
    expect(thrown(() => relationPairsOf("k.r", "sees", 2, { pairs: [[1, 2, 3]] }))).toBe(
      "Relation kernel `k.r` (relation `sees`) returned a malformed pair: the 1st pair is not an array of 2 keys (one per variable of the relation).",
    );
    expect(
      thrown(() =>
        relationPairsOf("k.r", "sees", 2, {
          pairs: [
            [1, 2],
            [1, NaN],
          ],
        }),
      ),
    ).toBe("Relation kernel `k.r` (relation `sees`) returned an unusable key: key 2 of the 2nd pair is NaN.");
    expect(thrown(() => relationPairsOf("k.r", "sees", 2, {}))).toContain("did not return `{ pairs: [...] }`");
  });

  it("travel to the report as their diagnostic, not as an internal error", () => {
    let e: unknown;
    try {
      gridKeysOf("k.g", "n", { keys: [NaN] });
    } catch (x) {
      e = x;
    }
    expect(thrownDiagnostic(e)).toMatchObject({ code: "DF5008", severity: "error" });
  });
});

describe("dflow run with a grid kernel returning unusable keys", () => {
  it("fails with DF5008 naming the kernel and the key, exit 1, and makes no task of the grid", async () => {
    const cases: [string, string][] = [
      ["nan", "Grid kernel `k.keys` (grid `n`) returned an unusable key: the 2nd key is NaN."],
      ["float", "Grid kernel `k.keys` (grid `n`) returned an unusable key: the 2nd key is 2.5, not a whole number."],
      ["dup", "Grid kernel `k.keys` (grid `n`) returned the key 2 twice (the 2nd and 3rd keys)."],
      ["inf", "Grid kernel `k.keys` (grid `n`) returned an unusable key: the 2nd key is Infinity."],
      ["notarray", "Grid kernel `k.keys` (grid `n`) did not return `{ keys: [...] }`."],
    ];
    for (const [mode, message] of cases) {
      const out = mkdtempSync(path.join(os.tmpdir(), "dflow-gridkeys-"));
      const r = await runCli(["run", PIPE, "--out", out, "-j", "1", "--set", `mode=${mode}`, "--format", "json"]);
      expect(r.code, mode).toBe(1);
      const report = JSON.parse(r.stdout) as { code: string; message: string }[];
      expect(
        report.map((d) => [d.code, d.message]),
        mode,
      ).toEqual([["DF5008", message]]);
      expect(
        readdirSync(out).filter((f) => f.startsWith("item-")),
        mode,
      ).toEqual([]);
    }
    const ok = await runCli(["run", PIPE, "--out", mkdtempSync(path.join(os.tmpdir(), "dflow-gridkeys-")), "-j", "1", "--set", "mode=ok"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^run: 3 tasks run, 0 up to date, 0 failed, 0 not run, [\d.]+ s$/m);
  });

  it("counts the stage over the grid as not run in the summary, beside why it still waits", async () => {
    const r = await runCli(["run", PIPE, "--out", mkdtempSync(path.join(os.tmpdir(), "dflow-gridkeys-")), "-j", "1", "--set", "mode=nan"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^run: 1 task run, 0 up to date, 0 failed, 0 not run, 1 stage not run \(a grid or relation it needs was not computed\), [\d.]+ s$/m,
    );
    expect(r.stderr).toContain("  still waiting: make: the grid `n` could not be computed: its kernel `k.keys` failed:");
  });
});
