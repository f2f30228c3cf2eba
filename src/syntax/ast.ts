import type { Span } from "../util/Span.js";

/**
 * The dflow AST: plain readonly data. Every node has a `kind` literal and a `loc` span; no
 * classes, no parent pointers. `visitorKeys` lists each kind's child keys in source order
 * and drives generic walking.
 */

/** A name as written, with its span. */
export interface NameNode {
  readonly kind: "Name";
  readonly value: string;
  readonly loc: Span;
}

/** `a.b.c`: a kernel, module or type name. */
export interface QualifiedNameNode {
  readonly kind: "QualifiedName";
  readonly parts: readonly NameNode[];
  readonly loc: Span;
}

/** `int`, `Frame`, `desi.Frame`, `list[int]`. */
export interface TypeRefNode {
  readonly kind: "TypeRef";
  readonly name: QualifiedNameNode;
  readonly args: readonly TypeRefNode[];
  readonly loc: Span;
}

// ── expressions ────────────────────────────────────────────────────────────

/** A number as written (`raw` keeps the spelling, so printing round-trips). */
export interface NumberNode {
  readonly kind: "Number";
  readonly raw: string;
  readonly value: number;
  readonly loc: Span;
}

/** A number with a unit: `10min`, `4GB`, `1e-17 erg/s/cm2/Angstrom`, `250 spectra`. */
export interface QuantityNode {
  readonly kind: "Quantity";
  readonly number: NumberNode;
  /** The unit in canonical spelling (`erg/s/cm2/Angstrom`, `erg/(s cm2 Angstrom)`); parsed by the checker. */
  readonly unit: string;
  readonly unitLoc: Span;
  /** Whether the unit was written right after the number (`10min`) or after a space. */
  readonly attached: boolean;
  readonly loc: Span;
}

/** A double-quoted string; `value` is unescaped. */
export interface StringNode {
  readonly kind: "String";
  readonly value: string;
  readonly loc: Span;
}

/** `true` or `false`. */
export interface BoolNode {
  readonly kind: "Bool";
  readonly value: boolean;
  readonly loc: Span;
}

/** A reference to a name (param, grid, variable, product, or a bare word in a set). */
export interface RefNode {
  readonly kind: "Ref";
  readonly name: NameNode;
  readonly loc: Span;
}

/** `object.property`: an attribute of a grid variable, or a column of a product. */
export interface MemberNode {
  readonly kind: "Member";
  readonly object: ExprNode;
  readonly property: NameNode;
  readonly loc: Span;
}

/** `f(a, b)`: a call of a built-in function. */
export interface CallNode {
  readonly kind: "Call";
  readonly callee: ExprNode;
  readonly args: readonly ExprNode[];
  readonly loc: Span;
}

/** Operators of binary expressions. */
export type BinaryOp = "or" | "and" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%" | "**";

/** `left op right`. */
export interface BinaryNode {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly loc: Span;
}

/** `not x` or `-x`. */
export interface UnaryNode {
  readonly kind: "Unary";
  readonly op: "not" | "-";
  readonly operand: ExprNode;
  readonly loc: Span;
}

/** `lo..hi`, both ends included. */
export interface RangeNode {
  readonly kind: "Range";
  readonly lo: ExprNode;
  readonly hi: ExprNode;
  readonly loc: Span;
}

/** `{b, r, z}`. */
export interface SetNode {
  readonly kind: "Set";
  readonly items: readonly ExprNode[];
  readonly loc: Span;
}

/** `(x)`: kept so that printing reproduces the user's grouping. */
export interface ParenNode {
  readonly kind: "Paren";
  readonly expr: ExprNode;
  readonly loc: Span;
}

/** Any expression. */
export type ExprNode =
  NumberNode | QuantityNode | StringNode | BoolNode | RefNode | MemberNode | CallNode | BinaryNode | UnaryNode | RangeNode | SetNode | ParenNode;

// ── declarations ───────────────────────────────────────────────────────────

/** `pipeline twopct "description"`. */
export interface PipelineNode {
  readonly kind: "Pipeline";
  readonly name: NameNode;
  readonly description: StringNode | undefined;
  readonly loc: Span;
}

/** `import stdlib.calib` or `import "./kernels" as mine`. */
export interface ImportNode {
  readonly kind: "Import";
  readonly module: QualifiedNameNode | StringNode;
  readonly alias: NameNode | undefined;
  readonly loc: Span;
}

