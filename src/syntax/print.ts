import type * as A from "./ast.js";
import type { Comment, ParsedFile } from "./parse.js";
import { quoteString } from "./strings.js";

/** Lines longer than this put a product's `at "…"` template on its own line. */
const MAX_LINE = 100;

/**
 * The canonical printer (`dflow fmt`). Keeps every comment and every group of blank lines
 * (collapsed to one blank line). Comments on a node's line stay there; comments inside a
 * one-line construct move to the line before it. Printing is idempotent, and parsing the
 * output gives the same AST (spans aside). Only call it on a file without syntax errors.
 */
export function printProgram(parsed: ParsedFile, text: string): string {
  const p = new Printer(parsed.comments, text);
  p.program(parsed.ast);
  return p.finish();
}

class Printer {
  readonly out: string[] = [];
  cursor = 0;
  lastEnd = 0;
  atBlockStart = true;

  constructor(
    readonly comments: readonly Comment[],
    readonly text: string,
  ) {}

  finish(): string {
    this.leading(Number.POSITIVE_INFINITY, "");
    while (this.out.length > 0 && this.out[this.out.length - 1] === "") this.out.pop();
    return this.out.join("\n") + "\n";
  }

  // ── comments and blank lines ─────────────────────────────────────────────
  blankBefore(start: number): void {
    if (this.atBlockStart) return;
    const gap = this.text.slice(this.lastEnd, start);
    if ((gap.match(/\r\n|\r|\n/g)?.length ?? 0) >= 2 && this.out[this.out.length - 1] !== "") this.out.push("");
  }

  /** Emits the comments that start before `upTo`, each on its own line. */
  leading(upTo: number, indent: string, hoisted = false): void {
    while (this.cursor < this.comments.length && this.comments[this.cursor]!.loc.start < upTo) {
      const c = this.comments[this.cursor++]!;
      if (!hoisted) this.blankBefore(c.loc.start);
      this.out.push(indent + c.text.trimEnd());
      this.lastEnd = c.loc.end;
      this.atBlockStart = false;
    }
  }

  /** Appends a comment that follows `end` on the same source line to the last output line. */
  trailing(end: number): void {
    const c = this.comments[this.cursor];
    if (c === undefined || c.loc.start < end) return;
    if (/[\r\n]/.test(this.text.slice(end, c.loc.start))) return;
    this.out[this.out.length - 1] += "  " + c.text.trimEnd();
    this.cursor++;
    this.lastEnd = c.loc.end;
  }

  /** A construct printed as whole lines: leading comments, inner comments hoisted, trailing comment. */
  lineNode(loc: { start: number; end: number }, indent: string, lines: string[]): void {
    this.leading(loc.start, indent);
    this.blankBefore(loc.start);
    this.atBlockStart = false;
    this.leading(loc.end, indent, true);
    for (const l of lines) this.out.push(indent + l);
    this.lastEnd = loc.end;
    this.trailing(loc.end);
  }

  /** Offset of the next character that is neither space nor part of a comment. */
  nextSignificant(from: number): number {
    let i = from;
    const t = this.text;
    while (i < t.length) {
      const ch = t[i]!;
      if (ch === "#") {
        while (i < t.length && t[i] !== "\n" && t[i] !== "\r") i++;
      } else if (/\s|\uFEFF/.test(ch)) i++;
      else return i;
    }
    return i;
  }

  /** A block: `header {`, items, dangling comments, `}` + `after`. */
  block(start: number, open: number, close: number, end: number, indent: string, header: string, items: () => void, after = ""): void {
    this.leading(start, indent);
    this.blankBefore(start);
    this.leading(open, indent, true);
    const empty = this.comments[this.cursor] === undefined || this.comments[this.cursor]!.loc.start >= close;
    this.out.push(indent + header + " {");
    this.lastEnd = open + 1;
    this.trailing(open + 1);
    this.atBlockStart = true;
    const before = this.out.length;
    items();
    this.leading(close, indent + "  ");
    this.atBlockStart = false;
    if (this.out.length === before && empty) this.out[this.out.length - 1] = indent + header + " {}" + after;
    else this.out.push(indent + "}" + after);
    this.lastEnd = end;
    this.trailing(end);
  }

  // ── declarations ─────────────────────────────────────────────────────────
  program(ast: A.ProgramNode): void {
    if (ast.pipeline !== undefined) {
      const p = ast.pipeline;
      this.lineNode(p.loc, "", [`pipeline ${p.name.value}${p.description ? " " + str(p.description) : ""}`]);
    }
    for (const d of ast.decls) this.decl(d);
  }

