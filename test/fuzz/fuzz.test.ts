import fc from "fast-check";
import { describe, it } from "vitest";
import { checkFrontEnd, frontEndInput } from "./frontEndProperty.js";

/** The suite runs a few thousand cases; `node scripts/run.mjs bench/fuzz.ts` runs 100,000. */
const RUNS = Number(process.env["DFLOW_FUZZ_RUNS"] ?? 3000);

describe("the front end on generated and mutated input", () => {
  it(`never throws, stays under 2 s per case, and reports only well-placed catalogued diagnostics (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(frontEndInput, (text) => checkFrontEnd(text)),
      { numRuns: RUNS, seed: 20261126 },
    );
  }, 600_000);
});
