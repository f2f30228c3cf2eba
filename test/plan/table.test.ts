import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const SEED_ROWS = [
  // Script, Status as the seed's sheet (test/fixtures/seed/seed.dflow) writes them.
  ["surveysim", "done"],
  ["select_mock_targets", "done"],
  ["fiberassign", "done"],
  ["newexp-desi", "refactoring"],
  ["quickgen", "streamlining as fastframe"],
  ["pipeline-fiberflat", "ready"],
  ["pipeline-sky", "ready"],
  ["pipeline-stdstars", "ready"],
  ["pipeline-fluxcal", "ready"],
  ["pipeline-calibrate", "ready"],
  ["pipeline-bricks", "refactoring for scaling"],
  ["pipeline-redshift", "refactoring"],
];

describe("dflow table", () => {
  it("reproduces the seed's sheet: its twelve rows, status words and notes, NJobs from the grids (golden)", async () => {
    const r = await runCli(["table", "test/fixtures/seed/seed.dflow", "--out", "test/fixtures/seed/out"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync("test/fixtures/seed/expected-table.md", "utf8"));
    const rows = r.stdout
      .trim()
      .split("\n")
      .slice(2)
      .map((l) =>
        l
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(rows.map((c) => [c[0], c[5]])).toEqual(SEED_ROWS);
    // NJobs from the grids: 7 exposures (5 science, 2 flats) on 2 nights and 2 tiles, 3 cameras,
    // 2 spectrographs, 12 pixels: per tile, per exposure, per night, per (science exposure, camera),
    // per (science exposure, spectrograph), per pixel.
    expect(rows.map((c) => c[3])).toEqual(["1", "12", "2", "7", "7", "2", "15", "10", "15", "15", "12", "12"]);
    expect(rows[11]![4]).toBe("10min per 250 spectra");
  });
});
