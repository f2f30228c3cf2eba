/** The in-process executor: `dflow run`. */
export { runPipeline, clearState, type RunOptions, type RunReport } from "./runPipeline.js";
export { makeRng, taskSeed } from "./rng.js";
