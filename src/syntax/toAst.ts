import type { CstNode, IToken } from "chevrotain";
import type * as C from "./cst.generated.js";
import type * as A from "./ast.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { Span } from "../util/Span.js";
import { parsePathTemplate } from "./parsePathTemplate.js";
import { unescapeString } from "./strings.js";

/**
 * The typed CST → AST visitor: the only code that knows CST shapes. It tolerates the partial
 * nodes left by error recovery (missing children become empty names with zero-width spans),
 * and reports the few syntax errors that the grammar leaves to it (status words, path
 * templates, grid domains, the pipeline header).
 */
export function toAst(cst: C.ProgramCstNode, fileId: number, textLength: number): { ast: A.ProgramNode; diagnostics: Diagnostic[] } {
  const b = new Builder(fileId);
  const ast = b.program(cst, textLength);
  return { ast, diagnostics: b.diagnostics };
}

const PREC = { or: 1, and: 2, not: 3, compare: 4, add: 5, mul: 6, neg: 7, power: 8 } as const;
const BINARY_PREC: Record<A.BinaryOp, number> = {
  or: PREC.or,
  and: PREC.and,
  "==": PREC.compare,
  "!=": PREC.compare,
  "<": PREC.compare,
  "<=": PREC.compare,
  ">": PREC.compare,
  ">=": PREC.compare,
  "+": PREC.add,
  "-": PREC.add,
  "*": PREC.mul,
  "/": PREC.mul,
  "%": PREC.mul,
  "**": PREC.power,
};

