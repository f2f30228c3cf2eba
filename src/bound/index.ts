/**
 * The bound pipeline: what the bind phase makes of a checked pipeline, as plain data with
 * spans (no syntax tree), and the evaluation of its expressions. The planner, the runtime and
 * the emitters import this folder, never the AST.
 */
export type * from "./BoundPipeline.js";
export { isBoundValue } from "./BoundPipeline.js";
export { conjuncts, isConstant, walkExpr, type BinaryOp, type BoundExpr, type Value } from "./BoundExpr.js";
export { binary, evalConst, looseEq } from "./evalConst.js";
export { kernelParams, kernelParamValue, programParams } from "./kernelParams.js";
export { evalMeasured, ParamValues, toKernelUnit, type Measured, type MeasuredResult } from "./evalMeasured.js";
export { resolveResources, tasksPerJob, DEFAULT_TASK_SECONDS, type ResolvedResources } from "./resolveResources.js";
