#!/usr/bin/env node
/** The `dflow` executable: the only place that calls `process.exit`. */
import { createProgram } from "./createProgram.js";
import { processIo } from "./io.js";

// A reader that stops early (`dflow plan --list | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const cli = createProgram(processIo());
const code = await cli.run(process.argv.slice(2));
process.exitCode = code;
