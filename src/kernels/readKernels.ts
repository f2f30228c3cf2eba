/**
 * Reads kernels: every exported function of a kernel module, with its inputs, params and
 * outputs classified against the kernel contract (stdlib/kernel.ts). A function that does not
 * follow the contract is still returned, with `problems` saying why.
 */
import type {
  ArrowFunction,
  FunctionDeclaration,
  FunctionExpression,
  Node,
  ParameterDeclaration,
  SourceFile,
  Symbol as TsSymbol,
  Type,
  TypeNode,
} from "ts-morph";
import { kernelDependencies } from "./kernelClosure.js";
import { docOf, locOf, tagOf, type TsMorph } from "./morphHelpers.js";
import type { LoadedModule } from "./readProductTypes.js";
import type { KernelInfo, ParamInfo, PortInfo, TsLoc } from "./types.js";

type KernelFunction = FunctionDeclaration | ArrowFunction | FunctionExpression;

/** What {@link readKernels} needs besides the modules. */
export interface ReadKernelsOptions {
  /** Names of the product types in the index (ports typed by these have `isProduct`). */
  readonly productTypes: ReadonlySet<string>;
  /** The import closure of a source file (see `importClosure`). */
  readonly closureOf: (file: SourceFile) => readonly string[];
}

const PARAM_KINDS = "int, float, date, string, bool, number or a union of literals";

/** The kernels exported by `modules` (in module order, then export order). */
export function readKernels(tm: TsMorph, modules: readonly LoadedModule[], opts: ReadKernelsOptions): KernelInfo[] {
  const kernels: KernelInfo[] = [];
  for (const mod of modules) {
    for (const [exportName, decls] of mod.file.getExportedDeclarations()) {
      const found = kernelFunctionOf(tm, decls);
      if (found === undefined) continue;
      kernels.push(readKernel(tm, mod, exportName, found.decl, found.fn, opts));
    }
  }
  return kernels;
}

function kernelFunctionOf(tm: TsMorph, decls: readonly Node[]): { decl: Node; fn: KernelFunction } | undefined {
  for (const decl of decls) {
    if (tm.Node.isFunctionDeclaration(decl)) {
      // With overloads, the implementation carries the body; the first overload is what callers see.
      const overloads = decl.getOverloads();
      return { decl, fn: overloads[0] ?? decl };
    }
    if (tm.Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (init !== undefined && (tm.Node.isArrowFunction(init) || tm.Node.isFunctionExpression(init))) return { decl, fn: init };
    }
  }
  return undefined;
}

function readKernel(tm: TsMorph, mod: LoadedModule, exportName: string, decl: Node, fn: KernelFunction, opts: ReadKernelsOptions): KernelInfo {
  const problems: string[] = [];
  const doc = docOf(tm, decl);
  const loc = locOf(tm.Node.isVariableDeclaration(decl) ? (decl.getVariableStatement() ?? decl) : decl);
  const params = fn.getParameters();
  if (params.length > 3) {
    problems.push(`it takes ${params.length} parameters; a kernel takes (inputs, params, ctx)`);
  }

  const [inputsParam, paramsParam, ctxParam] = params;
  const inputs = inputsParam === undefined ? [] : readInputs(tm, inputsParam, fn, opts, problems);
  const kparams = paramsParam === undefined ? [] : readParams(tm, paramsParam, fn, problems);
  if (ctxParam !== undefined) {
    const t = ctxParam.getType().getNonNullableType();
    if (!isContract(t, "KernelContext")) {
      const written = ctxParam.getTypeNode()?.getText() ?? t.getText(fn);
      const lookalike = isUnresolved(t) || typeName(t) === "KernelContext";
      problems.push(
        `its third parameter \`${ctxParam.getName()}\` is ${typeAsWritten(t, written, fn)}, not \`KernelContext\`${lookalike ? ` of the kernel contract${IMPORT_HINT}` : ""}`,
      );
    }
  }

  let ret = fn.getReturnType();
  let isAsync = false;
  if (ret.getSymbol()?.getName() === "Promise") {
    isAsync = true;
    ret = ret.getTypeArguments()[0] ?? ret;
  }
  const retName = typeName(ret);
  let kind: KernelInfo["kind"] = "stage";
  let outputs: PortInfo[] = [];
  if (retName === "GridKeys" && isContract(ret, "GridKeys")) kind = "grid";
  else if (retName === "RelationPairs" && isContract(ret, "RelationPairs")) kind = "relation";
  else if (isObjectOfMembers(ret)) outputs = readOutputs(tm, ret, fn, loc, opts, problems);
  else {
    problems.push(`it returns \`${ret.getText(fn)}\`; a kernel returns an object of outputs, \`GridKeys\` or \`RelationPairs\` (or a Promise of one)`);
  }

  return {
    name: `${mod.info.alias}.${exportName}`,
    module: mod.info.alias,
    exportName,
    kind,
    inputs,
    params: kparams,
    outputs,
    async: isAsync,
    doc: doc.doc,
    importClosure: opts.closureOf(fn.getSourceFile()),
    dependencies: kernelDependencies(tm, decl, opts.closureOf),
    problems,
    loc,
  };
}

