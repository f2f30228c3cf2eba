/**
 * The closing summary of `dflow run`: a row per stage with tasks, a total, the lines of each
 * summary product and the path of each report; which product types count as either.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runSummaryLines } from "../../src/cli/runSummary.js";
import type { ProductTypeInfo } from "../../src/kernels/index.js";
import { isReportType, type RunReport } from "../../src/runtime/index.js";
import { StageTally } from "../../src/runtime/stageTally.js";

const dir = mkdtempSync(join(tmpdir(), "dflow-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LOC = { file: "t.ts", start: 0, end: 0, line: 1, column: 1 };
const type = (name: string, format: ProductTypeInfo["format"], fields: { name: string; tsType: string }[]): ProductTypeInfo => ({
  ...{ name, module: "m", format, doc: "", header: [], hdus: [], columns: [], meta: [], fields, loc: LOC },
});

describe("the run's summary", () => {
  test("HTML products and JSON products declaring `summary: readonly string[]` are what a run ends by showing.", () => {
    expect(isReportType(type("Page", "html", [{ name: "html", tsType: "string" }]))).toBe(true);
    expect(isReportType(type("Qa", "json", [{ name: "summary", tsType: "readonly string[]" }]))).toBe(true);
    expect(isReportType(type("Other", "json", [{ name: "summary", tsType: "string" }]))).toBe(false);
    expect(isReportType(type("Frame", "fits", []))).toBe(false);
  });

  test("the tally counts per stage in the plan's order, sums the bytes of what ran, and keeps the reports made or up to date.", () => {
    writeFileSync(join(dir, "a.fits"), new Uint8Array(2880));
    writeFileSync(join(dir, "b.fits"), new Uint8Array(5760));
    writeFileSync(join(dir, "qa.json"), JSON.stringify({ summary: ["redshift success 0.95", "purity 0.99"] }));
    writeFileSync(join(dir, "qa.html"), "<!DOCTYPE html>");
    const types = new Map([
      ["Frame", type("Frame", "fits", [])],
      ["Qa", type("Qa", "json", [{ name: "summary", tsType: "readonly string[]" }])],
      ["Page", type("Page", "html", [{ name: "html", tsType: "string" }])],
    ]);
    const tally = new StageTally(dir, types);
    tally.settle(
      "qa",
      [
        { path: "qa.json", type: "Qa" },
        { path: "qa.html", type: "Page" },
      ],
      "skipped",
      0,
    );
    tally.settle("frames", [{ path: "a.fits", type: "Frame" }], "ran", 1.25);
    tally.settle("frames", [{ path: "b.fits", type: "Frame" }], "ran", 2);
    tally.settle("frames", [{ path: "c.fits", type: "Frame" }], "failed", 9);
    const report: RunReport = { ran: 2, skipped: 1, failed: [], notRun: [], deferred: [], stages: tally.stages(["frames", "qa"]), products: tally.products() };
    expect(report.stages).toEqual([
      { stage: "frames", ran: 2, upToDate: 0, failed: 1, seconds: 3.25, bytes: 8640 },
      { stage: "qa", ran: 0, upToDate: 1, failed: 0, seconds: 0, bytes: 0 },
    ]);
    expect(runSummaryLines(report, dir)).toEqual([
      "  stage   run  up to date  failed  task time  written",
      "  frames    2           0       1      3.3 s     9 kB",
      "  qa        0           1       0      0.0 s     0 kB",
      "  total     2           1       1      3.3 s     9 kB",
      "redshift success 0.95",
      "purity 0.99",
      "report: qa.html",
    ]);
  });
});
