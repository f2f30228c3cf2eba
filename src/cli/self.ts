import { fileURLToPath } from "node:url";

/**
 * The file that runs dflow: `dist/dflow.js` in the bundle (every module is inside it), so
 * Makefiles, Slurm jobs and worker threads call the same executable; a `.ts` file when the CLI
 * runs from sources (tests), where worker threads are not used.
 */
export function dflowScript(): string {
  return fileURLToPath(import.meta.url);
}
