import type { Value } from "./BoundExpr.js";
import type { BoundKernel, BoundParamArg } from "./BoundPipeline.js";
import { evalConst } from "./evalConst.js";

/**
 * The params a kernel is called with: its `@default`s, then the given ones (values bound
 * already, or expressions evaluated with the plan's params). Called once per stage and plan,
 * never per task; key order is the fingerprint's, so it never changes.
 */
export function kernelParams(kernel: BoundKernel, given: readonly BoundParamArg[], params: ReadonlyMap<string, Value>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...kernel.defaults };
  for (const g of given) out[g.name] = "value" in g ? g.value : evalConst(g.expr, params);
  return out;
}