  decl(d: A.DeclNode): void {
    switch (d.kind) {
      case "Import":
        return this.lineNode(d.loc, "", [`import ${d.module.kind === "String" ? str(d.module) : qname(d.module)}${d.alias ? " as " + d.alias.value : ""}`]);
      case "Param":
        return this.lineNode(d.loc, "", [`param ${d.name.value}${d.type ? ": " + typeRef(d.type) : ""}${d.value ? " = " + expr(d.value) : ""}`]);
      case "Profile": {
        const close = d.loc.end - 1;
        const open = this.nextSignificant(d.isDefault ? this.afterWord(d.name.loc.end, "default") : d.name.loc.end);
        return this.block(d.loc.start, open, close, d.loc.end, "", `profile ${d.name.value}${d.isDefault ? " default" : ""}`, () => {
          for (const e of d.entries) this.lineNode(e.loc, "  ", [`${e.name.value} = ${expr(e.value)}`]);
        });
      }
      case "Grid":
        return this.grid(d);
      case "Relation":
        return this.relation(d);
      case "Product": {
        const head = `product ${d.name.value}${d.axes.length > 0 ? "[" + d.axes.map((a) => a.value).join(", ") + "]" : ""} : ${typeRef(d.type)}`;
        const at = d.path ? `at ${str(d.path.raw)}` : "";
        const one = at === "" ? head : head + " " + at;
        return this.lineNode(d.loc, "", one.length <= MAX_LINE || at === "" ? [one] : [head, "    " + at]);
      }
      case "Stage":
        return this.stage(d);
    }
  }

  afterWord(from: number, word: string): number {
    const i = this.text.indexOf(word, from);
    return i < 0 ? from : i + word.length;
  }

  grid(g: A.GridNode): void {
    const head = `grid ${g.name.value}${g.type ? ": " + typeRef(g.type) : ""} = `;
    const opts = (g.ordering ? " " + g.ordering : "") + (g.envelope ? " within " + domain(g.envelope) : "");
    const dom = g.domain;
    if (dom.kind === "ColumnDomain" && dom.attributes.length > 0) {
      const lastAttr = dom.attributes[dom.attributes.length - 1]!;
      const open = this.text.lastIndexOf("{", dom.attributes[0]!.loc.start);
      const close = this.closeBraceAfter(lastAttr.loc.end);
      const start = `${head}${dom.product.value}.${dom.column.value}${dom.isKey ? " key" : ""}`;
      if (!this.multiLine(open, close)) {
        return this.lineNode(g.loc, "", [`${start} { ${dom.attributes.map(attribute).join(", ")} }${opts}`]);
      }
      return this.block(
        g.loc.start,
        open,
        close,
        g.loc.end,
        "",
        start,
        () => {
          for (const a of dom.attributes) this.lineNode(a.loc, "  ", [attribute(a)]);
        },
        opts,
      );
    }
    this.lineNode(g.loc, "", [head + domain(dom) + opts]);
  }

  relation(r: A.RelationNode): void {
    const vars = (vs: readonly A.VarBindingNode[]): string => vs.map(varBinding).join(", ");
    const head = `relation ${r.name.value}(${vars(r.from)}) -> (${vars(r.to)}) = `;
    const fan = r.fanout ? " fanout " + expr(r.fanout) : "";
    const s = r.source;
    if (s.kind === "KernelCall") return this.lineNode(r.loc, "", [head + kernelCall(s) + fan]);
    const first = s.columns[0];
    const last = s.columns[s.columns.length - 1];
    if (first === undefined || last === undefined) return this.lineNode(r.loc, "", [head + s.product.value + " {}" + fan]);
    const open = this.text.lastIndexOf("{", first.loc.start);
    const close = this.closeBraceAfter(last.loc.end);
    if (!this.multiLine(open, close)) return this.lineNode(r.loc, "", [`${head}${s.product.value} { ${s.columns.map(attribute).join(", ")} }${fan}`]);
    this.block(
      r.loc.start,
      open,
      close,
      r.loc.end,
      "",
      head + s.product.value,
      () => {
        for (const a of s.columns) this.lineNode(a.loc, "  ", [attribute(a)]);
      },
      fan,
    );
  }

  closeBraceAfter(from: number): number {
    let i = this.nextSignificant(from);
    if (this.text[i] === ",") i = this.nextSignificant(i + 1);
    return i;
  }

  multiLine(open: number, close: number): boolean {
    if (/[\r\n]/.test(this.text.slice(open, close))) return true;
    const c = this.comments[this.cursor];
    return c !== undefined && c.loc.start > open && c.loc.start < close;
  }

  stage(s: A.StageNode): void {
    let header = `stage ${s.name.value}`;
    if (s.vars.length > 0) header += `[${s.vars.map(varBinding).join(", ")}]`;
    if (s.where) header += ` where ${expr(s.where)}`;
    const headerEnd = s.where?.loc.end ?? s.vars[s.vars.length - 1]?.loc.end ?? s.name.loc.end;
    const open = this.nextSignificant(this.text[this.nextSignificant(headerEnd)] === "]" ? this.nextSignificant(headerEnd) + 1 : headerEnd);
    this.block(s.loc.start, open, s.loc.end - 1, s.loc.end, "", header, () => {
      for (const it of s.items) this.lineNode(it.loc, "  ", [stageItem(it)]);
    });
  }
}

