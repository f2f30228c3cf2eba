/**
 * The data-model lint of the tests: checks the tags of docs/datamodel.md on interfaces read by
 * `readJsdoc.ts`, and returns one message per problem (`File.Member: what is wrong`).
 */
import { composeMembers, readInterfaces, tagsNamed, type Interface, type Member } from "./readJsdoc.js";

/** The tags docs/datamodel.md defines; any other tag in the data model is a typo. */
export const TAGS = new Set(["format", "header", "hdu", "dtype", "dims", "unit", "table", "column", "meta"]);

/** Element types of docs/datamodel.md and the TypeScript type a column of each has. */
const COLUMN_TS: Readonly<Record<string, string>> = {
  bool: "Uint8Array",
  u8: "Uint8Array",
  i16: "Int16Array",
  i32: "Int32Array",
  i64: "BigInt64Array",
  u16: "Uint16Array",
  u32: "Uint32Array",
  u64: "BigUint64Array",
  f32: "Float32Array",
  f64: "Float64Array",
};

/** Whether `d` is a string element type: `str` or `strN`. */
function isStr(d: string): boolean {
  return /^str(?:[1-9]\d*)?$/.test(d);
}

/** Whether `d` is an element type of the vocabulary. */
export function isDtype(d: string): boolean {
  return isStr(d) || d in COLUMN_TS;
}

/** The TypeScript member types allowed for a column of element type `d`. */
export function columnTypes(d: string): string[] {
  if (isStr(d)) return ["string[]", "readonly string[]"];
  const t = COLUMN_TS[d];
  return t === undefined ? [] : [t];
}

/** The TypeScript member type of an image HDU of element type `d` (no images of strings or bool). */
export function imageType(d: string): string | undefined {
  if (isStr(d) || d === "bool") return undefined;
  const t = COLUMN_TS[d];
  return t === undefined ? undefined : `Image<${t}>`;
}

/** Parses `[a, b=11, c]`; returns the problems with it. */
export function checkDims(text: string, needSizes: boolean): string[] {
  const m = /^\[(.*)\]$/.exec(text);
  if (!m) return [`dims \`${text}\` are not of the form [a, b=N, …]`];
  const parts = (m[1] ?? "").split(",").map((p) => p.trim());
  const problems: string[] = [];
  const names = new Set<string>();
  for (const p of parts) {
    const d = /^([a-z][a-z0-9_]*)(?:=([1-9]\d*))?$/.exec(p);
    if (!d) {
      problems.push(`dim \`${p}\` is not \`name\` or \`name=N\``);
      continue;
    }
    if (names.has(d[1] ?? "")) problems.push(`dim \`${d[1]}\` appears twice`);
    names.add(d[1] ?? "");
    if (needSizes && d[2] === undefined) problems.push(`array column dim \`${p}\` needs a fixed size (\`${p}=N\`)`);
  }
  return problems;
}

/** Checks one `@column` tag against its member. */
function checkColumn(where: string, member: Member): string[] {
  const cols = tagsNamed(member.doc, "column");
  if (cols.length !== 1) return [`${where}: has ${cols.length} @column tags, expected 1`];
  const m = /^(\S+)\s+([a-z0-9]+)(\[[^\]]*\])?(?:\s+(.+))?$/.exec(cols[0]?.text ?? "");
  if (!m) return [`${where}: @column \`${cols[0]?.text}\` is not \`NAME D[dims] [unit]\``];
  const [, name = "", dtype = "", dims, unit] = m;
  const problems: string[] = [];
  if (name !== member.name) problems.push(`${where}: @column names \`${name}\` but the member is \`${member.name}\``);
  if (!isDtype(dtype)) problems.push(`${where}: element type \`${dtype}\` is not in the vocabulary`);
  else if (!columnTypes(dtype).includes(member.type)) {
    problems.push(`${where}: a \`${dtype}\` column must be ${columnTypes(dtype).join(" or ")}, found \`${member.type}\``);
  }
  if (dims !== undefined) problems.push(...checkDims(dims, true).map((p) => `${where}: ${p}`));
  if (unit !== undefined && /\s-\s/.test(unit)) problems.push(`${where}: unit \`${unit}\` looks like it holds a description`);
  return problems;
}

