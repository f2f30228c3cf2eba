import type { BoundKernelCall, BoundPipeline } from "../../bound/index.js";
import type { LintRule } from "../LintContext.js";

/** The products something reads: a stage's inputs, a grid's column or kernel, a relation's columns or kernel. */
function productsRead(p: BoundPipeline): Set<string> {
  const read = new Set<string>();
  const call = (c: BoundKernelCall): void => {
    for (const i of c.inputs) if (i.product !== undefined) read.add(i.product);
  };
  for (const g of p.grids) {
    if (g.domain.kind === "column") read.add(g.domain.product.name);
    if (g.domain.kind === "kernel") call(g.domain.call);
  }
  for (const r of p.relations) {
    if (r.source.kind === "columns") read.add(r.source.product.name);
    else call(r.source.call);
  }
  for (const s of p.stages) for (const i of s.inputs) read.add(i.ref.product);
  return read;
}

/**
 * DF6001: a product no stage writes and nothing reads. A product written and not read is a
 * result of the pipeline; one read and not written is a source on disk: both are in use.
 */
export const UnusedProductRule: LintRule = {
  code: "DF6001",
  name: "unused-product",
  run(ctx) {
    const read = productsRead(ctx.pipeline);
    for (const product of ctx.pipeline.products.values()) {
      if (read.has(product.name) || ctx.pipeline.producers.has(product.name)) continue;
      ctx.report("DF6001", `Product \`${product.name}\` is never written nor read.`, product.span, {
        label: "unused product",
        help: "remove it, or write it from the stage meant to make it (`out " + product.name + "`)",
      });
    }
  },
};
