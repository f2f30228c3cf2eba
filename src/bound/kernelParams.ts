import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { Span } from "../util/Span.js";
import type { BoundExpr, Value } from "./BoundExpr.js";
import type { BoundKernel, BoundParamArg, BoundStage } from "./BoundPipeline.js";
import { evalConst } from "./evalConst.js";
import { evalMeasured, toKernelUnit } from "./evalMeasured.js";

/**
 * The params a kernel is called with: its `@default`s, then the given ones (values bound
 * already, or expressions evaluated with the plan's params and converted to the kernel
 * param's `@unit`). Called once per stage and plan, never per task; key order is the
 * fingerprint's, so it never changes. A value whose unit does not convert is DF3040, through
 * `report`.
 */
export function kernelParams(
  kernel: BoundKernel,
  given: readonly BoundParamArg[],
  params: ReadonlyMap<string, Value>,
  report?: (d: Diagnostic) => void,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...kernel.defaults };
  for (const g of given) out[g.name] = "value" in g ? g.value : kernelParamValue(kernel.name, kernel.units[g.name], g.name, g.expr, g.span, params, report);
  return out;
}

/**
 * One param given to a kernel, evaluated with its unit and converted to `want` (the kernel
 * param's `@unit`) once. A unit that does not convert is DF3040 and the value is its number
 * as written; an expression that is not constant evaluates as it always has (undefined).
 */
export function kernelParamValue(
  kernelName: string,
  want: string | undefined,
  name: string,
  expr: BoundExpr,
  span: Span,
  params: ReadonlyMap<string, Value>,
  report?: (d: Diagnostic) => void,
  written?: string,
): Value | undefined {
  const m = evalMeasured(expr, params);
  if (m === undefined) return evalConst(expr, params);
  if (!m.ok) {
    report?.(unitMismatch(kernelName, want, name, written, m.message, span));
    return evalConst(expr, params);
  }
  const c = toKernelUnit(m.value, want);
  if (c.ok) return c.value;
  const shown = written ?? (m.value.unit !== undefined ? `${String(m.value.value)} ${m.value.unit}` : String(m.value.value));
  report?.(unitMismatch(kernelName, want, name, shown, c.message, span));
  return m.value.value;
}

function unitMismatch(kernelName: string, want: string | undefined, name: string, shown: string | undefined, why: string, span: Span): Diagnostic {
  const given = shown !== undefined ? `is given \`${shown}\`, which` : "is given a value that";
  return diag("DF3040", `Parameter \`${name}\` of \`${kernelName}\` ${given} cannot be converted to the kernel's unit: ${why}`, span, {
    label: "not convertible",
    help: want === undefined ? "give a plain number" : `give the value in \`${want}\`, or fix the kernel's \`@unit\``,
  });
}

/**
 * The params of a stage that runs a program: its own `param` lines evaluated once per plan,
 * then the pipeline params its `run` line names (`{seed}`), in that order (the fingerprint's).
 */
export function programParams(stage: BoundStage, params: ReadonlyMap<string, Value>, report?: (d: Diagnostic) => void): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const g of stage.params) out[g.name] = "value" in g ? g.value : kernelParamValue(stage.name, undefined, g.name, g.expr, g.span, params, report);
  for (const a of [...(stage.program?.args ?? []), ...(stage.program?.version ?? [])])
    if (a.kind === "param" && !(a.name in out) && params.has(a.name)) out[a.name] = params.get(a.name);
  return out;
}
