import type { BoundStage, ResolvedResources } from "../bound/index.js";
import type { PathRenderer } from "./paths.js";
import type { FrontierGrid, ResolvedGrid } from "./ResolvedGrid.js";
import type { ResolvedRelation } from "./resolveGrids.js";
import type { Value } from "./values.js";

/** The tasks of one stage, stored by columns: one Int32Array of key indices per stage variable. */
export interface StageTasks {
  readonly name: string;
  /** The stage as bound: ports, kernel, resources, status. */
  readonly stage: BoundStage;
  /** The kernel's params for every task of the stage, evaluated once for this plan (undefined without a kernel). */
  readonly params: Readonly<Record<string, unknown>> | undefined;
  /** What one task asks for (time, cores, memory, pack), evaluated once for this plan: the summary, the table and the Slurm layout read it. */
  readonly resources: ResolvedResources;
  readonly vars: readonly { readonly name: string; readonly grid: string }[];
  /** Global id of the stage's first task; its tasks are `first … first + count - 1`. */
  readonly first: number;
  readonly count: number;
  readonly keys: readonly Int32Array[];
  /** Why the stage is not planned yet (it waits on the frontier), if it is not. */
  readonly deferred?: string;
}

/** One product instance a task reads or writes: the product, its axis key indices, and the index of the stage's input (or output) item it belongs to. */
export type InstanceVisitor = (product: string, keys: Int32Array, item: number) => void;

/**
 * The plan: every task of every stage, in a fixed order (stages topologically, declaration
 * order breaking ties; tasks in natural key order), and the edges from each task to the tasks
 * producing its inputs, in CSR form. No object or string is kept per task or edge.
 */
export interface TaskGraph {
  readonly stages: readonly StageTasks[];
  readonly taskCount: number;
  /** `edges[edgeStart[t] … edgeStart[t+1]-1]` are the producers task `t` depends on, ascending. */
  readonly edgeStart: Int32Array;
  readonly edges: Int32Array;
  readonly grids: ReadonlyMap<string, ResolvedGrid>;
  readonly frontier: ReadonlyMap<string, FrontierGrid>;
  readonly relations: ReadonlyMap<string, ResolvedRelation>;
  readonly params: ReadonlyMap<string, Value>;
  /** Path renderer of each product (relative to the output root). */
  readonly paths: ReadonlyMap<string, PathRenderer>;
  /** The directory every path of a product lies under (the template's text before its first field, up to a `/`). */
  readonly pathPrefixes: ReadonlyMap<string, string>;
  /** The stage holding global task `t`. */
  stageOf(t: number): StageTasks;
  /** Calls `visit` for every input instance of task `t`, in input order and natural key order within gathers. */
  inputsOf(t: number, visit: InstanceVisitor): void;
  /** Calls `visit` for every output instance of task `t`. */
  outputsOf(t: number, visit: InstanceVisitor): void;
}