/** Checks `@header` or `@meta` keyword tags. */
function checkKeywords(where: string, tags: readonly { text: string }[], tag: string): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const t of tags) {
    const m = /^(\S+)\s+(\S+)(?:\s+(?!-\s)(\S+))?(?:\s+-\s+(.+))?$/.exec(t.text);
    if (!m) {
      problems.push(`${where}: @${tag} \`${t.text}\` is not \`KEY type [unit] [- text]\``);
      continue;
    }
    const [, key = "", type = ""] = m;
    if (!/^[A-Z0-9_-]{1,8}$/.test(key)) problems.push(`${where}: @${tag} key \`${key}\` is not a FITS keyword`);
    if (!["int", "float", "str", "bool"].includes(type)) problems.push(`${where}: @${tag} ${key} has type \`${type}\`, expected int, float, str or bool`);
    if (keys.has(key)) problems.push(`${where}: @${tag} ${key} appears twice`);
    keys.add(key);
  }
  return problems;
}

/**
 * Lints every interface of the given sources (file name → text). Tables and ECSV products are
 * checked with their composed members (`extends` applied); each column is checked once, in the
 * interface that declares it (a table, or an interface a table or ECSV product extends).
 */
export function lintDataModel(sources: ReadonlyMap<string, string>): string[] {
  const all: Interface[] = [];
  for (const [file, text] of sources) all.push(...readInterfaces(text, file));
  const tables = new Set(all.filter((i) => tagsNamed(i.doc, "table").length > 0).map((i) => i.name));
  const composed = composeMembers(all);
  const problems: string[] = [...composed.problems];
  const byName = new Map(all.map((i) => [i.name, i] as const));
  const columnSets = new Set<string>();
  const addBases = (itf: Interface): void => {
    for (const h of itf.extends) {
      const base = byName.get(h.name);
      if (base === undefined || columnSets.has(base.name)) continue;
      columnSets.add(base.name);
      addBases(base);
    }
  };
  for (const itf of all) if (tables.has(itf.name) || tagsNamed(itf.doc, "format")[0]?.text === "ecsv") addBases(itf);

  for (const itf of all) {
    const at = itf.name;
    if (!itf.doc || itf.doc.summary === "") problems.push(`${at}: no JSDoc summary`);
    for (const t of itf.doc?.tags ?? []) if (!TAGS.has(t.name)) problems.push(`${at}: unknown tag @${t.name}`);
    for (const mem of itf.members) {
      const where = `${at}.${mem.name}`;
      if (!mem.doc || mem.doc.summary === "") problems.push(`${where}: no JSDoc summary`);
      else if (!/[.)]$/.test(mem.doc.summary)) problems.push(`${where}: summary is not a sentence`);
      if (!mem.readonly) problems.push(`${where}: not readonly`);
      for (const t of mem.doc?.tags ?? []) if (!TAGS.has(t.name)) problems.push(`${where}: unknown tag @${t.name}`);
    }

    const formats = tagsNamed(itf.doc, "format");
    const isTable = tables.has(itf.name);
    if (formats.length > 1) problems.push(`${at}: more than one @format`);
    if (formats.length === 1 && isTable) problems.push(`${at}: both @format and @table`);
    const format = formats[0]?.text;
    if (format !== undefined && !["fits", "ecsv", "json", "html"].includes(format)) problems.push(`${at}: @format \`${format}\``);
    problems.push(...checkKeywords(at, tagsNamed(itf.doc, "header"), "header"));
    problems.push(...checkKeywords(at, tagsNamed(itf.doc, "meta"), "meta"));
    if (tagsNamed(itf.doc, "header").length > 0 && format !== "fits") problems.push(`${at}: @header outside a FITS product`);
    if (tagsNamed(itf.doc, "meta").length > 0 && format !== "ecsv") problems.push(`${at}: @meta outside an ECSV product`);

    if (isTable || (format === undefined && columnSets.has(at))) {
      for (const mem of itf.members) {
        // A table's own header (declared by `@header` on the HDU member that holds the table).
        if (mem.name === "header" && tagsNamed(mem.doc, "column").length === 0) {
          if (mem.type !== "Header") problems.push(`${at}.header: must be \`Header\`, found \`${mem.type}\``);
          continue;
        }
        problems.push(...checkColumn(`${at}.${mem.name}`, mem));
      }
    } else if (format === "ecsv") {
      for (const mem of itf.members) {
        if (mem.name === "meta") {
          if (mem.type !== "Header") problems.push(`${at}.meta: must be \`Header\`, found \`${mem.type}\``);
          continue;
        }
        problems.push(...checkColumn(`${at}.${mem.name}`, mem));
      }
    } else if (format === "html") {
      if (itf.members.length !== 1 || itf.members[0]?.type !== "string") problems.push(`${at}: an HTML product has one member, the document (\`string\`)`);
    } else if (format === "fits") {
      problems.push(...lintFits({ ...itf, members: composed.byName.get(at) ?? itf.members }, tables));
    }
  }
  return problems;
}

