/** The Slurm backend: job array layout, scripts, budget, ledgers, and the follow-ups' status, task sets and lock. */
export { planSlurmJobs, type SlurmJobs } from "./slurmJobs.js";
export { slurmFiles, sbatchSafe } from "./emitSlurm.js";
export { checkSlurmBudget } from "./slurmBudget.js";
export { parseLedgers, parseSacct, readLedgers, submissionDirs, type JobStates, type Ledger, type LedgerEntry, type SubmissionText } from "./slurmLedger.js";
export { classifySacct, slurmStatus, SLURM_TASK_STATES, type Freshness, type SlurmStatus, type SlurmTaskState } from "./slurmStatus.js";
export { continuationQueued, continueTasks, resubmitTasks, type FollowUp, type TaskEdges } from "./followUpTasks.js";
export { statusJson, statusText, type StatusPlan } from "./renderStatus.js";
export { lockPath, withEmissionLock } from "./emissionLock.js";
export { frontierProducts } from "./frontierProducts.js";
