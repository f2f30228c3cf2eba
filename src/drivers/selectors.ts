import { requestedStages, type Scope } from "../check/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import type { SourceMap } from "../diag/SourceMap.js";
import { constraintVar, selectWithUpstream, unknownConstraintVar, type TaskGraph } from "../plan/index.js";
import type { BoundPipeline } from "../bound/index.js";
import { parseSelector, type Selector } from "../syntax/index.js";

/** Parses `--only` (or `--tasks`) selectors, each as its own source named after the flag, so diagnostics point into it. */
export function parseSelectors(sources: SourceMap, texts: readonly string[], flag = "--only"): { value: Selector[]; diagnostics: Diagnostic[] } {
  const value: Selector[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const text of texts) {
    const r = parseSelector(sources.add(flag, text));
    diagnostics.push(...r.diagnostics);
    if (r.value !== undefined) value.push(r.value);
  }
  return { value, diagnostics };
}

/** A selector's diagnostics found once a plan exists: unknown grid or attribute, or no task matched. */
export class SelectionError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("\n"));
  }
}

/**
 * The tasks `--only` asks for, as every command that takes it sees them: the stages (the
 * selected ones and everything upstream, checked for `refactoring`, DF4001) before a plan
 * exists, and over each plan the selected tasks and the tasks upstream of them (see
 * {@link selectWithUpstream}). A selector that names a grid its stage lacks, or matches no
 * task, is an error.
 */
export class TaskSelector {
  readonly stages: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
  readonly #entries: { readonly selector: Selector; readonly text: string }[];

  constructor(sources: SourceMap, scope: Scope, texts: readonly string[], allowRefactoring: boolean, flag = "--only") {
    const parsed = parseSelectors(sources, texts, flag);
    const req = requestedStages(scope, parsed.value, allowRefactoring);
    this.stages = req.stages;
    this.diagnostics = [...parsed.diagnostics, ...req.diagnostics];
    this.#entries = parsed.value.map((selector) => ({
      selector,
      text: sources.get(selector.loc.file)?.text ?? selector.stage,
    }));
  }

  /** Whether the selection has an error before any plan. */
  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /**
   * Per task of `g`, 1 when it is selected or needed upstream; throws {@link SelectionError}
   * when a selector names a grid its stage lacks or matches nothing in a stage that is planned.
   */
  mask(g: TaskGraph, pipeline: BoundPipeline): Uint8Array {
    const s = selectWithUpstream(g, pipeline, this.#entries);
    if (s.diagnostics.some((d) => d.severity === "error")) throw new SelectionError(s.diagnostics);
    return s.mask;
  }
}

/**
 * What a selector gets wrong that shows without a plan (`dflow check --only`): a constraint on a
 * grid or variable its stage does not have (DF1011, as a plan would say). Key values need a plan.
 */
export function selectorProblemsWithoutPlan(pipeline: BoundPipeline, selectors: readonly Selector[]): Diagnostic[] {
  return selectors.flatMap((sel) => {
    const stage = pipeline.stages.find((s) => s.name === sel.stage);
    if (stage === undefined) return [];
    return sel.constraints.flatMap((c) => (constraintVar(stage.vars, c.path[0]!) >= 0 ? [] : [unknownConstraintVar(stage.name, stage.vars, c)]));
  });
}