/** Checks the members of a FITS product: the header, then one HDU per member. */
function lintFits(itf: Interface, tables: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const header = itf.members.find((m) => m.name === "header");
  if (!header) problems.push(`${itf.name}: a FITS product needs \`header: Header\``);
  else if (header.type !== "Header") problems.push(`${itf.name}.header: must be \`Header\`, found \`${header.type}\``);
  const extnames = new Set<string>();
  for (const mem of itf.members) {
    if (mem.name === "header") continue;
    const where = `${itf.name}.${mem.name}`;
    const hdus = tagsNamed(mem.doc, "hdu");
    if (hdus.length !== 1) {
      problems.push(`${where}: has ${hdus.length} @hdu tags, expected 1`);
      continue;
    }
    const ext = hdus[0]?.text ?? "";
    if (!/^[A-Z][A-Z0-9_]*$/.test(ext)) problems.push(`${where}: EXTNAME \`${ext}\` is not an upper-case name`);
    // House convention: kernels write `frame.FLUX`, so the member is named after its EXTNAME.
    if (ext !== mem.name) problems.push(`${where}: @hdu ${ext} differs from the member name`);
    if (extnames.has(ext)) problems.push(`${where}: EXTNAME ${ext} appears twice`);
    extnames.add(ext);
    for (const t of tagsNamed(mem.doc, "column")) problems.push(`${where}: @column ${t.text} on an HDU member`);

    const dtypes = tagsNamed(mem.doc, "dtype");
    const dims = tagsNamed(mem.doc, "dims");
    const units = tagsNamed(mem.doc, "unit");
    const keys = tagsNamed(mem.doc, "header");
    if (tables.has(mem.type)) {
      if (dtypes.length + dims.length + units.length > 0) problems.push(`${where}: a table HDU takes no @dtype, @dims or @unit`);
      problems.push(...checkKeywords(where, keys, "header"));
      continue;
    }
    if (keys.length > 0) problems.push(`${where}: @header on an image HDU (only a table HDU declares its own keywords)`);
    if (!/^Image<\w+>$/.test(mem.type)) {
      problems.push(`${where}: type \`${mem.type}\` is neither Image<…> nor a @table interface`);
      continue;
    }
    if (dtypes.length !== 1) problems.push(`${where}: an image HDU needs one @dtype`);
    if (dims.length !== 1) problems.push(`${where}: an image HDU needs one @dims`);
    if (units.length > 1) problems.push(`${where}: more than one @unit`);
    const dtype = dtypes[0]?.text;
    if (dtype !== undefined) {
      const want = imageType(dtype);
      if (want === undefined) problems.push(`${where}: \`${dtype}\` is not an image element type`);
      else if (want !== mem.type) problems.push(`${where}: a \`${dtype}\` image must be \`${want}\`, found \`${mem.type}\``);
    }
    const d = dims[0]?.text;
    if (d !== undefined) problems.push(...checkDims(d, false).map((p) => `${where}: ${p}`));
    if (units[0] !== undefined && units[0].text === "") problems.push(`${where}: empty @unit`);
  }
  return problems;
}