/** How to import the kernel contract, said when a kernel's type is not the contract's. */
const IMPORT_HINT = ' (`import type { Handle, KernelContext, GridKeys } from "dflow/kernel"`)';

/** What the kernel contract module exports: a module exporting all of these is the contract, wherever its file lies. */
const CONTRACT_EXPORTS = ["Handle", "KernelContext", "GridKeys", "RelationPairs", "Gather", "KernelError"];

const contractFiles = new WeakMap<SourceFile, boolean>();

/**
 * Whether `t` is the kernel contract's type `name`: named so, and declared by a module that
 * exports the whole contract (stdlib/kernel.ts, the installed package's `dflow/kernel`, or a copy
 * of either reached through a symbolic link). Identity is the name and the declaring module's
 * exports, never the file's path, so two copies of the contract both count.
 */
function isContract(t: Type, name: string): boolean {
  if (typeName(t) !== name) return false;
  const file = (t.getAliasSymbol() ?? t.getSymbol())?.getDeclarations()[0]?.getSourceFile();
  if (file === undefined) return false;
  let known = contractFiles.get(file);
  if (known === undefined) {
    const exported = file.getExportedDeclarations();
    known = CONTRACT_EXPORTS.every((n) => exported.has(n));
    contractFiles.set(file, known);
  }
  return known;
}

/** Whether TypeScript could not resolve `t` (an unresolved import or name: its error type). */
function isUnresolved(t: Type): boolean {
  return t.isAny() && (t.compilerType as { intrinsicName?: string }).intrinsicName === "error";
}

/** A type for a message: as written, said unresolved when TypeScript cannot find it, or with its module when another module declares a type of that name. */
function typeAsWritten(t: Type, written: string, fn: KernelFunction): string {
  if (isUnresolved(t)) return `\`${written}\`, which TypeScript cannot resolve (is it imported, and does its import resolve?)`;
  const file = (t.getAliasSymbol() ?? t.getSymbol())?.getDeclarations()[0]?.getSourceFile();
  const text = t.getText(fn);
  return file !== undefined && file !== fn.getSourceFile() && typeName(t) !== undefined ? `\`${text}\` declared in \`${file.getFilePath()}\`` : `\`${text}\``;
}

/** An object type with named members (not an array, a function or a primitive). */
function isObjectOfMembers(t: Type): boolean {
  return t.isObject() && !t.isArray() && t.getCallSignatures().length === 0 && !t.isUnion();
}

/** The declared name of a type: its alias, else its symbol (`Frame`, `Handle`); `undefined` for anonymous types. */
function typeName(t: Type): string | undefined {
  const alias = t.getAliasSymbol()?.getName();
  if (alias !== undefined) return alias;
  const sym = t.getSymbol()?.getName();
  return sym === undefined || sym.startsWith("__") ? undefined : sym;
}

/** The members of a parameter's type, or a problem when it is not an object. */
function membersOf(param: ParameterDeclaration, fn: KernelFunction, role: "first" | "second", what: string, problems: string[]): TsSymbol[] {
  const t = param.getType().getNonNullableType();
  if (!isObjectOfMembers(t)) {
    problems.push(`its ${role} parameter \`${param.getName()}\` is \`${t.getText(fn)}\`, not an object of ${what}`);
    return [];
  }
  return t.getProperties();
}

