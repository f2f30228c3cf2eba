/** The bind phase: a checked pipeline bound once into plain data that planning, running and emitting read. */
export { bindProgram } from "./bindProgram.js";
export type * from "./BoundPipeline.js";
export { isBoundValue } from "./BoundPipeline.js";
export { conjuncts, isConstant, walkExpr, type BinaryOp, type BoundExpr, type Value } from "./BoundExpr.js";
export { binary, evalConst, looseEq } from "./evalConst.js";
export { kernelParams } from "./kernelParams.js";
