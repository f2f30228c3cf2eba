import path from "node:path";
import { kernelParams, type BoundKernelCall, type BoundPipeline } from "../bound/index.js";
import type { Diagnostic, Result } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { expandStages } from "./expandStages.js";
import { compilePath, SAFE_KEY, type PathRenderer } from "./paths.js";
import { resolveDomains, type ComputedDomains } from "./resolveGrids.js";
import { resolveParams, type ParamSettings } from "./resolveParams.js";
import type { TaskGraph } from "./TaskGraph.js";

/** What planning needs besides the bound pipeline. */
export interface PlanOptions extends ParamSettings {
  /** The output root: products live under it, sources are read from it. */
  readonly out: string;
  /** Grids and relations the executor has computed with their kernels. */
  readonly computed?: ComputedDomains;
  /**
   * Whether a product file a grid or relation reads is as its producer wrote it (the producing
   * stage's name, its task's id: a table product's stage has no grid variables).
   * One that is not (truncated, overwritten) is read as not made yet: its grids wait on the
   * frontier while its producer runs again. Without it, every file on disk is read.
   */
  readonly intact?: (file: string, producer: string) => boolean;
}

/** A plan: the task graph and the param values and profile it was made with. */
export interface Plan {
  readonly graph: TaskGraph;
  readonly profile: string | undefined;
  readonly out: string;
}

/**
 * Plans a bound pipeline: params (defaults, profile, `--set`), grids and relations
 * resolved from literals and from the sources under `out`, then every stage expanded into
 * tasks and edges up to the frontier. Never throws for user errors.
 */
export function planProgram(pipeline: BoundPipeline, opts: PlanOptions): Result<Plan | undefined> {
  const diagnostics: Diagnostic[] = [];
  const p = resolveParams(pipeline, opts);
  diagnostics.push(...p.diagnostics);
  if (p.diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  // Grid and relation kernels run later (the frontier): their params' units are checked now, once.
  const before = diagnostics.length;
  for (const c of kernelCalls(pipeline)) if (c.kernel !== undefined) kernelParams(c.kernel, c.params, p.values, (d) => diagnostics.push(d));
  if (diagnostics.length > before) return { value: undefined, diagnostics };
  const root = path.resolve(opts.out);
  const domains = resolveDomains(pipeline, p.values, root, opts.computed, opts.intact);
  diagnostics.push(...domains.diagnostics);
  if (domains.diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  const paths = new Map<string, PathRenderer>();
  const prefixes = new Map<string, string>();
  for (const product of pipeline.products.values()) {
    const axes = product.axes;
    const parts = product.template;
    paths.set(product.name, compilePath(parts, axes, domains.value.grids, p.values));
    // Attribute values and string params reach paths unchecked by the grids: check them here.
    for (const part of parts) {
      if (part.kind !== "field") continue;
      const head = part.path[0]!;
      const attr = part.path[1];
      if (axes.includes(head) && attr !== undefined) {
        const values = domains.value.grids.get(head)?.attributes.get(attr)?.values ?? [];
        const bad = values.find((v) => typeof v === "string" && !SAFE_KEY.test(v));
        if (bad !== undefined)
          diagnostics.push(
            diag(
              "DF4006",
              `Attribute \`${attr}\` of grid \`${head}\` holds ${JSON.stringify(bad)}, which the path of \`${product.name}\` cannot use: it is not safe in a path or a shell script.`,
              part.span,
              { label: "unsafe value", help: "attribute values in paths are numbers or words of letters, digits, `_`, `.`, `+` and `-`" },
            ),
          );
      } else if (!axes.includes(head)) {
        const v = p.values.get(head);
        if (typeof v === "string" && !SAFE_KEY.test(v))
          diagnostics.push(
            diag(
              "DF4006",
              `Param \`${head}\` is ${JSON.stringify(v)}, which the path of \`${product.name}\` cannot use: it is not safe in a path or a shell script.`,
              part.span,
              { label: "unsafe value" },
            ),
          );
      }
    }
    const lead = parts[0]?.kind === "text" ? parts[0].text : "";
    prefixes.set(product.name, lead.slice(0, lead.lastIndexOf("/") + 1));
  }
  if (diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  const g = expandStages(pipeline, domains.value, p.values, paths, prefixes);
  diagnostics.push(...g.diagnostics);
  if (g.diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  return { value: { graph: g.value, profile: p.profile, out: root }, diagnostics };
}

/** The kernel calls of grids and relations. */
function kernelCalls(pipeline: BoundPipeline): BoundKernelCall[] {
  const calls: BoundKernelCall[] = [];
  for (const g of pipeline.grids) for (const d of [g.domain, g.envelope]) if (d?.kind === "kernel") calls.push(d.call);
  for (const r of pipeline.relations) if (r.source.kind === "kernel") calls.push(r.source.call);
  return calls;
}
