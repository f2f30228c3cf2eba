import { isBoundValue, walkExpr, type BoundExpr, type BoundKernelCall, type BoundParamArg, type BoundPipeline } from "../bound/index.js";

/**
 * Every name the pipeline's expressions refer to outside the param and profile lines: stage
 * params, resources, `pack`, `where` clauses, indices, gathers, grid domains and envelopes,
 * relations and path templates. Grid variables are among them; a caller intersects with what it
 * looks for.
 */
export function namesReferred(p: BoundPipeline): Set<string> {
  const names = new Set<string>();
  const expr = (e: BoundExpr | undefined): void => {
    if (e === undefined) return;
    walkExpr(e, (x) => {
      if (x.kind === "name") names.add(x.name);
    });
  };
  const args = (ps: readonly BoundParamArg[]): void => {
    for (const a of ps) if (!isBoundValue(a)) expr(a.expr);
  };
  const call = (c: BoundKernelCall): void => args(c.params);
  for (const g of p.grids) {
    for (const d of g.envelope !== undefined ? [g.domain, g.envelope] : [g.domain]) {
      if (d.kind === "range") [d.lo, d.hi].forEach(expr);
      else if (d.kind === "set") d.items.forEach(expr);
      else if (d.kind === "kernel") call(d.call);
    }
  }
  for (const r of p.relations) {
    if (r.source.kind === "kernel") call(r.source.call);
    expr(r.fanout);
  }
  for (const product of p.products.values()) for (const part of product.template) if (part.kind === "field") names.add(part.path[0]!);
  for (const s of p.stages) {
    expr(s.where);
    expr(s.pack);
    args(s.params);
    for (const r of s.resources.values()) [r.value, r.per].forEach(expr);
    for (const o of s.outputs) o.ref.indices.forEach(expr);
    for (const i of s.inputs) {
      i.ref.indices.forEach(expr);
      for (const c of i.gather?.clauses ?? []) (c.args ?? []).forEach(expr);
      expr(i.gather?.where);
    }
  }
  return names;
}
