/** Runs the CLI in process with captured output, or the bundled executable as a child process. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createProgram } from "../../src/cli/index.js";

/** The transcript of one in-process run. */
export interface Transcript {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `dflow ARGS` in process with `cwd` as working directory. */
export async function runCli(args: readonly string[], cwd = process.cwd(), env: Record<string, string> = {}): Promise<Transcript> {
  let stdout = "";
  let stderr = "";
  const cli = createProgram({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: { ...env }, isTTY: false });
  const code = await cli.run(args);
  return { code, stdout, stderr };
}

/** Runs the bundled `dist/dflow.js` (built by the global setup) as a child process. */
export function runBin(args: readonly string[], cwd = process.cwd(), input?: string): Transcript {
  const r = spawnSync(process.execPath, [path.resolve("dist/dflow.js"), ...args], {
    cwd,
    encoding: "utf8",
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
