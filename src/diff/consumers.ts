import type { BoundPipeline, BoundKernelCall } from "../bound/index.js";
import type { Span } from "../util/Span.js";

/** Something that reads a product: a stage's input, a grid or relation reading its columns or calling a kernel on it. */
export interface Consumer {
  readonly kind: "stage" | "grid" | "relation";
  readonly name: string;
  /** The reading stage's kernel (`calib.sky`), when a stage reads it. */
  readonly kernel?: string;
  readonly span: Span;
}

function callReads(call: BoundKernelCall, product: string): boolean {
  return call.inputs.some((i) => i.product === product);
}

/** Every consumer of `product` in `p`, in declaration order. */
export function consumersOf(p: BoundPipeline, product: string): Consumer[] {
  const out: Consumer[] = [];
  for (const s of p.stages)
    for (const i of s.inputs)
      if (i.ref.product === product) out.push({ kind: "stage", name: s.name, ...(s.kernel !== undefined ? { kernel: s.kernel.name } : {}), span: i.span });
  for (const g of p.grids)
    for (const d of [g.domain, g.envelope])
      if ((d?.kind === "column" && d.product.name === product) || (d?.kind === "kernel" && callReads(d.call, product)))
        out.push({ kind: "grid", name: g.name, span: g.span });
  for (const r of p.relations) {
    const s = r.source;
    if ((s.kind === "columns" && s.product.name === product) || (s.kind === "kernel" && callReads(s.call, product)))
      out.push({ kind: "relation", name: r.name, span: r.span });
  }
  return out;
}

/** Whether `product` is a result of `p`: a stage writes it and nothing in the pipeline reads it. */
export function isResult(p: BoundPipeline, product: string): boolean {
  return p.producers.has(product) && consumersOf(p, product).length === 0;
}

/** The grids each product is partitioned on, for the products read in `p`. */
export function gridsRead(p: BoundPipeline): Map<string, Span> {
  const out = new Map<string, Span>();
  for (const s of p.stages) for (const v of s.vars) if (!out.has(v.grid)) out.set(v.grid, v.span);
  return out;
}
