import { resubmitEmission } from "../../drivers/slurm.js";
import { defineFollowUpCommand } from "../slurmCommand.js";

/** `dflow resubmit DIR`: submits the minimal set that failed, was cancelled, is stale or was never submitted. */
export const resubmitCommand = defineFollowUpCommand(
  "resubmit",
  "submit the minimal set of a Slurm plan that is failed, cancelled, stale or never submitted, depending on what is still queued",
  resubmitEmission,
);
