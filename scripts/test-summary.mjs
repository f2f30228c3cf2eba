#!/usr/bin/env node
// Prints `tests: N passed, N failed` from vitest's JSON report; exits 1 when a test failed,
// when a test file failed to load, when the report is missing, or when no test ran.
import { readFileSync } from "node:fs";

/**
 * The fields of vitest's JSON report (Jest's format) read here.
 * @typedef {{ status?: string }} AssertionResult
 * @typedef {{ status?: string, assertionResults?: AssertionResult[] }} FileResult
 * @typedef {{ numPassedTests?: number, numFailedTests?: number, testResults?: FileResult[] }} Report
 */

const file = process.argv[2] ?? "test-results.json";
/** @type {Report} */
let report;
try {
  /** @type {unknown} */
  const parsed = JSON.parse(readFileSync(file, "utf8"));
  if (typeof parsed !== "object" || parsed === null) throw new Error("not a JSON object");
  report = /** @type {Report} */ (parsed);
} catch (e) {
  console.log("tests: 0 passed, 1 failed");
  console.error(`no vitest JSON report at ${file}: ${e.message}`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A test file that fails to load has no failed assertions but must count as a failure.
const unloaded = (report.testResults ?? []).filter((r) => r.status === "failed" && !(r.assertionResults ?? []).some((a) => a.status === "failed")).length;
const failed = (report.numFailedTests ?? 0) + unloaded;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