/** `param seed: int = 1`. A param without a default must be set from a profile or `--set`. */
export interface ParamNode {
  readonly kind: "Param";
  readonly name: NameNode;
  readonly type: TypeRefNode | undefined;
  readonly value: ExprNode | undefined;
  readonly loc: Span;
}

/** `name = value` inside a profile. */
export interface ProfileEntryNode {
  readonly kind: "ProfileEntry";
  readonly name: NameNode;
  readonly value: ExprNode;
  readonly loc: Span;
}

/** `profile mini default { ntile = 2 }`: param values selected with `--profile`. */
export interface ProfileNode {
  readonly kind: "Profile";
  readonly name: NameNode;
  readonly isDefault: boolean;
  readonly entries: readonly ProfileEntryNode[];
  readonly loc: Span;
}

/** `night = NIGHT` (grid attribute from a column) or `h = HEALPIX` (relation variable from a column). */
export interface AttributeNode {
  readonly kind: "Attribute";
  readonly name: NameNode;
  readonly type: TypeRefNode | undefined;
  readonly column: NameNode;
  readonly loc: Span;
}

/** `kernel survey.pixels(tiles, nside = nside)`: positional args are products, named ones params. */
export interface KernelCallNode {
  readonly kind: "KernelCall";
  readonly kernel: QualifiedNameNode;
  readonly args: readonly ArgumentNode[];
  readonly loc: Span;
}

/** One argument of a kernel call. */
export interface ArgumentNode {
  readonly kind: "Argument";
  readonly name: NameNode | undefined;
  readonly value: ExprNode;
  readonly loc: Span;
}

/** `0..npetal-1`. */
export interface RangeDomainNode {
  readonly kind: "RangeDomain";
  readonly range: RangeNode;
  readonly loc: Span;
}

/** `{b, r, z}`. */
export interface SetDomainNode {
  readonly kind: "SetDomain";
  readonly set: SetNode;
  readonly loc: Span;
}

/** `exposures.EXPID key { night = NIGHT }`: the distinct values of a product's column. */
export interface ColumnDomainNode {
  readonly kind: "ColumnDomain";
  readonly product: NameNode;
  readonly column: NameNode;
  /** The column is a key: its values must be unique. */
  readonly isKey: boolean;
  readonly attributes: readonly AttributeNode[];
  readonly loc: Span;
}

/** `kernel survey.pixels(tiles, nside = nside)`. */
export interface KernelDomainNode {
  readonly kind: "KernelDomain";
  readonly call: KernelCallNode;
  readonly loc: Span;
}

/** The domain of a grid. */
export type GridDomainNode = RangeDomainNode | SetDomainNode | ColumnDomainNode | KernelDomainNode;

/** `grid healpix: int = kernel … nested within 0..49151`. */
export interface GridNode {
  readonly kind: "Grid";
  readonly name: NameNode;
  readonly type: TypeRefNode | undefined;
  readonly domain: GridDomainNode;
  /** HEALPix pixel ordering when the grid holds pixel numbers. */
  readonly ordering: "nested" | "ring" | undefined;
  /** A static superset that bounds a data-dependent grid before anything runs. */
  readonly envelope: GridDomainNode | undefined;
  readonly loc: Span;
}

/** `h: healpix` (or `healpix`, a variable named after its grid). */
export interface VarBindingNode {
  readonly kind: "VarBinding";
  readonly name: NameNode;
  readonly grid: NameNode;
  readonly loc: Span;
}

/** `pixmap { h = HEALPIX, e = EXPID, p = PETAL }`: a relation read from a product's columns. */
export interface ColumnRelationNode {
  readonly kind: "ColumnRelation";
  readonly product: NameNode;
  readonly columns: readonly AttributeNode[];
  readonly loc: Span;
}

/** `relation observes(h: healpix) -> (e: exposure, p: petal) = … fanout 64`. */
export interface RelationNode {
  readonly kind: "Relation";
  readonly name: NameNode;
  readonly from: readonly VarBindingNode[];
  readonly to: readonly VarBindingNode[];
  readonly source: KernelCallNode | ColumnRelationNode;
  readonly fanout: ExprNode | undefined;
  readonly loc: Span;
}

/** One field of a path template: `{exposure.night}`, `{healpix/100}`, `{exposure:08d}`. */
export interface TemplateFieldNode {
  readonly kind: "TemplateField";
  /** `exposure` then `night` for `{exposure.night}`. */
  readonly path: readonly NameNode[];
  /** `100` for `{healpix/100}`. */
  readonly divisor: number | undefined;
  /** `08d` for `{exposure:08d}`. */
  readonly format: string | undefined;
  readonly loc: Span;
}

