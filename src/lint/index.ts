/** `dflow lint`: warnings about a pipeline that checks, as a library call on the bound pipeline and its plan. */
export { lintPipeline, LINT_RULES, type LintOptions } from "./lintPipeline.js";
export { findLintConfig, readLintConfig, parseLintConfig, CONFIG_NAME, DEFAULT_CONFIG, DEFAULT_GATHER_MAX, type LintConfig, type RuleLevel } from "./config.js";
export type { LintCode, LintContext, LintRule, LintSource } from "./LintContext.js";
