/**
 * The declarations of two bound pipelines compared, each change classified: breaking (an error:
 * a consumer stops working), dangerous (a warning: runs or readers outside the pipeline must
 * follow) or safe (a note). Every change shows its place in both sides when it has one.
 */
import type { BoundPipeline, BoundProduct, BoundStage } from "../bound/index.js";
import type { Diagnostic, Label } from "../diag/Diagnostic.js";
import { diag, type Code, type DiagExtras } from "../diag/codes.js";
import type { SourceMap } from "../diag/SourceMap.js";
import type { ProductTypeInfo } from "../kernels/index.js";
import type { Span } from "../util/Span.js";
import { ColumnReadFinder } from "./columnReads.js";
import { consumersOf, isResult, type Consumer } from "./consumers.js";
import { changedFiles, type KernelFiles } from "./kernelFiles.js";

/** What the comparison reads of each side. */
export interface Side {
  readonly pipeline: BoundPipeline;
  readonly label: string;
  readonly kernels: KernelFiles;
}

/** Reports a change: primary place in head (else base), the other side's as a secondary label. */
type Report = (code: Code, message: string, head: Span | undefined, base: Span | undefined, extras?: DiagExtras) => void;

function reporter(out: Diagnostic[]): Report {
  return (code, message, h, b, extras = {}) => {
    const secondary: Label[] = [...(extras.secondary ?? [])];
    if (h !== undefined && b !== undefined) secondary.unshift({ span: b, message: "in base" });
    const label = extras.label ?? (h !== undefined ? "in head" : "in base");
    out.push(diag(code, message, h ?? b, { ...extras, label, secondary }));
  };
}

/** A declaration's text with its whitespace and comments squeezed, to tell an edit from a move. */
function textOf(sources: SourceMap, span: Span): string {
  const f = sources.get(span.file);
  if (f === undefined) return "";
  return f.text
    .slice(span.start, span.end)
    .replace(/#[^\n]*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const fmtConsumers = (cs: readonly Consumer[]): string => cs.map((c) => `${c.kind} \`${c.name}\``).join(", ");

/** Compares params: added (required or not), removed, default changed. */
function compareParams(r: Report, sources: SourceMap, base: Side, head: Side): void {
  const before = new Map(base.pipeline.params.map((p) => [p.name, p]));
  const after = new Map(head.pipeline.params.map((p) => [p.name, p]));
  for (const [name, p] of after) {
    const old = before.get(name);
    if (old === undefined) {
      if (p.default === undefined)
        r("DF7005", `New param \`${name}\` has no default: every run must set it.`, p.span, undefined, {
          help: "give it a default, or set it in every profile",
        });
      else r("DF7008", `New param \`${name}\`.`, p.span, undefined);
      continue;
    }
    const a = old.default !== undefined ? textOf(sources, old.default.span) : "";
    const b = p.default !== undefined ? textOf(sources, p.default.span) : "";
    if (a !== b) {
      if (p.default === undefined) r("DF7005", `Param \`${name}\` lost its default (${a}): every run must set it.`, p.span, old.span);
      else r("DF7008", `Param \`${name}\`'s default changed: ${a === "" ? "(none)" : a} → ${b}.`, p.span, old.span);
    } else if (old.type !== p.type) r("DF7008", `Param \`${name}\`'s type changed: ${old.type ?? "(none)"} → ${p.type ?? "(none)"}.`, p.span, old.span);
  }
  for (const [name, p] of before) if (!after.has(name)) r("DF7008", `Param \`${name}\` removed.`, undefined, p.span);
}

/** Compares profiles by their entries' text. */
function compareProfiles(r: Report, sources: SourceMap, base: Side, head: Side): void {
  const before = new Map(base.pipeline.profiles.map((p) => [p.name, p]));
  for (const p of head.pipeline.profiles) {
    const old = before.get(p.name);
    if (old === undefined) r("DF7008", `New profile \`${p.name}\`.`, p.span, undefined);
    else if (textOf(sources, old.span) !== textOf(sources, p.span)) r("DF7008", `Profile \`${p.name}\` changed.`, p.span, old.span);
    before.delete(p.name);
  }
  for (const old of before.values()) r("DF7008", `Profile \`${old.name}\` removed.`, undefined, old.span);
}

/** Compares grids: a changed declaration under a consumer is breaking. */
function compareGrids(r: Report, sources: SourceMap, base: Side, head: Side): void {
  const before = new Map(base.pipeline.grids.map((g) => [g.name, g]));
  const after = new Set(head.pipeline.grids.map((g) => g.name));
  for (const g of head.pipeline.grids) {
    const old = before.get(g.name);
    if (old === undefined) {
      r("DF7008", `New grid \`${g.name}\`.`, g.span, undefined);
      continue;
    }
    if (textOf(sources, old.span) === textOf(sources, g.span)) continue;
    const readers = head.pipeline.stages.filter((s) => s.vars.some((v) => v.grid === g.name) && s.inputs.length > 0);
    const onGrid = [...head.pipeline.products.values()].filter((p) => p.axes.includes(g.name));
    const read = onGrid.filter((p) => consumersOf(head.pipeline, p.name).length > 0 || isResult(head.pipeline, p.name));
    if (read.length > 0 || readers.length > 0)
      r(
        "DF7003",
        `Grid \`${g.name}\` changed under its consumers: products ${read.map((p) => `\`${p.name}\``).join(", ") || "(none)"} are partitioned on it.`,
        g.span,
        old.span,
        {
          notes: readers.length > 0 ? [`read by ${readers.map((s) => `stage \`${s.name}\``).join(", ")}`] : [],
        },
      );
    else r("DF7008", `Grid \`${g.name}\` changed; nothing reads a product on it.`, g.span, old.span);
  }
  for (const old of base.pipeline.grids) if (!after.has(old.name)) r("DF7008", `Grid \`${old.name}\` removed.`, undefined, old.span);
  for (const rel of head.pipeline.relations) {
    const o = base.pipeline.relations.find((x) => x.name === rel.name);
    if (o !== undefined && textOf(sources, o.span) !== textOf(sources, rel.span))
      r("DF7006", `Relation \`${rel.name}\` changed: the tasks gathering through it read other partitions.`, rel.span, o.span);
  }
}