// ── pure text of nodes ─────────────────────────────────────────────────────
function str(s: A.StringNode): string {
  return quoteString(s.value);
}

function qname(q: A.QualifiedNameNode): string {
  return q.parts.map((p) => p.value).join(".");
}

function typeRef(t: A.TypeRefNode): string {
  return qname(t.name) + (t.args.length > 0 ? "[" + t.args.map(typeRef).join(", ") + "]" : "");
}

function attribute(a: A.AttributeNode): string {
  return `${a.name.value}${a.type ? ": " + typeRef(a.type) : ""} = ${a.column.value}`;
}

function varBinding(v: A.VarBindingNode): string {
  return v.name.value === v.grid.value ? v.name.value : `${v.name.value}: ${v.grid.value}`;
}

function kernelCall(k: A.KernelCallNode): string {
  return `kernel ${qname(k.kernel)}(${k.args.map((a) => (a.name ? `${a.name.value} = ` : "") + expr(a.value)).join(", ")})`;
}

function domain(d: A.GridDomainNode): string {
  switch (d.kind) {
    case "RangeDomain":
      return expr(d.range);
    case "SetDomain":
      return expr(d.set);
    case "KernelDomain":
      return kernelCall(d.call);
    case "ColumnDomain":
      return `${d.product.value}.${d.column.value}${d.isKey ? " key" : ""}${d.attributes.length > 0 ? " { " + d.attributes.map(attribute).join(", ") + " }" : ""}`;
  }
}

function productRef(r: A.ProductRefNode): string {
  return r.product.value + (r.indices.length > 0 ? "[" + r.indices.map(expr).join(", ") + "]" : "");
}

function gather(g: A.GatherNode): string {
  const clauses = g.clauses.map((c) => {
    const vars = c.vars.length === 1 ? c.vars[0]!.value : "(" + c.vars.map((v) => v.value).join(", ") + ")";
    return `${vars} in ${c.source.value}${c.args ? "(" + c.args.map(expr).join(", ") + ")" : ""}`;
  });
  return `for ${clauses.join(", ")}${g.where ? " where " + expr(g.where) : ""}`;
}

function runArgs(args: readonly A.RunArgNode[]): string {
  return args.map((a) => (a.kind === "String" ? str(a) : `{${a.value}}`)).join(" ");
}

function stageItem(it: A.StageItemNode): string {
  switch (it.kind) {
    case "Label":
      return `label ${str(it.text)}`;
    case "Input":
      return `in ${it.name ? it.name.value + ": " : ""}${productRef(it.ref)}${it.gather ? " " + gather(it.gather) : ""}${it.bestEffort ? " besteffort" : ""}`;
    case "Output":
      return `out ${it.name ? it.name.value + ": " : ""}${productRef(it.ref)}`;
    case "KernelBinding":
      return `kernel ${qname(it.kernel)}`;
    case "Run":
      return `run ${it.shell ? "shell " : ""}${runArgs(it.args)}`;
    case "Version":
      return `version ${runArgs(it.args)}`;
    case "StageParam":
      return `param ${it.name.value} = ${expr(it.value)}`;
    case "Resource":
      return `${it.name.value} ${expr(it.value)}${it.per ? " per " + expr(it.per) : ""}`;
    case "Pack":
      return `pack ${expr(it.value)}`;
    case "Status":
      return `status ${it.word}${it.note ? " " + str(it.note) : ""}`;
  }
}

/** The canonical text of an expression (parentheses as written). */
export function expr(e: A.ExprNode): string {
  switch (e.kind) {
    case "Number":
      return e.raw;
    case "Quantity":
      return e.number.raw + (e.attached ? "" : " ") + e.unit;
    case "String":
      return str(e);
    case "Bool":
      return e.value ? "true" : "false";
    case "Ref":
      return e.name.value;
    case "Member":
      return `${expr(e.object)}.${e.property.value}`;
    case "Call":
      return `${expr(e.callee)}(${e.args.map(expr).join(", ")})`;
    case "Binary":
      return `${expr(e.left)} ${e.op} ${expr(e.right)}`;
    case "Unary":
      return e.op === "not" ? `not ${expr(e.operand)}` : `-${expr(e.operand)}`;
    case "Range":
      return `${expr(e.lo)}..${expr(e.hi)}`;
    case "Set":
      return `{${e.items.map(expr).join(", ")}}`;
    case "Paren":
      return `(${expr(e.expr)})`;
  }
}