/** Literal text of a path template (braces unescaped). */
export interface TemplateTextNode {
  readonly kind: "TemplateText";
  readonly text: string;
  readonly loc: Span;
}

/** A product's path template, parsed into text and fields. */
export interface PathTemplateNode {
  readonly kind: "PathTemplate";
  readonly raw: StringNode;
  readonly parts: readonly (TemplateTextNode | TemplateFieldNode)[];
  readonly loc: Span;
}

/** `product frame[exposure, camera, petal] : Frame at "…"`. */
export interface ProductNode {
  readonly kind: "Product";
  readonly name: NameNode;
  readonly axes: readonly NameNode[];
  readonly type: TypeRefNode;
  readonly path: PathTemplateNode | undefined;
  readonly loc: Span;
}

/** `frame[e, c, p]`. */
export interface ProductRefNode {
  readonly kind: "ProductRef";
  readonly product: NameNode;
  readonly indices: readonly ExprNode[];
  readonly loc: Span;
}

/** `e in exposure`, `(e, p) in observes(h)`. */
export interface GatherClauseNode {
  readonly kind: "GatherClause";
  readonly vars: readonly NameNode[];
  readonly source: NameNode;
  /** Arguments when the source is a relation applied to the stage's variables. */
  readonly args: readonly ExprNode[] | undefined;
  readonly loc: Span;
}

/** `for e in exposure where e.night == n`. */
export interface GatherNode {
  readonly kind: "Gather";
  readonly clauses: readonly GatherClauseNode[];
  readonly where: ExprNode | undefined;
  readonly loc: Span;
}

/** `in flats: frame[e, c, p] for … besteffort`. */
export interface InputNode {
  readonly kind: "Input";
  readonly name: NameNode | undefined;
  readonly ref: ProductRefNode;
  readonly gather: GatherNode | undefined;
  /** The task runs with a fallback when this input's producer failed (Slurm `afterany`). */
  readonly bestEffort: boolean;
  readonly loc: Span;
}

/** `out fiberflat[n, c, p]`. */
export interface OutputNode {
  readonly kind: "Output";
  readonly name: NameNode | undefined;
  readonly ref: ProductRefNode;
  readonly loc: Span;
}

/** `kernel calib.fiberflat`. */
export interface KernelBindingNode {
  readonly kind: "KernelBinding";
  readonly kernel: QualifiedNameNode;
  readonly loc: Span;
}

/** One argument of `run`: a string as written, or `{NAME}` (a port, param or grid variable). */
export type RunArgNode = StringNode | NameNode;

/** `run "prog" "--in" {flats}` (argv, no shell) or `run shell "SCRIPT" {a}` (`/bin/sh -c`, placeholders as `$1`…). */
export interface RunNode {
  readonly kind: "Run";
  readonly shell: boolean;
  readonly args: readonly RunArgNode[];
  readonly loc: Span;
}

/** `version "prog" "--version"`: the command whose output identifies the program a stage runs. */
export interface VersionNode {
  readonly kind: "Version";
  readonly args: readonly RunArgNode[];
  readonly loc: Span;
}

/** `param nsig = 5` inside a stage: a kernel parameter. */
export interface StageParamNode {
  readonly kind: "StageParam";
  readonly name: NameNode;
  readonly value: ExprNode;
  readonly loc: Span;
}

/** `cores 32`, `memory 4GB`, `time 10min per 250 spectra`. */
export interface ResourceNode {
  readonly kind: "Resource";
  readonly name: NameNode;
  readonly value: ExprNode;
  /** The cost model's scale: `250 spectra` in `time 10min per 250 spectra`. */
  readonly per: ExprNode | undefined;
  readonly loc: Span;
}

/** `pack 16` (tasks per job) or `pack 30min` (target job length). */
export interface PackNode {
  readonly kind: "Pack";
  readonly value: ExprNode;
  readonly loc: Span;
}

/** The three status words of the seed's sheet. */
export type StatusWord = "done" | "ready" | "refactoring";

/** `status refactoring "for scaling"`. */
export interface StatusNode {
  readonly kind: "Status";
  readonly word: StatusWord;
  readonly wordLoc: Span;
  readonly note: StringNode | undefined;
  readonly loc: Span;
}

