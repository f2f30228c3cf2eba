/** The planner: params, grids and relations resolved, stages expanded into a compact task graph; it reads the bound pipeline only. */
export { planProgram, type Plan, type PlanOptions } from "./planProgram.js";
export { resolveParams, type ParamSettings } from "./resolveParams.js";
export { taskId } from "./taskIds.js";
export { pathPieces, type PathPiece } from "./paths.js";
export type { StageTasks, TaskGraph, InstanceVisitor } from "./TaskGraph.js";
export type { ResolvedGrid, FrontierGrid } from "./ResolvedGrid.js";
export { stageOrder } from "./expandStages.js";
export { evalConst, type Value } from "./values.js";
export { staleTasks, type TaskState } from "./staleness.js";
export { summarizePlan, type StageSummary } from "./summarize.js";
export {
  constraintVar,
  markWithUpstream,
  matchSelector,
  repeatedKey,
  selectTasks,
  unknownConstraintVar,
  selectWithUpstream,
  valueMatches,
  type SelectorMatch,
  type TaskSelection,
} from "./selectTasks.js";
export { renderTable, TABLE_COLUMNS, TABLE_STATUS, type TableColumn, type TableOptions, type TableStatus } from "./renderTable.js";
export { renderPlanList, renderPlanSummary, type PlanSummaryOptions, type SiteFit } from "./renderPlan.js";
export { unknownUntil, unknownText, type UnknownUntil } from "./frontierCauses.js";
export { renderStageGraph, renderTaskGraph } from "./renderGraph.js";
export { loadSite, type Site } from "./site.js";
export type { ComputedDomains } from "./resolveGrids.js";
export { resolveDomains } from "./resolveGrids.js";
