import path from "node:path";
import { Option } from "commander";
import { emissionStatus } from "../../drivers/slurm.js";
import { statusJson, statusText } from "../../emit/slurm/index.js";
import { defineCommand } from "../CliCommand.js";
import { report } from "../report.js";
import { slurmContext, printSlurmMessages } from "../slurmCommand.js";

/** `dflow status DIR`: every task's state from the ledger, sacct and the outputs' fingerprints, as a table or JSON. */
export const statusCommand = defineCommand(
  (parent) =>
    parent
      .command("status")
      .description(
        "the state of every task of a submitted Slurm plan (done, running, pending, failed, cancelled, stale, never submitted) from its ledger, sacct and the outputs' fingerprints",
      )
      .argument("<dir>", "the --emit-dir of `dflow emit slurm`")
      .addOption(
        new Option(
          "--format <format>",
          "text: a table per stage and state; json: every task's state and job array element on stdout (problems as JSON on stdout when there is no status, else on stderr)",
        )
          .choices(["text", "json"])
          .default("text"),
      )
      .option("--site <site.yaml>", "a site profile instead of the one the plan was emitted for")
      .addHelpText("after", "\nNeeds sacct (Debian package slurm-client) once a submit.sh has recorded jobs in the ledger."),
  async (io, dir: string, flags: { format: "text" | "json"; site?: string }) => {
    const done = await emissionStatus(path.resolve(io.cwd, dir), flags.site, slurmContext(io));
    const r = printSlurmMessages(io, done, flags.format);
    report(io, r, flags.format, { dataOnStdout: done.value !== undefined });
    if (done.value === undefined) return r;
    io.stdout(flags.format === "json" ? statusJson(done.value, done.value.status) : statusText(done.value, done.value.status));
    return r;
  },
);
