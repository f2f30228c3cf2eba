import path from "node:path";
import type { CheckedProgram } from "../check/index.js";
import type { Diagnostic, Result } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { expandStages } from "./expandStages.js";
import { compilePath, defaultTemplateText, type PathRenderer } from "./paths.js";
import { resolveDomains } from "./resolveGrids.js";
import { resolveParams, type ParamSettings } from "./resolveParams.js";
import type { TaskGraph } from "./TaskGraph.js";
import { parsePathTemplate } from "../syntax/parsePathTemplate.js";

/** What planning needs besides the checked program. */
export interface PlanOptions extends ParamSettings {
  /** The output root: products live under it, sources are read from it. */
  readonly out: string;
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
  const domains = resolveDomains(checked.scope, p.values, root);
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
    const lead = parts[0]?.kind === "TemplateText" ? parts[0].text : "";
    prefixes.set(product.name.value, lead.slice(0, lead.lastIndexOf("/") + 1));
  }
  const g = expandStages(checked.scope, domains.value, p.values, paths, prefixes);
  diagnostics.push(...g.diagnostics);
  if (g.diagnostics.some((d) => d.severity === "error")) return { value: undefined, diagnostics };
  return { value: { graph: g.value, profile: p.profile, out: root }, diagnostics };
}

/** DF4006 for a rendered path that would leave the output root (a key holding `..` gets here only through an attribute). */
export function pathEscapes(rel: string): Diagnostic | undefined {
  if (rel.startsWith("/") || rel.split("/").includes("..")) return diag("DF4006", `The path \`${rel}\` would leave the output root.`, undefined);
  return undefined;
}
