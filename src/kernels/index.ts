/**
 * Kernels and product types, read from TypeScript: resolve a `.dflow` file's imports to
 * modules, then load their index (from the on-disk cache, or with ts-morph on a miss).
 */
export type * from "./types.js";
export { DATAMODEL_ALIAS, DATAMODEL_SPEC, resolveModules, stdlibRoot } from "./resolveModules.js";
export type { ModuleProblem, ModuleRequest, ResolvedModules, ResolveOptions } from "./resolveModules.js";
export { kernelCacheDir, loadKernelIndex } from "./loadKernelIndex.js";
export type { KernelIndexReader, LoadedKernelIndex, LoadKernelIndexOptions } from "./loadKernelIndex.js";
export { hashKernelSources } from "./hashKernelSources.js";
export type { KernelSourcesHash } from "./hashKernelSources.js";
export { KERNEL_INDEX_VERSION, READER_VERSION } from "./kernelIndexVersion.js";
export { parseColumnTag, parseDims, parseDtype, parseHeaderTag } from "./dataModelTags.js";
export type { ColumnTag, Parsed } from "./dataModelTags.js";
export { readKernelIndex } from "./readKernelIndex.js";
export type { ReadKernelIndexOptions } from "./readKernelIndex.js";
export { loadExport, loadKernelFunction, moduleClosure, runnableModule, type KernelFunction } from "./loadKernelFunction.js";
export { typeCheckKernels } from "./typeCheckKernels.js";
export type { KernelTypeCheck, KernelTypeError } from "./typeCheckKernels.js";
