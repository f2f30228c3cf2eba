/** The in-process executor: `dflow run`. */
export { runPipeline, type RunOptions, type RunReport } from "./runPipeline.js";
export { isReportType, type ReportProduct, type StageSummary } from "./stageTally.js";
export { makeRng, taskSeed } from "./rng.js";
export { executeTask, fingerprintOf, logFileOf, type TaskEnv, type TaskOutcome, type TaskRecord } from "./executeTask.js";
export { RecordBuilder } from "./buildRecord.js";
export { refineByFingerprint } from "./refineByFingerprint.js";
export { explainTask, whyTask, type TaskExplanation } from "./taskReasons.js";
export { diffBasis, type TaskBasis } from "./taskBasis.js";
export { describeStaleReason, upToDate, type StaleReason, type UpToDate, type UpToDateOptions } from "./upToDate.js";
export {
  forEachInput,
  outputRenderer,
  planBytesRead,
  readPlanMeta,
  readTaskRecord,
  checkPlan,
  lookupTask,
  PlanUnreadableError,
  stageOfTask,
  writePlanFile,
  type CompactPlan,
  type CompactStage,
  type OutputLayout,
  type PlanMeta,
  type PlanProblem,
  type TaskLookup,
} from "./planFile.js";
export { failedTask, failedTasks, unknownTask, unreadablePlan } from "./planTaskDiagnostics.js";
export { claimOutputRoot, defaultOutputRoot, fileHash, inputHash, readRootOwner, readState, type RootOwner } from "./state.js";
export { cachedKernelLoader, computeDomains, planWithData, type KernelLoader, type MutableDomains } from "./resolveFrontier.js";
export {
  runPlannedTasks,
  selectedTaskIds,
  type PlannedTaskOutcome,
  type PlannedTasksOptions,
  type PlannedTasksReport,
  type TaskSelection,
} from "./runPlannedTasks.js";
export { isTaskChild, serveTaskChild } from "./taskChild.js";
export { DEFAULT_TIMEOUT_FACTOR, setTaskScript, taskScript, type IsolationSettings } from "./isolation.js";
export { verifyOutputs, type ChangedOutput, type VerifyOutputsOptions, type VerifyOutputsReport } from "./verifyOutputs.js";
