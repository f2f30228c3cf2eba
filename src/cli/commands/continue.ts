import path from "node:path";
import { continuationQueued, continueTasks } from "../../emit/slurm/index.js";
import { defineCommand } from "../CliCommand.js";
import { formatOption, report } from "../report.js";
import { computeStatus, followUp, sessionResult, slurmSession, withLock, type SlurmSession } from "../slurmCommands.js";

/** Re-plans past the frontier and writes (and submits) what `continueTasks` chose; no new continuation while another is queued. */
async function continuePlan(s: SlurmSession, root: string, submit: boolean): Promise<void> {
  const f = await computeStatus(s, root);
  if (f === undefined) return;
  const tasks = continueTasks(f.prepared.plan.graph, f.status);
  followUp(s, f.prepared, root, "continue", tasks, !continuationQueued(f.status.continuations, s.io.env["SLURM_JOB_ID"]), submit);
}

/** `dflow continue DIR`: what the continuation job runs once the data its frontier waits for exists. */
export const continueCommand = defineCommand(
  (parent) =>
    parent
      .command("continue")
      .description("re-plan a submitted Slurm plan past its frontier and submit the rest (what the continuation job runs)")
      .argument("<dir>", "the --emit-dir of `dflow emit slurm`")
      .option("--no-submit", "write the follow-up submission without running its submit.sh")
      .addOption(formatOption()),
  async (io, dir: string, flags: { submit: boolean; format: string }) => {
    const s = slurmSession(io, flags.format);
    const root = path.resolve(io.cwd, dir);
    await withLock(s, root, () => continuePlan(s, root, flags.submit));
    const r = sessionResult(s);
    report(io, r, flags.format);
    return r;
  },
);
