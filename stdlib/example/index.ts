/**
 * A small example survey with real (small) kernels: a seeded schedule of flat-lamp and science
 * exposures, simulated frames, nightly fiber flats, calibrated frames, regrouping by healpix
 * pixel and a summary. `pipelines/example.dflow` runs them; they follow the kernel contract
 * (stdlib/kernel.ts) and DESI's algorithms (docs/sources.md: #telescope, #specsim, #fiberflat … #coadd) at reduced
 * scale. Only kernels and product types are exported here. The instrument (cameras, grids,
 * throughput, sky, lamp, fiber responses) is `stdlib/instrument`'s, the one model the sim kernels
 * also use; the simulation's truth lives in its own files.
 */

// Kernels.
export { calibrate } from "./calibrate.js";
export { fiberflat } from "./fiberflat.js";
export { observedPixels } from "./observedPixels.js";
export { pixelExposures } from "./pixelExposures.js";
export { schedule } from "./schedule.js";
export { simulate } from "./simulate.js";
export { stack } from "./stack.js";
export { summarize } from "./summarize.js";

// Products.
export type { ExampleCFrame } from "./ExampleCFrame.js";
export type { ExampleExposures } from "./ExampleExposures.js";
export type { ExampleFlat } from "./ExampleFlat.js";
export type { ExampleFrame } from "./ExampleFrame.js";
export type { ExampleSpectra } from "./ExampleSpectra.js";
export type { ExampleSummary } from "./ExampleSummary.js";

// Tables and JSON members of the products.
export type { ExampleFibermapTable } from "./ExampleFibermapTable.js";
export type { ExampleSpectraFibermapTable } from "./ExampleSpectraFibermapTable.js";
export type { ExampleBandValues, ExamplePixelSummary } from "./ExampleSummary.js";
