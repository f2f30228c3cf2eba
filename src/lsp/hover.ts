import type { ColumnInfo, DimInfo, KernelInfo, ProductTypeInfo } from "../kernels/index.js";
import { staleTasks, summarizePlan, unknownText, unknownUntil, type Value } from "../plan/index.js";
import { printExpr, type DeclNode, type ExprNode, type StageNode } from "../syntax/index.js";
import { refineByFingerprint, type StaleReason } from "../runtime/index.js";
import type { Analysis, PlanResult } from "./analyze.js";
import type { NameUse } from "../check/index.js";

const dims = (d: readonly DimInfo[] | undefined): string =>
  d !== undefined && d.length > 0 ? `[${d.map((x) => (x.size !== undefined ? `${x.name}=${x.size}` : x.name)).join(", ")}]` : "";
const withUnit = (u: string | undefined): string => (u !== undefined && u !== "" ? ` (${u})` : "");
const column = (c: ColumnInfo): string => `    ${c.name}: ${c.dtype}${dims(c.dims)}${withUnit(c.unit)}`;

/** A data-model type as hover text: its format, HDUs with their dims, units and columns, or its table columns. */
export function describeType(t: ProductTypeInfo): string {
  const lines = [`type ${t.name} (${t.format}, ${t.module})`];
  if (t.doc !== "") lines.push(t.doc);
  for (const h of t.hdus) {
    lines.push(
      `  HDU ${h.name}: ${h.kind === "image" ? `image ${h.dtype ?? ""}${dims(h.dims)}${withUnit(h.unit)}` : `table${h.tableType !== undefined ? ` ${h.tableType}` : ""}`}`,
    );
    for (const c of h.columns ?? []) lines.push(column(c));
  }
  if (t.hdus.length === 0 && t.columns.length > 0) {
    lines.push("  columns:");
    for (const c of t.columns) lines.push(column(c));
  }
  return lines.join("\n");
}

/** A kernel's TypeScript signature as dflow reads it: inputs, params with their units and defaults, outputs. */
export function kernelSignature(k: KernelInfo): string {
  const ins = k.inputs.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`);
  const ps = k.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}${withUnit(p.unit)}${p.default !== undefined ? ` = ${String(p.default)}` : ""}`);
  const outs = k.outputs.map((p) => `${p.name}: ${p.type}`);
  return `${k.kind} kernel ${k.name}(${[...ins, ...ps].join(", ")}) -> { ${outs.join(", ")} }`;
}

const showKeys = (keys: readonly Value[], n = 5): string => keys.slice(0, n).map(String).join(", ") + (keys.length > n ? ", …" : "");

/** The task count, cost and frontier of one stage in a plan, as `dflow plan` prints its row. */
function stagePlanText(name: string, a: Analysis, p: PlanResult): string {
  const plan = p.plan;
  if (plan === undefined) return `tasks: no plan (${p.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ") || "the file does not check"})`;
  const s = plan.graph.stages.find((x) => x.name === name);
  if (s === undefined) return "tasks: not planned";
  const at = `at profile ${plan.profile ?? "default"}, output root ${p.out ?? "?"}`;
  if (s.deferred !== undefined) {
    const u = a.bound !== undefined ? unknownUntil(a.bound, plan.graph, plan.out).get(name) : undefined;
    return `tasks: ${u !== undefined ? unknownText(u) : `unknown (${s.deferred})`} (${at})`;
  }
  // Task states as `dflow plan` reads them: outputs on disk, refined by the run's fingerprints.
  const state = staleTasks(plan.graph, plan.out);
  if (a.bound !== undefined) refineByFingerprint(plan, a.bound, state, new Map<number, StaleReason>(), (f) => f);
  const row = summarizePlan(plan.graph, state).find((r) => r.stage === name);
  const grids = s.vars.map((v) => `${v.name}: ${v.grid} (${plan.graph.grids.get(v.grid)?.keys.length ?? "?"})`).join(", ");
  const cost = row !== undefined ? `; ${row.toRun} to run, ${row.jobs} jobs, ${row.coreHours.toFixed(2)} core-h` : "";
  return `tasks: ${s.count}${grids !== "" ? ` over ${grids}` : ""}${cost}; ${s.resources.seconds} s and ${s.resources.cores} cores a task (${at})`;
}

