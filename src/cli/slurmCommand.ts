import path from "node:path";
import type { SlurmContext, SlurmResult, FollowUpOptions } from "../drivers/slurm.js";
import { defineCommand, type CliCommand, type CommandResult } from "./CliCommand.js";
import type { CliIo } from "./io.js";
import { formatOption, isDataFormat, report } from "./report.js";
import { dflowScript } from "./self.js";

/** Where the Slurm drivers run: this directory, and the executable the job scripts call. */
export function slurmContext(io: CliIo): SlurmContext {
  return { cwd: io.cwd, dflow: dflowScript() };
}

/**
 * Prints what a Slurm driver had to say, in order: its notes on stderr; what submit.sh printed
 * on its own streams, except that its stdout goes to stderr when stdout carries the report
 * (`--format json|github|…`). The diagnostics are the caller's to report.
 */
export function printSlurmMessages(io: CliIo, r: SlurmResult, format: string): CommandResult {
  for (const m of r.messages) (m.kind === "output" && !isDataFormat(format) ? io.stdout : io.stderr)(m.text);
  return { sources: r.sources, diagnostics: r.diagnostics, failed: r.failed };
}

/** A follow-up of a submitted Slurm plan (`continue`, `resubmit`): `NAME DIR [--no-submit]`, one driver call, its messages and report. */
export function defineFollowUpCommand(
  name: string,
  description: string,
  run: (root: string, opts: FollowUpOptions, ctx: SlurmContext) => Promise<SlurmResult>,
  jobId: (io: CliIo) => string | undefined = () => undefined,
): CliCommand {
  return defineCommand(
    (parent) =>
      parent
        .command(name)
        .description(description)
        .argument("<dir>", "the --emit-dir of `dflow emit slurm`")
        .option("--no-submit", "write the follow-up submission without running its submit.sh")
        .addOption(formatOption()),
    async (io, dir: string, flags: { submit: boolean; format: string }) => {
      const id = jobId(io);
      const done = await run(path.resolve(io.cwd, dir), { submit: flags.submit, ...(id !== undefined ? { jobId: id } : {}) }, slurmContext(io));
      const r = printSlurmMessages(io, done, flags.format);
      report(io, r, flags.format);
      return r;
    },
  );
}