/** The declaration of a member and the type written there (without `| undefined` for optional members). */
function memberType(tm: TsMorph, member: TsSymbol, at: Node): { decl: Node | undefined; typeNode: TypeNode | undefined; type: Type } {
  const decl = member.getDeclarations()[0];
  const typeNode = decl !== undefined && tm.Node.isTyped(decl) ? decl.getTypeNode() : undefined;
  const type = typeNode !== undefined ? typeNode.getType() : member.getTypeAtLocation(at).getNonNullableType();
  return { decl, typeNode, type };
}

function readInputs(tm: TsMorph, param: ParameterDeclaration, fn: KernelFunction, opts: ReadKernelsOptions, problems: string[]): PortInfo[] {
  const ports: PortInfo[] = [];
  for (const member of membersOf(param, fn, "first", "inputs", problems)) {
    const name = member.getName();
    const { decl, type } = memberType(tm, member, fn);
    const loc = decl !== undefined ? locOf(decl) : locOf(param);
    const c = classifyInput(type);
    if (c === undefined) {
      const written = isUnresolved(type)
        ? typeAsWritten(type, (decl !== undefined && tm.Node.isTyped(decl) ? decl.getTypeNode()?.getText() : undefined) ?? name, fn)
        : `\`${type.getText(fn)}\``;
      problems.push(
        `input \`${name}\` is ${written}; an input is \`Handle<T>\`, \`readonly Handle<T>[]\`, \`AsyncIterable<Handle<T>>\` or \`Gather<T>\` of a product type \`T\`${isUnresolved(type) || typeName(type) === "Handle" ? IMPORT_HINT : ""}`,
      );
    }
    const elem = c?.element ?? type;
    const tname = typeName(elem) ?? elem.getText(fn);
    ports.push({ name, type: tname, isProduct: opts.productTypes.has(tname), collection: c?.collection ?? "single", optional: member.isOptional(), loc });
  }
  return ports;
}

/** The collection and element type of an input's type, or `undefined` when it is not a handle form. */
function classifyInput(t: Type): { collection: PortInfo["collection"]; element: Type } | undefined {
  if (t.getAliasSymbol()?.getName() === "Gather" && isContract(t, "Gather")) {
    const el = t.getAliasTypeArguments()[0];
    return el === undefined ? undefined : { collection: "gather", element: el };
  }
  const handleArg = (h: Type | undefined): Type | undefined => (h !== undefined && isContract(h, "Handle") ? h.getTypeArguments()[0] : undefined);
  const arrayArg = (a: Type): Type | undefined => (a.isArray() ? handleArg(a.getArrayElementType()) : undefined);
  const streamArg = (s: Type): Type | undefined => (s.getSymbol()?.getName() === "AsyncIterable" ? handleArg(s.getTypeArguments()[0]) : undefined);
  const single = handleArg(t);
  if (single !== undefined) return { collection: "single", element: single };
  const arr = arrayArg(t);
  if (arr !== undefined) return { collection: "array", element: arr };
  const stream = streamArg(t);
  if (stream !== undefined) return { collection: "stream", element: stream };
  // `readonly Handle<T>[] | AsyncIterable<Handle<T>>` written out (or a Gather whose alias was lost).
  if (t.isUnion()) {
    const parts = t.getUnionTypes();
    if (parts.length === 2) {
      const [a, b] = parts as [Type, Type];
      const x = arrayArg(a) ?? arrayArg(b);
      const y = streamArg(a) ?? streamArg(b);
      if (x !== undefined && y !== undefined && x.compilerType === y.compilerType) return { collection: "gather", element: x };
    }
  }
  return undefined;
}

