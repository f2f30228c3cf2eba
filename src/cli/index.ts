/** The command-line interface: a thin layer over the library. */
export { createProgram, type Cli } from "./createProgram.js";
export { exitCode, type Outcome } from "./exitCode.js";
export { processIo, type CliIo } from "./io.js";
