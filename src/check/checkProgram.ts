import type { Result } from "../diag/Diagnostic.js";
import type { SourceMap } from "../diag/SourceMap.js";
import type { KernelIndex } from "../kernels/types.js";
import type { ProgramNode } from "../syntax/ast.js";
import { makeCheckContext, type CheckRule } from "./CheckContext.js";
import type { Resolutions } from "./Resolutions.js";
import { buildScope, type Scope } from "./Scope.js";
import { AcyclicRule } from "./rules/AcyclicRule.js";
import { ConstantArgsRule } from "./rules/ConstantArgsRule.js";
import { GatherRelatedRule } from "./rules/GatherRelatedRule.js";
import { KernelSignatureRule } from "./rules/KernelSignatureRule.js";
import { ParamRule } from "./rules/ParamRule.js";
import { ProductTypeRule } from "./rules/ProductTypeRule.js";
import { ResourceRule } from "./rules/ResourceRule.js";
import { KnownNamesRule } from "./rules/KnownNamesRule.js";
import { OutputIndexRule } from "./rules/OutputIndexRule.js";
import { PathTemplateRule } from "./rules/PathTemplateRule.js";
import { ProducersRule } from "./rules/ProducersRule.js";
import { ProgramStageRule } from "./rules/ProgramStageRule.js";
import { StageReferencesRule } from "./rules/StageReferencesRule.js";
import { UniqueNamesRule } from "./rules/UniqueNamesRule.js";

/** The rules `dflow check` runs, in the order their diagnostics read best. */
export const CHECK_RULES: readonly CheckRule[] = [
  UniqueNamesRule,
  KnownNamesRule,
  ParamRule,
  ConstantArgsRule,
  StageReferencesRule,
  OutputIndexRule,
  GatherRelatedRule,
  ProducersRule,
  AcyclicRule,
  PathTemplateRule,
  ResourceRule,
  ProductTypeRule,
  KernelSignatureRule,
  ProgramStageRule,
];

/** A pipeline that passed the checker, with everything later phases need. */
export interface CheckedProgram {
  readonly ast: ProgramNode;
  readonly scope: Scope;
  readonly index: KernelIndex | undefined;
  /** For each name occurrence, the declaration the checker resolved it to. */
  readonly names: Resolutions;
}

/**
 * Runs every check rule on a parsed pipeline. `index` is the kernel index of its imports
 * (undefined when it could not be read: the kernel rules then stay silent and the reason is
 * reported by the driver). Never throws for user errors.
 */
export function checkProgram(
  ast: ProgramNode,
  index: KernelIndex | undefined,
  sources: SourceMap,
  rules: readonly CheckRule[] = CHECK_RULES,
): Result<CheckedProgram> {
  const scope = buildScope(ast);
  const ctx = makeCheckContext(scope, index, sources);
  for (const rule of rules) rule(ctx);
  return { value: { ast, scope, index, names: ctx.names }, diagnostics: ctx.diagnostics };
}
