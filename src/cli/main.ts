#!/usr/bin/env node
/**
 * The `dflow` executable: the only place that calls `process.exit`. Started by a run as a task
 * process, it serves tasks instead; else it is the CLI, and runs tasks in child processes of itself.
 */
import { fileURLToPath } from "node:url";
import { createProgram } from "./createProgram.js";
import { processIo } from "./io.js";
import { isTaskChild, serveTaskChild, setTaskScript } from "../runtime/index.js";

async function main(): Promise<void> {
  // A reader that stops early (`dflow plan --list | head`) is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const cli = createProgram(processIo());
  process.exitCode = await cli.run(process.argv.slice(2));
}

if (isTaskChild()) {
  // Taken before the task process puts its own `process.exit` in place for kernels.
  const exit = process.exit.bind(process);
  serveTaskChild((code) => exit(code));
} else {
  // From the bundle (`dist/dflow.js`), tasks run in child processes of it; from sources, in this process.
  const self = fileURLToPath(import.meta.url);
  setTaskScript(self.endsWith(".js") ? self : undefined);
  await main();
}
