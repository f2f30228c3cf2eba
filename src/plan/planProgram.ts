import path from "node:path";
import type { CheckedProgram } from "../check/index.js";
import type { Diagnostic, Result } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { expandStages } from "./expandStages.js";
import { compilePath, defaultTemplateText, SAFE_KEY, type PathRenderer } from "./paths.js";
import { resolveDomains, type ComputedDomains } from "./resolveGrids.js";
import { resolveParams, type ParamSettings } from "./resolveParams.js";
import type { TaskGraph } from "./TaskGraph.js";
import { parsePathTemplate } from "../syntax/parsePathTemplate.js";

/** What planning needs besides the checked program. */
export interface PlanOptions extends ParamSettings {
  /** The output root: products live under it, sources are read from it. */
  readonly out: string;
  /** Grids and relations the executor has computed with their kernels. */
  readonly computed?: ComputedDomains;
}

/** A plan: the task graph and the param values and profile it was made with. */
export interface Plan {
  readonly graph: TaskGraph;
  readonly profile: string | undefined;
  readonly out: string;
}

/**
 * Plans a checked pipeline: params (defaults, profile, `--set`), grids and relations
 * resolved from literals and from the sources under `out`, then every stage expanded into
 * tasks and edges up to the frontier. Never throws for user errors.
 */
export function planProgram(checked: CheckedProgram, opts: PlanOptions): Result<Plan | undefined> {
  const diagnostics: Diagnostic[] = [];
  const p = resolveParams(checked.scope, opts);
  diagnostics.push(...p.diagnostics);
  if (p.diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  const root = path.resolve(opts.out);
  const domains = resolveDomains(checked.scope, p.values, root, opts.computed);
  diagnostics.push(...domains.diagnostics);
  if (domains.diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  const paths = new Map<string, PathRenderer>();
  const prefixes = new Map<string, string>();
  for (const product of checked.scope.products.values()) {
    const axes = product.axes.map((a) => a.value);
    let parts = product.path?.parts;
    if (parts === undefined) {
      const typeName = product.type.name.parts[product.type.name.parts.length - 1]?.value ?? "";
      const fmt = checked.index?.types.find((t) => t.name === typeName)?.format ?? "json";
      const text = defaultTemplateText(product, fmt);
      parts = parsePathTemplate({ kind: "String", value: text, loc: product.loc }, JSON.stringify(text)).node.parts;
    }
    paths.set(product.name.value, compilePath(parts, axes, domains.value.grids, p.values));
    // Attribute values and string params reach paths unchecked by the grids: check them here.
    for (const part of parts) {
      if (part.kind !== "TemplateField") continue;
      const head = part.path[0]!.value;
      const attr = part.path[1]?.value;
      if (axes.includes(head) && attr !== undefined) {
        const values = domains.value.grids.get(head)?.attributes.get(attr)?.values ?? [];
        const bad = values.find((v) => typeof v === "string" && !SAFE_KEY.test(v));
        if (bad !== undefined) diagnostics.push(diag("DF4006", `Attribute \`${attr}\` of grid \`${head}\` holds ${JSON.stringify(bad)}, which the path of \`${product.name.value}\` cannot use: it is not safe in a path or a shell script.`, part.loc, { label: "unsafe value", help: "attribute values in paths are numbers or words of letters, digits, `_`, `.`, `+` and `-`" }));
      } else if (!axes.includes(head)) {
        const v = p.values.get(head);
        if (typeof v === "string" && !SAFE_KEY.test(v)) diagnostics.push(diag("DF4006", `Param \`${head}\` is ${JSON.stringify(v)}, which the path of \`${product.name.value}\` cannot use: it is not safe in a path or a shell script.`, part.loc, { label: "unsafe value" }));
      }
    }
    const lead = parts[0]?.kind === "TemplateText" ? parts[0].text : "";
    prefixes.set(product.name.value, lead.slice(0, lead.lastIndexOf("/") + 1));
  }
  if (diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  const g = expandStages(checked.scope, domains.value, p.values, paths, prefixes);
  diagnostics.push(...g.diagnostics);
  if (g.diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  return { value: { graph: g.value, profile: p.profile, out: root }, diagnostics };
}
