import path from "node:path";
import { continuationQueued, resubmitTasks } from "../../emit/slurm/index.js";
import { defineCommand } from "../CliCommand.js";
import { formatOption, report } from "../report.js";
import { cancelElements, computeStatus, followUp, sessionResult, slurmSession, withLock, type SlurmSession } from "../slurmCommands.js";

/** Cancels the queued elements whose inputs are made again, then writes (and submits) what `resubmitTasks` chose. */
async function resubmit(s: SlurmSession, root: string, submit: boolean): Promise<void> {
  const f = await computeStatus(s, root);
  if (f === undefined) return;
  const tasks = resubmitTasks(f.prepared.plan.graph, f.status);
  const n = tasks.cancel.length;
  if (n > 0) {
    if (submit && !cancelElements(s, tasks.cancel)) return;
    s.io.stderr(
      `resubmit: ${submit ? "cancelled" : "would cancel"} ${n} queued element${n === 1 ? "" : "s"} whose inputs are made again: ${tasks.cancel.join(" ")}\n`,
    );
  }
  followUp(s, f.prepared, root, "resubmit", tasks, !continuationQueued(f.status.continuations, undefined), submit);
}

/** `dflow resubmit DIR`: submits the minimal set that failed, was cancelled, is stale or was never submitted. */
export const resubmitCommand = defineCommand(
  (parent) =>
    parent
      .command("resubmit")
      .description("submit the minimal set of a Slurm plan that is failed, cancelled, stale or never submitted, depending on what is still queued")
      .argument("<dir>", "the --emit-dir of `dflow emit slurm`")
      .option("--no-submit", "write the follow-up submission without running its submit.sh")
      .addOption(formatOption()),
  async (io, dir: string, flags: { submit: boolean; format: string }) => {
    const s = slurmSession(io, flags.format);
    const root = path.resolve(io.cwd, dir);
    await withLock(s, root, () => resubmit(s, root, flags.submit));
    const r = sessionResult(s);
    report(io, r, flags.format);
    return r;
  },
);
