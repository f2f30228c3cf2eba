import { continueEmission } from "../../drivers/slurm.js";
import { defineFollowUpCommand } from "../slurmCommand.js";

/** `dflow continue DIR`: what the continuation job runs once the data its frontier waits for exists. */
export const continueCommand = defineFollowUpCommand(
  "continue",
  "re-plan a submitted Slurm plan past its frontier and submit the rest (what the continuation job runs)",
  continueEmission,
  // Inside the continuation job, that job is not "another continuation still queued".
  (io) => io.env["SLURM_JOB_ID"],
);