/** `label "pipeline-fiberflat"`: the name `dflow table` shows. */
export interface LabelNode {
  readonly kind: "Label";
  readonly text: StringNode;
  readonly loc: Span;
}

/** Anything inside a stage's braces, in source order. */
export type StageItemNode =
  LabelNode | InputNode | OutputNode | KernelBindingNode | RunNode | VersionNode | StageParamNode | ResourceNode | PackNode | StatusNode;

/** `stage sky[e: exposure, c: camera, p: petal] where e.flavor == "science" { … }`. */
export interface StageNode {
  readonly kind: "Stage";
  readonly name: NameNode;
  readonly vars: readonly VarBindingNode[];
  readonly where: ExprNode | undefined;
  readonly items: readonly StageItemNode[];
  readonly loc: Span;
}

/** A top-level declaration. */
export type DeclNode = ImportNode | ParamNode | ProfileNode | GridNode | RelationNode | ProductNode | StageNode;

/** A whole `.dflow` file. */
export interface ProgramNode {
  readonly kind: "Program";
  readonly pipeline: PipelineNode | undefined;
  readonly decls: readonly DeclNode[];
  readonly loc: Span;
}

/** Any node. */
export type Node =
  | NameNode
  | QualifiedNameNode
  | TypeRefNode
  | ExprNode
  | PipelineNode
  | DeclNode
  | ProfileEntryNode
  | AttributeNode
  | KernelCallNode
  | ArgumentNode
  | GridDomainNode
  | VarBindingNode
  | ColumnRelationNode
  | TemplateFieldNode
  | TemplateTextNode
  | PathTemplateNode
  | ProductRefNode
  | GatherClauseNode
  | GatherNode
  | StageItemNode
  | ProgramNode;

/** Each kind's child keys, in source order: drives {@link forEachChild} and span checks. */
export const visitorKeys: { readonly [K in Node["kind"]]: readonly string[] } = {
  Name: [],
  QualifiedName: ["parts"],
  TypeRef: ["name", "args"],
  Number: [],
  Quantity: ["number"],
  String: [],
  Bool: [],
  Ref: ["name"],
  Member: ["object", "property"],
  Call: ["callee", "args"],
  Binary: ["left", "right"],
  Unary: ["operand"],
  Range: ["lo", "hi"],
  Set: ["items"],
  Paren: ["expr"],
  Pipeline: ["name", "description"],
  Import: ["module", "alias"],
  Param: ["name", "type", "value"],
  ProfileEntry: ["name", "value"],
  Profile: ["name", "entries"],
  Attribute: ["name", "type", "column"],
  KernelCall: ["kernel", "args"],
  Argument: ["name", "value"],
  RangeDomain: ["range"],
  SetDomain: ["set"],
  ColumnDomain: ["product", "column", "attributes"],
  KernelDomain: ["call"],
  Grid: ["name", "type", "domain", "envelope"],
  VarBinding: ["name", "grid"],
  ColumnRelation: ["product", "columns"],
  Relation: ["name", "from", "to", "source", "fanout"],
  TemplateField: ["path"],
  TemplateText: [],
  PathTemplate: ["raw", "parts"],
  Product: ["name", "axes", "type", "path"],
  ProductRef: ["product", "indices"],
  GatherClause: ["vars", "source", "args"],
  Gather: ["clauses", "where"],
  Input: ["name", "ref", "gather"],
  Output: ["name", "ref"],
  KernelBinding: ["kernel"],
  Run: ["args"],
  Version: ["args"],
  StageParam: ["name", "value"],
  Resource: ["name", "value", "per"],
  Pack: ["value"],
  Status: ["note"],
  Label: ["text"],
  Stage: ["name", "vars", "where", "items"],
  Program: ["pipeline", "decls"],
};

/** Calls `fn` on each direct child node of `node`, in source order. */
export function forEachChild(node: Node, fn: (child: Node) => void): void {
  const rec = node as unknown as Record<string, unknown>;
  for (const key of visitorKeys[node.kind]) {
    const v = rec[key];
    if (Array.isArray(v)) for (const c of v) fn(c as Node);
    else if (v !== undefined && v !== null && typeof v === "object") fn(v as Node);
  }
}

/** Calls `fn` on `node` and every node below it, depth first, in source order. */
export function walk(node: Node, fn: (n: Node) => void): void {
  fn(node);
  forEachChild(node, (c) => walk(c, fn));
}
