/**
 * Reads product types: exported interfaces tagged `@format`, parsed per docs/datamodel.md.
 * Malformed tags become problems; what is well formed is still returned. Interfaces may extend
 * other interfaces (in any file or module): see {@link readProductTypes} for the member order.
 */
import type { InterfaceDeclaration, PropertySignature, SourceFile } from "ts-morph";
import { compactType, DTYPE_LIST, expectedTsTypes, parseColumnTag, parseDims, parseDtype, parseHeaderTag, squash } from "./dataModelTags.js";
import { interfaceMembers } from "./interfaceMembers.js";
import { docOf, locOf, tagOf, type DocInfo, type ReadProblem, type TsMorph } from "./morphHelpers.js";
import type { ColumnInfo, HduInfo, HeaderKeyInfo, ModuleInfo, ProductTypeInfo } from "./types.js";

/** A module with its parsed entry file. */
export interface LoadedModule {
  readonly info: ModuleInfo;
  readonly file: SourceFile;
}

/** Product types (in module order, then export order) and the problems in their tags. */
export interface ProductTypesResult {
  readonly types: readonly ProductTypeInfo[];
  readonly problems: readonly ReadProblem[];
}

const FORMATS: ReadonlySet<string> = new Set(["fits", "ecsv", "json", "html"]);

/**
 * Every exported interface with a `@format` tag reachable from each module's entry
 * (re-exports followed). The same declaration reached from two modules is read once, under
 * the first module; two different declarations with one name keep the first and report the
 * second.
 *
 * The members of an interface (HDUs, columns, JSON fields) follow `extends`, `Pick` and `Omit`
 * as {@link interfaceMembers} says.
 */