const STATUS_WORDS: readonly A.StatusWord[] = ["done", "ready", "refactoring"];

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: number) {}

  // ── spans ────────────────────────────────────────────────────────────────
  tokSpan(t: IToken): Span {
    return { file: this.file, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
  }
  nodeSpan(n: CstNode): Span {
    const l = n.location;
    const start = l !== undefined && Number.isFinite(l.startOffset) ? l.startOffset : 0;
    const endOff = l?.endOffset;
    const end = endOff !== undefined && Number.isFinite(endOff) ? endOff + 1 : start;
    return { file: this.file, start, end: Math.max(start, end) };
  }
  join(a: Span, b: Span): Span {
    return { file: this.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
  }
  empty(at: Span): Span {
    return { file: this.file, start: at.start, end: at.start };
  }

  name(t: IToken | undefined, fallback: Span): A.NameNode {
    if (t === undefined || t.isInsertedInRecovery === true) return { kind: "Name", value: "", loc: this.empty(fallback) };
    return { kind: "Name", value: t.image, loc: this.tokSpan(t) };
  }
  string(t: IToken): A.StringNode {
    return { kind: "String", value: unescapeString(t.image), loc: this.tokSpan(t) };
  }

  // ── declarations ─────────────────────────────────────────────────────────
  program(n: C.ProgramCstNode, textLength: number): A.ProgramNode {
    const loc: Span = { file: this.file, start: 0, end: textLength };
    const headers: A.PipelineNode[] = [];
    const decls: A.DeclNode[] = [];
    for (const p of n.children.pipelineDecl ?? []) headers.push(this.pipelineDecl(p));
    for (const d of n.children.declaration ?? []) {
      const c = d.children;
      if (c.pipelineDecl?.[0] !== undefined) {
        const h = this.pipelineDecl(c.pipelineDecl[0]);
        if (headers.length === 0) {
          this.diagnostics.push(
            diag("DF1010", "The `pipeline` header must come first in the file.", h.loc, {
              label: "move this line to the top",
              help: "start the file with `pipeline NAME`, before any other declaration",
            }),
          );
        }
        headers.push(h);
        continue;
      }
      const decl = this.declaration(d);
      if (decl !== undefined) decls.push(decl);
    }
    const pipeline = headers[0];
    for (const extra of headers.slice(1)) {
      this.diagnostics.push(
        diag("DF1012", `This file already declares pipeline \`${pipeline?.name.value ?? ""}\`.`, extra.loc, {
          label: "second pipeline header",
          secondary: pipeline !== undefined ? [{ span: pipeline.loc, message: "first declared here" }] : [],
        }),
      );
    }
    if (headers.length === 0) {
      const at = decls[0]?.loc ?? { file: this.file, start: 0, end: 0 };
      this.diagnostics.push(
        diag("DF1010", "This file declares no pipeline: it must start with `pipeline NAME`.", this.empty(at), {
          help: 'add a first line such as `pipeline twopct "DESI 2% sprint"`',
        }),
      );
    }
    return { kind: "Program", pipeline, decls, loc };
  }

  pipelineDecl(n: C.PipelineDeclCstNode): A.PipelineNode {
    const loc = this.nodeSpan(n);
    const s = n.children.StringLiteral?.[0];
    return { kind: "Pipeline", name: this.name(n.children.Identifier?.[0], loc), description: s ? this.string(s) : undefined, loc };
  }

  declaration(n: C.DeclarationCstNode): A.DeclNode | undefined {
    const c = n.children;
    if (c.importDecl?.[0]) return this.importDecl(c.importDecl[0]);
    if (c.paramDecl?.[0]) return this.paramDecl(c.paramDecl[0]);
    if (c.profileDecl?.[0]) return this.profileDecl(c.profileDecl[0]);
    if (c.gridDecl?.[0]) return this.gridDecl(c.gridDecl[0]);
    if (c.relationDecl?.[0]) return this.relationDecl(c.relationDecl[0]);
    if (c.productDecl?.[0]) return this.productDecl(c.productDecl[0]);
    if (c.stageDecl?.[0]) return this.stageDecl(c.stageDecl[0]);
    return undefined;
  }

  importDecl(n: C.ImportDeclCstNode): A.ImportNode {
    const loc = this.nodeSpan(n);
    const q = n.children.qualifiedName?.[0];
    const s = n.children.StringLiteral?.[0];
    const module: A.QualifiedNameNode | A.StringNode = q
      ? this.qualifiedName(q)
      : s
        ? this.string(s)
        : { kind: "QualifiedName", parts: [], loc: this.empty(loc) };
    const alias = n.children.As?.[0] ? this.name(n.children.Identifier?.[0], loc) : undefined;
    return { kind: "Import", module, alias, loc };
  }

  paramDecl(n: C.ParamDeclCstNode): A.ParamNode {
    const loc = this.nodeSpan(n);
    const t = n.children.typeRef?.[0];
    const e = n.children.expression?.[0];
    return {
      kind: "Param",
      name: this.name(n.children.Identifier?.[0], loc),
      type: t ? this.typeRef(t) : undefined,
      value: e ? this.expression(e) : undefined,
      loc,
    };
  }

  typeRef(n: C.TypeRefCstNode): A.TypeRefNode {
    const loc = this.nodeSpan(n);
    const q = n.children.qualifiedName?.[0];
    return {
      kind: "TypeRef",
      name: q ? this.qualifiedName(q) : { kind: "QualifiedName", parts: [], loc: this.empty(loc) },
      args: (n.children.typeRef ?? []).map((t) => this.typeRef(t)),
      loc,
    };
  }

  profileDecl(n: C.ProfileDeclCstNode): A.ProfileNode {
    const loc = this.nodeSpan(n);
    return {
      kind: "Profile",
      name: this.name(n.children.Identifier?.[0], loc),
      isDefault: (n.children.Default?.length ?? 0) > 0,
      entries: (n.children.profileEntry ?? []).map((e) => {
        const l = this.nodeSpan(e);
        const v = e.children.expression?.[0];
        return { kind: "ProfileEntry", name: this.name(e.children.Identifier?.[0], l), value: v ? this.expression(v) : this.missingExpr(l), loc: l };
      }),
      loc,
    };
  }

  gridDecl(n: C.GridDeclCstNode): A.GridNode {
    const loc = this.nodeSpan(n);
    const t = n.children.typeRef?.[0];
    const d = n.children.gridDomain?.[0];
    let ordering: "nested" | "ring" | undefined;
    let envelope: A.GridDomainNode | undefined;
    for (const o of n.children.gridOption ?? []) {
      const oc = o.children;
      if (oc.Nested) ordering = "nested";
      else if (oc.Ring) ordering = "ring";
      else if (oc.Within) {
        const k = oc.kernelCall?.[0];
        const e = oc.expression?.[0];
        if (k) envelope = { kind: "KernelDomain", call: this.kernelCall(k), loc: this.nodeSpan(k) };
        else if (e) envelope = this.domainFromExpr(this.expression(e), false, [], this.nodeSpan(o));
      }
    }
    return {
      kind: "Grid",
      name: this.name(n.children.Identifier?.[0], loc),
      type: t ? this.typeRef(t) : undefined,
      domain: d ? this.gridDomain(d) : { kind: "SetDomain", set: { kind: "Set", items: [], loc: this.empty(loc) }, loc: this.empty(loc) },
      ordering,
      envelope,
      loc,
    };
  }

  gridDomain(n: C.GridDomainCstNode): A.GridDomainNode {
    const loc = this.nodeSpan(n);
    const k = n.children.kernelCall?.[0];
    if (k) return { kind: "KernelDomain", call: this.kernelCall(k), loc };
    const e = n.children.expression?.[0];
    const expr = e ? this.expression(e) : this.missingExpr(loc);
    const attrs = (n.children.attributeBlock?.[0]?.children.attributeEntry ?? []).map((a) => this.attributeEntry(a));
    return this.domainFromExpr(expr, (n.children.Key?.length ?? 0) > 0, attrs, loc);
  }

  /** Classifies an expression as a grid domain; anything else is DF1009. */
  domainFromExpr(expr: A.ExprNode, isKey: boolean, attributes: readonly A.AttributeNode[], loc: Span): A.GridDomainNode {
    const inner = expr.kind === "Paren" ? expr.expr : expr;
    if (inner.kind === "Member" && inner.object.kind === "Ref") {
      return { kind: "ColumnDomain", product: inner.object.name, column: inner.property, isKey, attributes, loc };
    }
    if ((isKey || attributes.length > 0) && inner.kind !== "Member") {
      this.diagnostics.push(
        diag("DF1009", "Only a product column can be a `key` or carry attributes.", inner.loc, {
          label: "not a column",
          help: "write the domain as `product.COLUMN key { attr = COLUMN }`",
        }),
      );
    }
    if (inner.kind === "Range") return { kind: "RangeDomain", range: inner, loc };
    if (inner.kind === "Set") return { kind: "SetDomain", set: inner, loc };
    this.diagnostics.push(
      diag("DF1009", "A grid's domain must be a range `lo..hi`, a set `{a, b}`, a column `product.COLUMN` or a `kernel` call.", inner.loc, {
        label: "not a grid domain",
        help: inner.kind === "Call" ? "a grid computed by code is written `kernel module.function(args)`" : "for a single value write a set: `{value}`",
      }),
    );
    return { kind: "SetDomain", set: { kind: "Set", items: [inner], loc: inner.loc }, loc };
  }

  attributeEntry(n: C.AttributeEntryCstNode): A.AttributeNode {
    const loc = this.nodeSpan(n);
    const ids = n.children.Identifier ?? [];
    const t = n.children.typeRef?.[0];
    return {
      kind: "Attribute",
      name: this.name(ids[0], loc),
      type: t ? this.typeRef(t) : undefined,
      column: this.name(ids[1], { ...loc, start: loc.end }),
      loc,
    };
  }

  kernelCall(n: C.KernelCallCstNode): A.KernelCallNode {
    const loc = this.nodeSpan(n);
    const q = n.children.qualifiedName?.[0];
    return {
      kind: "KernelCall",
      kernel: q ? this.qualifiedName(q) : { kind: "QualifiedName", parts: [], loc: this.empty(loc) },
      args: (n.children.argument ?? []).map((a) => {
        const l = this.nodeSpan(a);
        const id = a.children.Identifier?.[0];
        const e = a.children.expression?.[0];
        return { kind: "Argument", name: id ? this.name(id, l) : undefined, value: e ? this.expression(e) : this.missingExpr(l), loc: l };
      }),
      loc,
    };
  }

  relationDecl(n: C.RelationDeclCstNode): A.RelationNode {
    const loc = this.nodeSpan(n);
    const arrow = n.children.Arrow?.[0]?.startOffset ?? Number.POSITIVE_INFINITY;
    const vars = (n.children.varBinding ?? []).map((v) => this.varBinding(v));
    const src = n.children.relationSource?.[0];
    let source: A.KernelCallNode | A.ColumnRelationNode;
    if (src?.children.kernelCall?.[0]) source = this.kernelCall(src.children.kernelCall[0]);
    else {
      const sl = src ? this.nodeSpan(src) : this.empty(loc);
      source = {
        kind: "ColumnRelation",
        product: this.name(src?.children.Identifier?.[0], sl),
        columns: (src?.children.attributeBlock?.[0]?.children.attributeEntry ?? []).map((a) => this.attributeEntry(a)),
        loc: sl,
      };
    }
    const f = n.children.expression?.[0];
    return {
      kind: "Relation",
      name: this.name(n.children.Identifier?.[0], loc),
      from: vars.filter((v) => v.loc.start < arrow),
      to: vars.filter((v) => v.loc.start >= arrow),
      source,
      fanout: f ? this.expression(f) : undefined,
      loc,
    };
  }

  varBinding(n: C.VarBindingCstNode): A.VarBindingNode {
    const loc = this.nodeSpan(n);
    const ids = n.children.Identifier ?? [];
    const name = this.name(ids[0], loc);
    return { kind: "VarBinding", name, grid: ids.length > 1 ? this.name(ids[1], loc) : name, loc };
  }

  productDecl(n: C.ProductDeclCstNode): A.ProductNode {
    const loc = this.nodeSpan(n);
    const ids = n.children.Identifier ?? [];
    const t = n.children.typeRef?.[0];
    const s = n.children.StringLiteral?.[0];
    let path: A.PathTemplateNode | undefined;
    if (s !== undefined && s.isInsertedInRecovery !== true) {
      const r = parsePathTemplate(this.string(s), s.image);
      path = r.node;
      this.diagnostics.push(...r.diagnostics);
    }
    return {
      kind: "Product",
      name: this.name(ids[0], loc),
      axes: ids.slice(1).map((i) => this.name(i, loc)),
      type: t ? this.typeRef(t) : { kind: "TypeRef", name: { kind: "QualifiedName", parts: [], loc: this.empty(loc) }, args: [], loc: this.empty(loc) },
      path,
      loc,
    };
  }

  stageDecl(n: C.StageDeclCstNode): A.StageNode {
    const loc = this.nodeSpan(n);
    const w = n.children.expression?.[0];
    return {
      kind: "Stage",
      name: this.name(n.children.Identifier?.[0], loc),
      vars: (n.children.varBinding ?? []).map((v) => this.varBinding(v)),
      where: w ? this.expression(w) : undefined,
      items: (n.children.stageItem ?? []).map((i) => this.stageItem(i)).filter((i): i is A.StageItemNode => i !== undefined),
      loc,
    };
  }

  stageItem(n: C.StageItemCstNode): A.StageItemNode | undefined {
    const c = n.children;
    const item =
      c.labelItem?.[0] ??
      c.inputItem?.[0] ??
      c.outputItem?.[0] ??
      c.kernelItem?.[0] ??
      c.runItem?.[0] ??
      c.versionItem?.[0] ??
      c.stageParamItem?.[0] ??
      c.packItem?.[0] ??
      c.statusItem?.[0] ??
      c.resourceItem?.[0];
    if (item === undefined) return undefined;
    const loc = this.nodeSpan(item);
    switch (item.name) {
      case "labelItem": {
        const s = item.children.StringLiteral?.[0];
        return { kind: "Label", text: s ? this.string(s) : { kind: "String", value: "", loc: this.empty(loc) }, loc };
      }
      case "inputItem": {
        const ic = item.children;
        const io = this.ioBinding(ic.ioBinding?.[0], loc);
        const g = ic.gather?.[0];
        return { kind: "Input", name: io.name, ref: io.ref, gather: g ? this.gather(g) : undefined, bestEffort: (ic.Besteffort?.length ?? 0) > 0, loc };
      }
      case "outputItem": {
        const io = this.ioBinding(item.children.ioBinding?.[0], loc);
        return { kind: "Output", name: io.name, ref: io.ref, loc };
      }
      case "kernelItem": {
        const q = item.children.qualifiedName?.[0];
        return { kind: "KernelBinding", kernel: q ? this.qualifiedName(q) : { kind: "QualifiedName", parts: [], loc: this.empty(loc) }, loc };
      }
      case "runItem":
        return { kind: "Run", shell: (item.children.Shell?.length ?? 0) > 0, args: this.runArgs(item.children.runArgument), loc };
      case "versionItem":
        return { kind: "Version", args: this.runArgs(item.children.runArgument), loc };
      case "stageParamItem": {
        const pc = item.children;
        const e = pc.expression?.[0];
        return { kind: "StageParam", name: this.name(pc.Identifier?.[0], loc), value: e ? this.expression(e) : this.missingExpr(loc), loc };
      }
      case "packItem": {
        const e = item.children.expression?.[0];
        return { kind: "Pack", value: e ? this.expression(e) : this.missingExpr(loc), loc };
      }
      case "statusItem": {
        const sc = item.children;
        const w = sc.Identifier?.[0];
        const s = sc.StringLiteral?.[0];
        const wordLoc = w ? this.tokSpan(w) : this.empty(loc);
        let word: A.StatusWord = "ready";
        if (w !== undefined && w.isInsertedInRecovery !== true) {
          if ((STATUS_WORDS as readonly string[]).includes(w.image)) word = w.image as A.StatusWord;
          else {
            this.diagnostics.push(
              diag("DF1006", `\`${w.image}\` is not a status: a status is \`done\`, \`ready\` or \`refactoring\`.`, wordLoc, {
                label: "unknown status",
                help: 'put free text in a note after the word: `status refactoring "streamlining as fastframe"`',
              }),
            );
          }
        }
        return { kind: "Status", word, wordLoc, note: s ? this.string(s) : undefined, loc };
      }
      case "resourceItem": {
        const rc = item.children;
        const es = rc.expression ?? [];
        return {
          kind: "Resource",
          name: this.name(rc.Identifier?.[0], loc),
          value: es[0] ? this.expression(es[0]) : this.missingExpr(loc),
          per: es[1] ? this.expression(es[1]) : undefined,
          loc,
        };
      }
      default:
        return undefined;
    }
  }

  runArgs(args: readonly C.RunArgumentCstNode[] | undefined): A.RunArgNode[] {
    return (args ?? []).map((a): A.RunArgNode => {
      const s = a.children.StringLiteral?.[0];
      return s ? this.string(s) : this.name(a.children.Identifier?.[0], this.nodeSpan(a));
    });
  }

  ioBinding(n: C.IoBindingCstNode | undefined, outer: Span): { name: A.NameNode | undefined; ref: A.ProductRefNode } {
    const loc = n ? this.nodeSpan(n) : this.empty(outer);
    const id = n?.children.Identifier?.[0];
    const r = n?.children.productRef?.[0];
    const rl = r ? this.nodeSpan(r) : this.empty(loc);
    const ref: A.ProductRefNode = {
      kind: "ProductRef",
      product: this.name(r?.children.Identifier?.[0], rl),
      indices: (r?.children.expression ?? []).map((e) => this.expression(e)),
      loc: rl,
    };
    return { name: id ? this.name(id, loc) : undefined, ref };
  }

  gather(n: C.GatherCstNode): A.GatherNode {
    const loc = this.nodeSpan(n);
    const w = n.children.expression?.[0];
    return {
      kind: "Gather",
      clauses: (n.children.gatherClause ?? []).map((g) => {
        const l = this.nodeSpan(g);
        const ids = g.children.Identifier ?? [];
        const source = ids[ids.length - 1];
        const hasArgs =
          (g.children.LParen?.length ?? 0) > 0 && (g.children.LParen?.[g.children.LParen.length - 1]?.startOffset ?? 0) > (source?.startOffset ?? 0);
        return {
          kind: "GatherClause",
          vars: ids.slice(0, -1).map((i) => this.name(i, l)),
          source: this.name(source, l),
          args: hasArgs ? (g.children.expression ?? []).map((e) => this.expression(e)) : undefined,
          loc: l,
        };
      }),
      where: w ? this.expression(w) : undefined,
      loc,
    };
  }

  qualifiedName(n: C.QualifiedNameCstNode): A.QualifiedNameNode {
    const loc = this.nodeSpan(n);
    return { kind: "QualifiedName", parts: (n.children.Identifier ?? []).map((t) => this.name(t, loc)), loc };
  }

  // ── expressions ──────────────────────────────────────────────────────────
  missingExpr(at: Span): A.ExprNode {
    return { kind: "Ref", name: { kind: "Name", value: "", loc: this.empty(at) }, loc: this.empty(at) };
  }

  expression(n: C.ExpressionCstNode): A.ExprNode {
    const loc = this.nodeSpan(n);
    const parts = (n.children.operation ?? []).map((o) => this.operation(o));
    const lo = parts[0] ?? this.missingExpr(loc);
    if (n.children.DotDot?.[0] === undefined) return lo;
    return { kind: "Range", lo, hi: parts[1] ?? this.missingExpr({ ...loc, start: loc.end }), loc };
  }

  /**
   * Builds the operator tree of a flat `operand (op operand)*` sequence by precedence
   * climbing (the grammar stays flat so the parser builds few nodes). Precedence, loosest
   * first: `or`, `and`, `not`, comparisons, `+ -`, `* / %`, unary `-`, `**` (right-associative).
   */
  operation(n: C.OperationCstNode): A.ExprNode {
    const loc = this.nodeSpan(n);
    const operands = (n.children.prefixed ?? []).map((p) => ({
      prefixes: [...(p.children.Not ?? []), ...(p.children.Minus ?? [])].sort((x, y) => x.startOffset - y.startOffset),
      value: p.children.postfix?.[0] ? this.postfix(p.children.postfix[0]) : this.missingExpr(this.nodeSpan(p)),
    }));
    const ops = (n.children.binaryOperator ?? []).map((b) => {
      const t = Object.values(b.children).flat()[0];
      return (t?.image ?? "+") as A.BinaryOp;
    });
    if (operands.length === 0) return this.missingExpr(loc);
    let pos = 0;
    let pre = 0;
    const prefix = (): A.ExprNode => {
      const cur = operands[pos]!;
      if (pre < cur.prefixes.length) {
        const t = cur.prefixes[pre++]!;
        const op = t.image === "not" ? "not" : "-";
        const operand = climb(op === "not" ? PREC.compare : PREC.power);
        return { kind: "Unary", op, operand, loc: this.join(this.tokSpan(t), operand.loc) };
      }
      pos++;
      pre = 0;
      return cur.value;
    };
    const climb = (min: number): A.ExprNode => {
      let left = prefix();
      while (pos - 1 < ops.length && pos < operands.length) {
        const op = ops[pos - 1]!;
        const prec = BINARY_PREC[op];
        if (prec < min) break;
        const right = climb(op === "**" ? prec : prec + 1);
        left = { kind: "Binary", op, left, right, loc: this.join(left.loc, right.loc) };
      }
      return left;
    };
    return climb(0);
  }

  postfix(n: C.PostfixCstNode): A.ExprNode {
    const loc = this.nodeSpan(n);
    const c = n.children;
    const p = c.primary?.[0];
    let acc = p ? this.primary(p) : this.missingExpr(loc);
    type Ev = { at: number; kind: "dot"; id: IToken | undefined } | { at: number; kind: "call"; open: IToken; close: IToken | undefined };
    const events: Ev[] = [];
    const ids = [...(c.Identifier ?? [])];
    for (const d of c.Dot ?? []) {
      const id = ids.find((t) => t.startOffset > d.startOffset);
      events.push({ at: d.startOffset, kind: "dot", id });
    }
    const closes = c.RParen ?? [];
    (c.LParen ?? []).forEach((open, i) => events.push({ at: open.startOffset, kind: "call", open, close: closes[i] }));
    events.sort((a, b) => a.at - b.at);
    const args = (c.expression ?? []).map((e) => ({ e, at: this.nodeSpan(e).start }));
    for (const ev of events) {
      if (ev.kind === "dot") {
        const property = this.name(ev.id, { file: this.file, start: ev.at + 1, end: ev.at + 1 });
        acc = {
          kind: "Member",
          object: acc,
          property,
          loc: this.join(acc.loc, property.loc.end > property.loc.start ? property.loc : { file: this.file, start: ev.at, end: ev.at + 1 }),
        };
      } else {
        const end = ev.close ? ev.close.startOffset : Number.POSITIVE_INFINITY;
        const inside = args.filter((a) => a.at > ev.open.startOffset && a.at < end).map((a) => this.expression(a.e));
        const closeSpan = ev.close && ev.close.isInsertedInRecovery !== true ? this.tokSpan(ev.close) : this.tokSpan(ev.open);
        acc = { kind: "Call", callee: acc, args: inside, loc: this.join(acc.loc, closeSpan) };
      }
    }
    return acc;
  }

  primary(n: C.PrimaryCstNode): A.ExprNode {
    const loc = this.nodeSpan(n);
    const c = n.children;
    const num = c.NumberLiteral?.[0];
    if (num !== undefined) {
      const number: A.NumberNode = { kind: "Number", raw: num.image, value: Number(num.image), loc: this.tokSpan(num) };
      const u = c.unit?.[0];
      if (u === undefined) return number;
      const unitLoc = this.nodeSpan(u);
      return { kind: "Quantity", number, unit: this.unitText(u), unitLoc, attached: unitLoc.start === number.loc.end, loc: this.join(number.loc, unitLoc) };
    }
    const s = c.StringLiteral?.[0];
    if (s !== undefined) return this.string(s);
    if (c.True?.[0] !== undefined) return { kind: "Bool", value: true, loc };
    if (c.False?.[0] !== undefined) return { kind: "Bool", value: false, loc };
    const id = c.Identifier?.[0];
    if (id !== undefined) {
      const name = this.name(id, loc);
      return { kind: "Ref", name, loc: name.loc };
    }
    const e = c.expression?.[0];
    if (c.LParen?.[0] !== undefined) return { kind: "Paren", expr: e ? this.expression(e) : this.missingExpr(loc), loc };
    const set = c.setLiteral?.[0];
    if (set !== undefined) return { kind: "Set", items: (set.children.expression ?? []).map((x) => this.expression(x)), loc };
    return this.missingExpr(loc);
  }

  /** The canonical spelling of a unit: no spaces around `/` and `*`, one space between juxtaposed factors. */
  unitText(n: C.UnitCstNode): string {
    const c = n.children;
    const items: { at: number; text: string }[] = [];
    for (const f of c.unitFactor ?? []) items.push({ at: this.nodeSpan(f).start, text: this.unitFactorText(f) });
    for (const t of c.Slash ?? []) items.push({ at: t.startOffset, text: "/" });
    for (const t of c.Star ?? []) items.push({ at: t.startOffset, text: "*" });
    return items
      .sort((a, b) => a.at - b.at)
      .map((i) => i.text)
      .join("");
  }

  unitFactorText(n: C.UnitFactorCstNode): string {
    const c = n.children;
    if (c.LParen?.[0] === undefined) return c.Identifier?.[0]?.image ?? "";
    const items: { at: number; text: string; op: boolean }[] = [];
    for (const f of c.unitFactor ?? []) items.push({ at: this.nodeSpan(f).start, text: this.unitFactorText(f), op: false });
    for (const t of c.Slash ?? []) items.push({ at: t.startOffset, text: "/", op: true });
    for (const t of c.Star ?? []) items.push({ at: t.startOffset, text: "*", op: true });
    items.sort((a, b) => a.at - b.at);
    let out = "";
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (i > 0 && !it.op && !items[i - 1]!.op) out += " ";
      out += it.text;
    }
    return "(" + out + ")";
  }
}
