#!/usr/bin/env node
/** The `dflow` executable: the only place that calls `process.exit`. */
import { createProgram } from "./createProgram.js";
import { processIo } from "./io.js";

const cli = createProgram(processIo());
const code = await cli.run(process.argv.slice(2));
process.exitCode = code;
