import type { BoundKernelCall, BoundPipeline } from "../../bound/index.js";

/**
 * The products a plan's frontier is computed from: the inputs of the kernels behind frontier
 * grids and relations, and the products whose column a frontier grid reads. The continuation
 * job waits for the tasks that make them; only products of the pipeline are listed.
 */
export function frontierProducts(pipeline: BoundPipeline, frontier: ReadonlySet<string> | ReadonlyMap<string, unknown>): string[] {
  const out = new Set<string>();
  const refs = (c: BoundKernelCall): void => {
    for (const a of c.inputs) if (a.product !== undefined) out.add(a.product);
  };
  for (const name of frontier.keys()) {
    const d = pipeline.grids.find((x) => x.name === name)?.domain;
    if (d?.kind === "kernel") refs(d.call);
    else if (d?.kind === "column") out.add(d.product.name);
  }
  for (const rel of pipeline.relations) {
    if ([...rel.from, ...rel.to].some((v) => frontier.has(v.grid)) && rel.source.kind === "kernel") refs(rel.source.call);
  }
  return [...out].filter((x) => pipeline.products.has(x));
}