export function readProductTypes(tm: TsMorph, modules: readonly LoadedModule[]): ProductTypesResult {
  const problems: ReadProblem[] = [];
  const types: ProductTypeInfo[] = [];
  const byName = new Map<string, InterfaceDeclaration>();
  const tables = new Map<InterfaceDeclaration, readonly ColumnInfo[]>();
  const problem = (message: string, node: Parameters<typeof locOf>[0]): void => {
    problems.push({ message, loc: locOf(node) });
  };
  const membersOf = interfaceMembers(tm, problem);

  const readColumn = (member: PropertySignature, owner: string, doc: DocInfo): ColumnInfo | undefined => {
    const tag = tagOf(doc, "column");
    const name = member.getName();
    if (tag === undefined) {
      problem(`Member \`${name}\` of \`${owner}\` has no \`@column\` tag; every member of a table is a column (\`@column ${name} dtype [unit]\`).`, member);
      return undefined;
    }
    const parsed = parseColumnTag(tag.text);
    if (!parsed.ok) {
      problem(`Column \`${name}\` of \`${owner}\`: ${parsed.error}.`, tag.node);
      return undefined;
    }
    const c = parsed.value;
    if (c.name !== name)
      problem(`Column tag \`@column ${c.name}\` is on member \`${name}\` of \`${owner}\`; the member name must equal the column name.`, tag.node);
    checkTsType(member, owner, c.dtype, "column");
    const base = { name, dtype: c.dtype, dims: c.dims, doc: doc.doc, loc: locOf(member), ...(member.hasQuestionToken() ? { optional: true } : {}) };
    return c.unit === undefined ? base : { ...base, unit: c.unit };
  };

  const checkTsType = (member: PropertySignature, owner: string, dtype: ColumnInfo["dtype"], kind: "image" | "column"): void => {
    const expected = expectedTsTypes(dtype, kind);
    const typeNode = member.getTypeNode();
    if (typeNode === undefined || expected.length === 0) return;
    const found = compactType(typeNode.getText());
    if (!expected.includes(found)) {
      const what = kind === "image" ? "image HDU" : "column";
      problem(
        `The ${what} \`${member.getName()}\` of \`${owner}\` has dtype ${dtype} but TypeScript type \`${squash(typeNode.getText())}\`; in memory, dtype ${dtype} is \`${expected[0] ?? ""}\`.`,
        typeNode,
      );
    }
  };

  const readTable = (iface: InterfaceDeclaration): readonly ColumnInfo[] => {
    const known = tables.get(iface);
    if (known !== undefined) return known;
    const cols: ColumnInfo[] = [];
    for (const m of membersOf(iface)) {
      const doc = docOf(tm, m);
      // `header` is the table HDU's own header (declared by `@header` on the HDU member), not a column.
      if (m.getName() === "header" && tagOf(doc, "column") === undefined) continue;
      const c = readColumn(m, iface.getName(), doc);
      if (c !== undefined) cols.push(c);
    }
    tables.set(iface, cols);
    return cols;
  };

  const tableOf = (member: PropertySignature): InterfaceDeclaration | undefined => {
    const typeNode = member.getTypeNode();
    const type = typeNode !== undefined ? typeNode.getType() : member.getType().getNonNullableType();
    for (const d of type.getSymbol()?.getDeclarations() ?? []) {
      if (tm.Node.isInterfaceDeclaration(d) && tagOf(docOf(tm, d), "table") !== undefined) return d;
    }
    return undefined;
  };

  const readKeys = (doc: DocInfo, tagName: "header" | "meta", owner: string): HeaderKeyInfo[] => {
    const keys: HeaderKeyInfo[] = [];
    for (const t of doc.tags) {
      if (t.name !== tagName) continue;
      const parsed = parseHeaderTag(t.text);
      if (parsed.ok) keys.push(parsed.value);
      else problem(`\`@${tagName}\` of \`${owner}\`: ${parsed.error}.`, t.node);
    }
    return keys;
  };

  const readFits = (iface: InterfaceDeclaration): HduInfo[] => {
    const owner = iface.getName();
    const hdus: HduInfo[] = [];
    const extnames = new Set<string>();
    for (const m of membersOf(iface)) {
      const name = m.getName();
      const doc = docOf(tm, m);
      const hduTag = tagOf(doc, "hdu");
      if (hduTag === undefined) {
        if (name !== "header")
          problem(`Member \`${name}\` of FITS product \`${owner}\` has no \`@hdu\` tag; every member but \`header\` is an HDU (\`@hdu EXTNAME\`).`, m);
        continue;
      }
      const extname = hduTag.text.split(" ")[0] ?? "";
      if (extname === "") {
        problem(`\`@hdu\` on \`${owner}.${name}\` names no EXTNAME.`, hduTag.node);
        continue;
      }
      if (extnames.has(extname)) problem(`\`${owner}\` has two HDUs named \`${extname}\`.`, hduTag.node);
      extnames.add(extname);
      const dtypeTag = tagOf(doc, "dtype");
      const table = dtypeTag === undefined ? tableOf(m) : undefined;
      const loc = locOf(m);
      const keys = readKeys(doc, "header", `${owner}.${name}`);
      if (table !== undefined) {
        const base = { name: extname, member: name, kind: "table" as const, tableType: table.getName(), columns: readTable(table), doc: doc.doc, loc };
        hdus.push(keys.length > 0 ? { ...base, header: keys } : base);
        continue;
      }
      if (keys.length > 0)
        problem(
          `\`@header\` on the image HDU \`${extname}\` of \`${owner}\`: only a table HDU declares its own keywords; put an image's keywords on the product (they go to the primary header).`,
          m,
        );
      if (dtypeTag === undefined) {
        problem(`The image HDU \`${extname}\` of \`${owner}\` has no \`@dtype\` (or its type is not a \`@table\` interface).`, m);
        continue;
      }
      const dtype = parseDtype(dtypeTag.text);
      if (dtype === undefined || dtype.startsWith("str")) {
        const why = dtype === undefined ? `unknown dtype \`${dtypeTag.text}\` (expected one of ${DTYPE_LIST})` : `an image cannot hold strings`;
        problem(`The image HDU \`${extname}\` of \`${owner}\`: ${why}.`, dtypeTag.node);
        continue;
      }
      checkTsType(m, owner, dtype, "image");
      let hdu: HduInfo = { name: extname, member: name, kind: "image", dtype, doc: doc.doc, loc };
      const dimsTag = tagOf(doc, "dims");
      if (dimsTag !== undefined) {
        const dims = parseDims(dimsTag.text);
        if (dims.ok) hdu = { ...hdu, dims: dims.value };
        else problem(`\`@dims\` of \`${owner}.${name}\`: ${dims.error}.`, dimsTag.node);
      }
      const unitTag = tagOf(doc, "unit");
      if (unitTag !== undefined && unitTag.text !== "") hdu = { ...hdu, unit: unitTag.text };
      hdus.push(hdu);
    }
    return hdus;
  };

  const readEcsv = (iface: InterfaceDeclaration): ColumnInfo[] => {
    const cols: ColumnInfo[] = [];
    for (const m of membersOf(iface)) {
      const doc = docOf(tm, m);
      if (m.getName() === "meta" && tagOf(doc, "column") === undefined) continue;
      const c = readColumn(m, iface.getName(), doc);
      if (c !== undefined) cols.push(c);
    }
    return cols;
  };

  for (const mod of modules) {
    for (const [, decls] of mod.file.getExportedDeclarations()) {
      for (const decl of decls) {
        if (!tm.Node.isInterfaceDeclaration(decl)) continue;
        const doc = docOf(tm, decl);
        const formatTag = tagOf(doc, "format");
        if (formatTag === undefined) continue;
        const name = decl.getName();
        const prev = byName.get(name);
        if (prev === decl) continue;
        if (prev !== undefined) {
          const p = locOf(prev);
          problem(`Product type \`${name}\` is declared twice; the one in \`${p.file}\` line ${p.line} is used.`, decl);
          continue;
        }
        const format = formatTag.text;
        if (!FORMATS.has(format)) {
          problem(`\`@format ${format}\` on \`${name}\` is not a storage format (expected fits, ecsv, json or html).`, formatTag.node);
          continue;
        }
        byName.set(name, decl);
        types.push({
          name,
          module: mod.info.alias,
          format: format as ProductTypeInfo["format"],
          doc: doc.doc,
          header: readKeys(doc, "header", name),
          hdus: format === "fits" ? readFits(decl) : [],
          columns: format === "ecsv" ? readEcsv(decl) : [],
          meta: format === "ecsv" ? readKeys(doc, "meta", name) : [],
          fields: format === "json" || format === "html" ? readFields(decl, format, membersOf, problem) : [],
          loc: locOf(decl),
        });
      }
    }
  }
  return { types, problems };
}

/** The fields of a JSON product (every member), or of an HTML product (its one member, the document: a string). */
function readFields(
  iface: InterfaceDeclaration,
  format: "json" | "html",
  membersOf: ReturnType<typeof interfaceMembers>,
  problem: (message: string, node: InterfaceDeclaration) => void,
): { name: string; tsType: string }[] {
  const fields = membersOf(iface).map((m) => ({ name: m.getName(), tsType: squash(m.getTypeNode()?.getText() ?? m.getType().getText(m)) }));
  if (format === "html" && (fields.length !== 1 || fields[0]?.tsType !== "string")) {
    const found = fields.length === 0 ? "none" : fields.map((f) => `\`${f.name}: ${f.tsType}\``).join(", ");
    problem(`HTML product \`${iface.getName()}\` must have one member, the document as a \`string\` (found ${found}).`, iface);
  }
  return fields;
}
