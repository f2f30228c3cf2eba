import type { BoundPipeline } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import type { Plan, Site } from "../plan/index.js";
import { DEFAULT_CONFIG, type LintConfig } from "./config.js";
import { makeLintContext, type LintRule, type LintSource } from "./LintContext.js";
import { AllocationRule } from "./rules/AllocationRule.js";
import { GatherSizeRule } from "./rules/GatherSizeRule.js";
import { ParamDocRule } from "./rules/ParamDocRule.js";
import { ShadowedParamRule } from "./rules/ShadowedParamRule.js";
import { StageTimeRule } from "./rules/StageTimeRule.js";
import { UnreachableStageRule } from "./rules/UnreachableStageRule.js";
import { UnusedParamRule } from "./rules/UnusedParamRule.js";
import { UnusedProductRule } from "./rules/UnusedProductRule.js";

/** The rules `dflow lint` runs, by code. */
export const LINT_RULES: readonly LintRule[] = [
  UnusedProductRule,
  UnusedParamRule,
  ShadowedParamRule,
  UnreachableStageRule,
  StageTimeRule,
  GatherSizeRule,
  AllocationRule,
  ParamDocRule,
];

/** What {@link lintPipeline} reads besides the bound pipeline. */
export interface LintOptions {
  readonly source: LintSource;
  /** The plan at the profile linted; without it the rules about tasks are silent. */
  readonly plan?: Plan;
  readonly site?: Site;
  readonly config?: LintConfig;
  readonly rules?: readonly LintRule[];
}

/**
 * Lints a bound pipeline (one that passed the checker): runs every rule, then applies the
 * configured severities (`off` drops a rule's diagnostics). A library call on the compiler's own
 * values, so that the CLI and the language server report the same.
 */
export function lintPipeline(pipeline: BoundPipeline, opts: LintOptions): Diagnostic[] {
  const config = opts.config ?? DEFAULT_CONFIG;
  const found: Diagnostic[] = [];
  const ctx = makeLintContext({ pipeline, plan: opts.plan, site: opts.site, source: opts.source, gatherMax: config.gatherMax }, found);
  for (const rule of opts.rules ?? LINT_RULES) {
    const level = config.rules.get(rule.code);
    if (level === "off") continue;
    const before = found.length;
    rule.run(ctx);
    if (level !== undefined) for (let i = before; i < found.length; i++) found[i] = { ...found[i]!, severity: level };
  }
  return found;
}