function readParams(tm: TsMorph, param: ParameterDeclaration, fn: KernelFunction, problems: string[]): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const member of membersOf(param, fn, "second", "params", problems)) {
    const name = member.getName();
    const { decl, typeNode, type } = memberType(tm, member, fn);
    const loc = decl !== undefined ? locOf(decl) : locOf(param);
    const ptype = typeNode !== undefined ? paramTypeText(tm, typeNode) : undefined;
    const text = ptype ?? typeNode?.getText() ?? type.getText(fn);
    if (ptype === undefined) problems.push(`param \`${name}\` is \`${text}\`; a param is ${PARAM_KINDS}`);
    const doc = decl !== undefined ? docOf(tm, decl) : { doc: "", tags: [] };
    let info: ParamInfo = { name, type: text, optional: member.isOptional(), doc: doc.doc, loc };
    const unit = tagOf(doc, "unit");
    if (unit !== undefined && unit.text !== "") info = { ...info, unit: unit.text };
    const dflt = tagOf(doc, "default");
    if (dflt !== undefined) {
      const value = parseDefault(dflt.text);
      if (value === undefined) problems.push(`param \`${name}\` has \`@default ${dflt.text}\`, which is not a number, string or boolean`);
      else {
        const why = ptype === undefined ? undefined : defaultMismatch(ptype, value);
        if (why !== undefined) problems.push(`param \`${name}\` has \`@default ${dflt.text}\`, but ${why}`);
        info = { ...info, default: value };
      }
    }
    out.push(info);
  }
  return out;
}

/** The canonical text of a param's type, or `undefined` when it is not a param type. */
function paramTypeText(tm: TsMorph, node: TypeNode): string | undefined {
  if (tm.Node.isParenthesizedTypeNode(node)) return paramTypeText(tm, node.getTypeNode());
  if (tm.Node.isTypeReference(node)) {
    const n = node.getTypeName().getText().split(".").pop() ?? "";
    return n === "int" || n === "float" || n === "date" ? n : undefined;
  }
  const kw = node.getText();
  if (kw === "string" || kw === "number") return kw;
  if (kw === "boolean") return "bool";
  const literals = tm.Node.isUnionTypeNode(node) ? node.getTypeNodes() : [node];
  const texts: string[] = [];
  for (const l of literals) {
    if (!tm.Node.isLiteralTypeNode(l)) return undefined;
    const lit = l.getLiteral();
    if (tm.Node.isStringLiteral(lit) || tm.Node.isNoSubstitutionTemplateLiteral(lit)) texts.push(JSON.stringify(lit.getLiteralValue()));
    else if (tm.Node.isNumericLiteral(lit)) texts.push(String(lit.getLiteralValue()));
    else if (tm.Node.isPrefixUnaryExpression(lit) && lit.getText().startsWith("-")) texts.push(String(Number(lit.getText())));
    else if (lit.getText() === "true" || lit.getText() === "false") texts.push(lit.getText());
    else return undefined;
  }
  return texts.join(" | ");
}

/** `@default` text as JSON, else a bare word as a string. */
function parseDefault(text: string): string | number | boolean | undefined {
  if (text === "") return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined;
  } catch {
    return /^\S+$/.test(text) ? text : undefined;
  }
}

/** Why a default does not fit the param type, if it does not. */
function defaultMismatch(type: string, v: string | number | boolean): string | undefined {
  switch (type) {
    case "int":
      return typeof v === "number" && Number.isInteger(v) ? undefined : "the param is an int";
    case "float":
    case "number":
      return typeof v === "number" ? undefined : `the param is a ${type}`;
    case "date":
      return typeof v === "number" && Number.isInteger(v) && v >= 10000101 && v <= 99991231 ? undefined : "the param is a date (YYYYMMDD)";
    case "string":
      return typeof v === "string" ? undefined : "the param is a string";
    case "bool":
      return typeof v === "boolean" ? undefined : "the param is a bool";
    default: {
      const lit = typeof v === "string" ? JSON.stringify(v) : String(v);
      return type.split(" | ").includes(lit) ? undefined : `the param is one of ${type}`;
    }
  }
}

function readOutputs(tm: TsMorph, ret: Type, fn: KernelFunction, fallback: TsLoc, opts: ReadKernelsOptions, problems: string[]): PortInfo[] {
  const ports: PortInfo[] = [];
  for (const member of ret.getProperties()) {
    const name = member.getName();
    const { decl, type } = memberType(tm, member, fn);
    const loc = decl !== undefined ? locOf(decl) : fallback;
    const tname = typeName(type) ?? type.getText(fn);
    if (tname === "Handle" || type.isArray() || tname === "Gather" || tname === "AsyncIterable") {
      problems.push(`output \`${name}\` is \`${type.getText(fn)}\`; an output is one product value \`T\``);
    }
    ports.push({ name, type: tname, isProduct: opts.productTypes.has(tname), collection: "single", optional: member.isOptional(), loc });
  }
  return ports;
}
