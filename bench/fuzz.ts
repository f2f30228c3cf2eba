/**
 * Runs the front end's robustness property (test/fuzz/frontEndProperty.ts) on 100,000
 * generated and mutated inputs with a fresh seed, printing the throughput and the slowest case.
 *
 *   node scripts/run.mjs bench/fuzz.ts [cases] [seed]
 */
import fc from "fast-check";
import { checkFrontEnd, frontEndInput } from "../test/fuzz/frontEndProperty.js";

const cases = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
let slowest = 0;
let bytes = 0;
const t0 = performance.now();
fc.assert(
  fc.property(frontEndInput, (text) => {
    const s = performance.now();
    checkFrontEnd(text);
    slowest = Math.max(slowest, performance.now() - s);
    bytes += text.length;
  }),
  { numRuns: cases, seed },
);
const s = (performance.now() - t0) / 1000;
console.log(`${cases} cases (seed ${seed}), ${(bytes / 1e6).toFixed(1)} MB of input, ${s.toFixed(1)} s, slowest case ${slowest.toFixed(0)} ms: property holds`);
