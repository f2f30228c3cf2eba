import { emitSlurm } from "../../drivers/slurm.js";
import { defineCommand } from "../CliCommand.js";
import { isolationOptions, planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption, report } from "../report.js";
import { printSlurmMessages, slurmContext } from "../slurmCommand.js";
import { onlyOption } from "../onlyOption.js";
import type { IsolationFlags } from "../../drivers/isolationFlags.js";

/** The flags of `dflow emit slurm`. */
export interface EmitSlurmFlags extends PlanFlags, IsolationFlags {
  readonly site: string;
  readonly emitDir: string;
  readonly only?: string[];
  readonly allowRefactoring?: boolean;
  readonly format: string;
}

/** `dflow emit slurm FILE --site SITE --emit-dir DIR`: job arrays, submit.sh and a continuation job, written, not submitted. */
export const emitSlurmCommand = defineCommand(
  (parent) =>
    isolationOptions(
      planOptions(
        parent
          .command("slurm")
          .description(
            "write Slurm job arrays (packed, split at MaxArraySize, with afterok/aftercorr/afterany dependencies), a submit.sh that records a ledger, and a continuation job for a data-dependent frontier",
          )
          .argument("<file>", "the .dflow file")
          .requiredOption("--site <site.yaml>", "the site profile: partition, account, limits (sites/local.yaml, sites/large.yaml)")
          .requiredOption("--emit-dir <dir>", "where submit.sh, the job scripts, their task lists, the plan and the logs go"),
      ),
      "kernels",
    )
      .addOption(onlyOption("submit these targets and what they need (STAGE or STAGE[grid=value,…])"))
      .option("--allow-refactoring", "emit stages marked `refactoring`")
      .addOption(formatOption()),
  async (io, file: string, flags: EmitSlurmFlags) => {
    const r = printSlurmMessages(io, await emitSlurm(file, flags, slurmContext(io)), flags.format);
    report(io, r, flags.format);
    return r;
  },
);
