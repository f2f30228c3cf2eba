import path from "node:path";
import type { Diagnostic, Result } from "../diag/Diagnostic.js";
import type { CheckedProgram } from "../check/index.js";
import { portName, stageParts, typeRefName } from "../check/index.js";
import type * as A from "../syntax/ast.js";
import { expr as printExpr } from "../syntax/print.js";
import { parsePathTemplate } from "../syntax/parsePathTemplate.js";
import { bindExpr } from "./bindExpr.js";
import { bindParams, KernelBinder } from "./bindKernel.js";
import { bindRun } from "./bindRun.js";
import type {
  BoundAttribute,
  BoundDomain,
  BoundGrid,
  BoundKernelCall,
  BoundName,
  BoundPipeline,
  BoundProduct,
  BoundRef,
  BoundRelation,
  BoundResource,
  BoundStage,
  BoundTemplatePart,
} from "../bound/index.js";

/**
 * Binds a checked pipeline once: names resolved, product types looked up, kernels found with
 * their closure hashes, constant kernel params evaluated and converted to the kernel's units
 * (DF3040 when a conversion fails). Runs after a clean check; what it returns is all the
 * planner, the runtime and the emitters read.
 */
export function bindProgram(checked: CheckedProgram, file?: string): Result<BoundPipeline> {
  const base = file !== undefined ? path.dirname(path.resolve(file)) : process.cwd();
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic): void => {
    diagnostics.push(d);
  };
  const { scope, index, ast } = checked;
  const kernels = new KernelBinder(index);
  const qname = (q: A.QualifiedNameNode): string => q.parts.map((p) => p.value).join(".");
  const typeText = (t: A.TypeRefNode | undefined): string | undefined => (t === undefined ? undefined : qname(t.name));
  const name = (n: A.NameNode): BoundName => ({ name: n.value, span: n.loc });
  const attribute = (a: A.AttributeNode): BoundAttribute => ({ name: a.name.value, type: typeText(a.type), column: name(a.column), span: a.loc });
  const call = (c: A.KernelCallNode): BoundKernelCall => {
    const kname = qname(c.kernel);
    const k = kernels.find(kname);
    const positional = c.args.filter((a) => a.name === undefined);
    const named = c.args.filter((a): a is A.ArgumentNode & { name: A.NameNode } => a.name !== undefined);
    return {
      name: kname,
      kernel: k?.kernel,
      inputs: positional.map((a, i) => ({ product: a.value.kind === "Ref" ? a.value.name.value : undefined, port: k?.info.inputs[i]?.name })),
      params: bindParams(
        named.map((a) => ({ name: a.name, value: a.value })),
        k,
        report,
      ),
      span: c.loc,
    };
  };
  const domain = (d: A.GridDomainNode): BoundDomain => {
    switch (d.kind) {
      case "RangeDomain":
        return { kind: "range", lo: bindExpr(d.range.lo), hi: bindExpr(d.range.hi), span: d.loc };
      case "SetDomain":
        return { kind: "set", items: d.set.items.map(bindExpr), span: d.loc };
      case "ColumnDomain":
        return { kind: "column", product: name(d.product), column: name(d.column), isKey: d.isKey, attributes: d.attributes.map(attribute), span: d.loc };
      case "KernelDomain":
        return { kind: "kernel", call: call(d.call), span: d.loc };
    }
  };
  const grids: BoundGrid[] = [...scope.grids.values()].map((g) => ({
    name: g.name.value,
    domain: domain(g.domain),
    ordering: g.ordering,
    envelope: g.envelope !== undefined ? domain(g.envelope) : undefined,
    span: g.loc,
  }));
  const vars = (vs: readonly A.VarBindingNode[]): BoundStage["vars"] =>
    vs.map((v) => ({ name: v.name.value, grid: v.grid.value, nameSpan: v.name.loc, span: v.loc }));
  const relations: BoundRelation[] = [...scope.relations.values()].map((r) => ({
    name: r.name.value,
    from: vars(r.from),
    to: vars(r.to),
    source:
      r.source.kind === "KernelCall"
        ? { kind: "kernel", call: call(r.source) }
        : { kind: "columns", product: name(r.source.product), columns: r.source.columns.map(attribute), span: r.source.loc },
    fanout: r.fanout !== undefined ? bindExpr(r.fanout) : undefined,
    span: r.loc,
  }));
  const products = new Map<string, BoundProduct>();
  for (const p of scope.products.values()) products.set(p.name.value, bindProduct(p, index));
  const typeOf = (product: string): string => products.get(product)?.typeName ?? "";
  const ref = (r: A.ProductRefNode): BoundRef => ({ product: r.product.value, indices: r.indices.map(bindExpr), span: r.loc });
  const stages: BoundStage[] = [...scope.stages.values()].map((s) => {
    const parts = stageParts(s);
    const kernelName = parts.kernel !== undefined ? qname(parts.kernel.kernel) : "";
    const k = kernelName !== "" ? kernels.find(kernelName) : undefined;
    const resources = new Map<string, BoundResource>();
    for (const r of parts.resources) {
      if (resources.has(r.name.value)) continue;
      const text = printExpr(r.value) + (r.per !== undefined ? " per " + printExpr(r.per) : "");
      resources.set(r.name.value, { name: r.name.value, value: bindExpr(r.value), per: r.per !== undefined ? bindExpr(r.per) : undefined, text, span: r.loc });
    }
    return {
      name: s.name.value,
      nameSpan: s.name.loc,
      vars: vars(s.vars),
      where: s.where !== undefined ? bindExpr(s.where) : undefined,
      inputs: parts.inputs.map((i) => {
        const port = portName(i);
        const info = k?.info.inputs.find((x) => x.name === port);
        return {
          port,
          ref: ref(i.ref),
          gather:
            i.gather === undefined
              ? undefined
              : {
                  clauses: i.gather.clauses.map((c) => ({
                    vars: c.vars.map((v) => v.value),
                    source: c.source.value,
                    args: c.args?.map(bindExpr),
                    span: c.loc,
                  })),
                  where: i.gather.where !== undefined ? bindExpr(i.gather.where) : undefined,
                  span: i.gather.loc,
                },
          bestEffort: i.bestEffort,
          form: i.gather === undefined ? "single" : info?.collection === "stream" ? "stream" : "array",
          typeName: typeOf(i.ref.product.value),
          span: i.loc,
        };
      }),
      outputs: parts.outputs.map((o) => ({ port: portName(o), ref: ref(o.ref), typeName: typeOf(o.ref.product.value), span: o.loc })),
      kernelName,
      kernel: k?.kernel,
      program: bindRun(s, parts, base),
      params: bindParams(
        parts.params.map((p) => ({ name: p.name, value: p.value })),
        k,
        report,
      ),
      resources,
      pack: parts.pack !== undefined ? bindExpr(parts.pack.value) : undefined,
      status: parts.status !== undefined ? { word: parts.status.word, note: parts.status.note?.value, span: parts.status.loc } : undefined,
      label: parts.label?.text.value ?? s.name.value,
      span: s.loc,
    };
  });
  const producers = new Map<string, string>();
  for (const [product, list] of scope.producers) {
    const first = list[0];
    if (first !== undefined) producers.set(product, first.stage.name.value);
  }
  const pipeline: BoundPipeline = {
    name: ast.pipeline?.name.value ?? "",
    title: ast.pipeline?.description?.value,
    span: ast.pipeline?.loc ?? ast.loc,
    params: [...scope.params.values()].map((p) => ({
      name: p.name.value,
      type: typeText(p.type),
      default: p.value !== undefined ? bindExpr(p.value) : undefined,
      span: p.loc,
      nameSpan: p.name.loc,
    })),
    profiles: [...scope.profiles.values()].map((p) => ({
      name: p.name.value,
      isDefault: p.isDefault,
      entries: p.entries.map((e) => ({ name: e.name.value, value: bindExpr(e.value), span: e.value.loc })),
      span: p.loc,
    })),
    grids,
    relations,
    products,
    stages,
    producers,
    index,
  };
  return { value: pipeline, diagnostics };
}

/** A product with its type name and format looked up once, and its path template (the default one when it has none). */
function bindProduct(p: A.ProductNode, index: CheckedProgram["index"]): BoundProduct {
  const typeName = typeRefName(p.type);
  const format = index?.types.find((t) => t.name === typeName)?.format;
  let parts = p.path?.parts;
  if (parts === undefined) {
    const text = `${p.name.value}/${[p.name.value, ...p.axes.map((a) => `{${a.value}}`)].join("-")}.${format ?? "json"}`;
    parts = parsePathTemplate({ kind: "String", value: text, loc: p.loc }, JSON.stringify(text)).node.parts;
  }
  const template: BoundTemplatePart[] = parts.map((x) =>
    x.kind === "TemplateText"
      ? { kind: "text", text: x.text, span: x.loc }
      : { kind: "field", path: x.path.map((n) => n.value), divisor: x.divisor, format: x.format, span: x.loc },
  );
  return {
    name: p.name.value,
    axes: p.axes.map((a) => a.value),
    typeName,
    format,
    template,
    explicitPath: p.path !== undefined,
    pathSpan: p.path?.loc ?? p.loc,
    span: p.loc,
  };
}
