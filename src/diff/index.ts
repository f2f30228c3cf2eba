/**
 * `dflow diff`: two versions of a pipeline (files or git revisions) compared as bound pipelines
 * planned with the same data: classified changes, stale partitions with their cost, orphans.
 */
export { diffPipelines, type DiffOptions, type DiffResult, type StaleStage } from "./diffPipelines.js";
export { resolveVersions, VersionError, type Version } from "./versionSource.js";
export { renderDiff, type DiffFormat } from "./renderDiff.js";
export { keyRanges } from "./keyRanges.js";
export { staleSet, type StaleSet } from "./staleTasks.js";