const sameAxes = (a: BoundProduct, b: BoundProduct): boolean => a.axes.join(",") === b.axes.join(",");

/** Compares products: removed or retyped under a consumer (breaking), axes or path changed (a partition change). */
function compareProducts(r: Report, sources: SourceMap, base: Side, head: Side): void {
  for (const [name, old] of base.pipeline.products) {
    const p = head.pipeline.products.get(name);
    const cs = consumersOf(base.pipeline, name);
    const result = isResult(base.pipeline, name);
    if (p === undefined) {
      if (cs.length > 0 || result)
        r(
          "DF7001",
          `Product \`${name}\` removed, while ${cs.length > 0 ? fmtConsumers(cs) + " read it" : "it was a result of the pipeline"}.`,
          undefined,
          old.span,
          {
            secondary: cs.map((c) => ({ span: c.span, message: `read by ${c.kind} \`${c.name}\` in base` })),
          },
        );
      else r("DF7008", `Product \`${name}\` removed; nothing read it.`, undefined, old.span);
      continue;
    }
    const now = consumersOf(head.pipeline, name);
    if (p.typeName !== old.typeName) {
      if (cs.length > 0 || now.length > 0 || result)
        r("DF7002", `Product \`${name}\` changed type under its consumers: ${old.typeName} → ${p.typeName}.`, p.span, old.span, {
          notes: [now.length > 0 ? `read by ${fmtConsumers(now)}` : "a result of the pipeline: read outside it"],
        });
      else r("DF7008", `Product \`${name}\` changed type (${old.typeName} → ${p.typeName}); nothing reads it.`, p.span, old.span);
    }
    if (!sameAxes(old, p)) r("DF7006", `Product \`${name}\` is partitioned otherwise: [${old.axes.join(", ")}] → [${p.axes.join(", ")}].`, p.span, old.span);
    else if (textOf(sources, old.pathSpan) !== textOf(sources, p.pathSpan))
      r("DF7006", `Product \`${name}\`'s files move: its path changed.`, p.pathSpan, old.pathSpan);
  }
  for (const [name, p] of head.pipeline.products) if (!base.pipeline.products.has(name)) r("DF7008", `New product \`${name}\`.`, p.span, undefined);
}

function resourcesText(sources: SourceMap, s: BoundStage): string {
  return (
    [...s.resources.values()].map((x) => `${x.name} ${textOf(sources, x.span)}`).join("; ") +
    (s.pack !== undefined ? `; pack ${textOf(sources, s.pack.span)}` : "")
  );
}

