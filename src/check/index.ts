/** The checker: names, grids, relations, product types and kernel signatures. */
export { checkProgram, CHECK_RULES, type CheckedProgram } from "./checkProgram.js";
export { buildScope, importAlias, portName, stageParts, typeRefName, type Scope } from "./Scope.js";
export { makeCheckContext, type CheckContext, type CheckRule } from "./CheckContext.js";
export { buildStageGraph, domainProducts, stageCycles, type StageEdge } from "./stageGraph.js";
export { requestedStages } from "./requestedStages.js";
export { typeDifference, columnsOf } from "./compareTypes.js";
export { RESOURCES } from "./rules/ResourceRule.js";
export { Resolutions, type NameSymbol, type NameUse, type SymbolKind } from "./Resolutions.js";