/** A grid's size and first keys in a plan, or what it waits for. */
function gridPlanText(name: string, a: Analysis, p: PlanResult): string {
  const g = p.plan?.graph;
  if (g === undefined) return "size: no plan";
  const r = g.grids.get(name);
  if (r !== undefined) return `size: ${r.keys.length}; keys ${showKeys(r.keys)}`;
  const f = g.frontier.get(name);
  if (f === undefined) return "size: not planned";
  // A grid waits for what the stages over it wait for: the first such stage says what.
  const waiting = a.bound !== undefined ? unknownUntil(a.bound, g, p.plan?.out) : undefined;
  const over = g.stages.find((s) => s.deferred !== undefined && s.vars.some((v) => v.grid === name));
  const u = over !== undefined ? waiting?.get(over.name) : undefined;
  return `size: ${u !== undefined ? unknownText(u) : `unknown (waits for ${f.waitsFor})`}${f.bound !== undefined ? ` (at most ${f.bound})` : ""}`;
}

function stageText(st: StageNode, a: Analysis): string[] {
  const k = st.items.find((i) => i.kind === "KernelBinding");
  const name = k?.kernel.parts.map((x) => x.value).join(".");
  const info = a.checked?.index?.kernels.find((x) => x.name === name);
  const res = st.items.flatMap((i) =>
    i.kind === "Resource" ? [`${i.name.value} ${printExpr(i.value)}${i.per !== undefined ? ` per ${printExpr(i.per)}` : ""}`] : [],
  );
  return [
    `stage ${st.name.value}[${st.vars.map((v) => `${v.name.value}: ${v.grid.value}`).join(", ")}]`,
    ...(res.length > 0 ? [`cost: ${res.join(", ")}`] : []),
    ...(info !== undefined ? [kernelSignature(info)] : []),
  ];
}

/** Hover text for a name, by the declaration the checker resolved it to; `plan` is awaited only for stages and grids. */
export async function hoverText(a: Analysis, use: NameUse, plan: () => Promise<PlanResult>): Promise<string | undefined> {
  const index = a.checked?.index;
  const sym = use.symbol;
  if (sym.kind === "kernel") {
    const k = index?.kernels.find((x) => x.name === sym.name);
    return k !== undefined ? kernelSignature(k) + (k.doc !== "" ? `\n${k.doc}` : "") : undefined;
  }
  if (sym.kind === "type") {
    const t = index?.types.find((x) => x.name === sym.name);
    return t !== undefined ? describeType(t) : undefined;
  }
  if (sym.kind === "variable") return `variable ${sym.name}${sym.grid !== undefined && sym.grid !== "" ? `: ${sym.grid}` : ""}`;
  const d: DeclNode | undefined = sym.node;
  if (sym.kind === "attribute" && d?.kind === "Grid" && d.domain.kind === "ColumnDomain") {
    const at = d.domain.attributes.find((x) => x.name.loc.start === sym.decl?.start);
    const type = at?.type !== undefined ? `: ${at.type.name.parts.map((x) => x.value).join(".")}` : "";
    return `attribute ${sym.name}${type} of grid ${d.name.value}, column ${at?.column.value ?? "?"} of ${d.domain.product.value}`;
  }
  if (d === undefined) return undefined;
  switch (d.kind) {
    case "Product": {
      const t = index?.types.find((x) => x.name === d.type.name.parts[d.type.name.parts.length - 1]?.value);
      const head = `product ${d.name.value}[${d.axes.map((x) => x.value).join(", ")}]${d.path !== undefined ? ` at ${d.path.raw.value}` : ""}`;
      return t !== undefined ? `${head}\n${describeType(t)}` : head;
    }
    case "Stage":
      return [...stageText(d, a), stagePlanText(d.name.value, a, await plan())].join("\n");
    case "Grid":
      return `grid ${d.name.value}\n${gridPlanText(d.name.value, a, await plan())}`;
    case "Param": {
      const v = (e: ExprNode | undefined): string => (e !== undefined ? ` = ${printExpr(e)}` : "");
      return `param ${d.name.value}${d.type !== undefined ? `: ${d.type.name.parts.map((x) => x.value).join(".")}` : ""}${v(d.value)}`;
    }
    case "Relation":
      return `relation ${d.name.value}(${d.from.map((v) => `${v.name.value}: ${v.grid.value}`).join(", ")}) -> (${d.to.map((v) => `${v.name.value}: ${v.grid.value}`).join(", ")})`;
    case "Profile":
      return `profile ${d.name.value}${d.isDefault ? " (default)" : ""}: ${d.entries.map((e) => `${e.name.value} = ${printExpr(e.value)}`).join(", ")}`;
    case "Import":
      return undefined;
  }
}