/** Compares stages: variables (a partition change), kernel, its source, params, inputs, resources. */
function compareStages(r: Report, sources: SourceMap, base: Side, head: Side): void {
  const before = new Map(base.pipeline.stages.map((s) => [s.name, s]));
  for (const s of head.pipeline.stages) {
    const old = before.get(s.name);
    before.delete(s.name);
    if (old === undefined) {
      r("DF7008", `New stage \`${s.name}\`.`, s.nameSpan, undefined);
      continue;
    }
    const vars = (x: BoundStage): string => x.vars.map((v) => `${v.name}: ${v.grid}`).join(", ");
    if (vars(old) !== vars(s)) r("DF7006", `Stage \`${s.name}\` runs over other partitions: [${vars(old)}] → [${vars(s)}].`, s.nameSpan, old.nameSpan);
    if (old.kernelName !== s.kernelName) r("DF7008", `Stage \`${s.name}\` runs another kernel: ${old.kernelName} → ${s.kernelName}.`, s.nameSpan, old.nameSpan);
    else if (s.kernel !== undefined) {
      const files = changedFiles(base.kernels.closure(s.kernel.name), head.kernels.closure(s.kernel.name));
      if (files.length > 0) r("DF7008", `Stage \`${s.name}\`'s kernel source changed: ${files.join(", ")}.`, s.nameSpan, old.nameSpan);
    }
    const params = (x: BoundStage): Map<string, { text: string; span: Span }> =>
      new Map(x.params.map((p) => [p.name, { text: textOf(sources, p.span), span: p.span }]));
    const pa = params(old);
    const pb = params(s);
    for (const [k, v] of pb) {
      const o = pa.get(k);
      if (o === undefined) r("DF7008", `Stage \`${s.name}\` sets param \`${k}\` = ${v.text}.`, v.span, old.nameSpan);
      else if (o.text !== v.text) r("DF7008", `Stage \`${s.name}\`'s param \`${k}\` changed: ${o.text} → ${v.text}.`, v.span, o.span);
    }
    for (const [k, o] of pa) if (!pb.has(k)) r("DF7008", `Stage \`${s.name}\` no longer sets param \`${k}\` (${o.text}).`, s.nameSpan, o.span);
    const io = (x: BoundStage): string => [...x.inputs.map((i) => textOf(sources, i.span)), ...x.outputs.map((o) => textOf(sources, o.span))].join("; ");
    if (io(old) !== io(s)) r("DF7008", `Stage \`${s.name}\`'s inputs or outputs changed.`, s.nameSpan, old.nameSpan);
    if (resourcesText(sources, old) !== resourcesText(sources, s))
      r("DF7008", `Stage \`${s.name}\`'s resources changed: ${resourcesText(sources, old)} → ${resourcesText(sources, s)}.`, s.nameSpan, old.nameSpan);
  }
  for (const old of before.values()) r("DF7008", `Stage \`${old.name}\` removed.`, undefined, old.nameSpan);
}

function typeOf(p: BoundPipeline, name: string): ProductTypeInfo | undefined {
  return p.index?.types.find((t) => t.name === name);
}

/** The columns of a type: its table's, and those of its table HDUs (`HDU.COLUMN`). */
function columnsOf(t: ProductTypeInfo): Map<string, { name: string; loc: { file: string; start: number; end: number } }> {
  const out = new Map<string, { name: string; loc: { file: string; start: number; end: number } }>();
  for (const c of t.columns) out.set(c.name, { name: c.name, loc: c.loc });
  for (const h of t.hdus) for (const c of h.columns ?? []) if (!out.has(c.name)) out.set(c.name, { name: c.name, loc: c.loc });
  return out;
}

/** A span for a place in a TypeScript file, the file read into the source map once. */
export type TsSpan = (file: string, start: number, end: number) => Span;

/** Compares the columns of the product types both sides use: a removed column a consumer kernel reads is breaking. */
async function compareColumns(r: Report, base: Side, head: Side, tsSpan: TsSpan, finder: ColumnReadFinder): Promise<void> {
  const seen = new Set<string>();
  for (const p of head.pipeline.products.values()) {
    const old = base.pipeline.products.get(p.name);
    if (old === undefined || old.typeName !== p.typeName || seen.has(p.typeName)) continue;
    seen.add(p.typeName);
    const ta = typeOf(base.pipeline, p.typeName);
    const tb = typeOf(head.pipeline, p.typeName);
    if (ta === undefined || tb === undefined) continue;
    const after = columnsOf(tb);
    const products = [...head.pipeline.products.values()].filter((x) => x.typeName === p.typeName).map((x) => x.name);
    const readers = products.flatMap((x) => consumersOf(head.pipeline, x)).filter((c) => c.kernel !== undefined);
    for (const [name, col] of columnsOf(ta)) {
      if (after.has(name)) continue;
      const at = tsSpan(col.loc.file, col.loc.start, col.loc.end);
      let found = false;
      for (const c of readers) {
        const read = await finder.find(head.kernels.files(c.kernel!), name);
        if (read === undefined) continue;
        r(
          "DF7004",
          `Column \`${name}\` of ${p.typeName} is gone, and kernel \`${c.kernel}\` of stage \`${c.name}\` still reads it.`,
          tsSpan(read.file, read.start, read.end),
          at,
          {
            label: "read here, in head",
            secondary: [{ span: c.span, message: `stage \`${c.name}\` reads a ${p.typeName}` }],
          },
        );
        found = true;
        break;
      }
      if (!found) r("DF7007", `Column \`${name}\` of ${p.typeName} is gone; no consumer kernel is known to read it.`, undefined, at);
    }
  }
}

/** Every declaration change between `base` and `head`, classified. */
export async function compareDecls(sources: SourceMap, base: Side, head: Side, tsSpan: TsSpan): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const r = reporter(out);
  compareParams(r, sources, base, head);
  compareProfiles(r, sources, base, head);
  compareGrids(r, sources, base, head);
  compareProducts(r, sources, base, head);
  compareStages(r, sources, base, head);
  await compareColumns(r, base, head, tsSpan, new ColumnReadFinder());
  return out;
}
