#!/usr/bin/env node
/** The `dflow` executable: the only place that calls `process.exit`. In a task worker thread it serves tasks instead. */
import { createProgram } from "./createProgram.js";
import { processIo } from "./io.js";
import { isTaskWorker, serveTasks } from "../runtime/workerPool.js";

async function main(): Promise<void> {
  // A reader that stops early (`dflow plan --list | head`) is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const cli = createProgram(processIo());
  process.exitCode = await cli.run(process.argv.slice(2));
}

if (isTaskWorker()) serveTasks();
else await main();
