/**
 * A small reader of the data model's JSDoc for tests: finds interfaces and their members with
 * regular expressions, without ts-morph, so the lint below checks the tags the way a human
 * reads them and independently of the checker's reader. {@link composeMembers} applies
 * `extends` (interfaces, `Pick`, `Omit`) by name, with the rules of docs/datamodel.md.
 */

/** One `@tag rest-of-line` of a JSDoc comment. */
export interface Tag {
  readonly name: string;
  readonly text: string;
}

/** A parsed JSDoc comment: the prose before the first tag, then the tags in order. */
export interface Doc {
  readonly summary: string;
  readonly tags: readonly Tag[];
}

/** A member of an interface: its name, TypeScript type text and JSDoc (absent if none). */
export interface Member {
  readonly name: string;
  readonly type: string;
  readonly readonly: boolean;
  readonly doc: Doc | undefined;
}

/** One entry of an `extends` list: an interface, or `Pick`/`Omit` of one with literal keys. */
export interface Heritage {
  readonly kind: "interface" | "pick" | "omit";
  readonly name: string;
  readonly keys: readonly string[];
  /** The entry as written, for messages. */
  readonly text: string;
}

/** An interface of a source file, with its own members (see {@link composeMembers}). */
export interface Interface {
  readonly file: string;
  readonly name: string;
  readonly exported: boolean;
  readonly doc: Doc | undefined;
  readonly extends: readonly Heritage[];
  readonly members: readonly Member[];
}

/** Parses the inside of a `/** … *\/` comment. */
export function parseDoc(comment: string): Doc {
  const lines = comment.split("\n").map((line) => line.replace(/^\s*\*? ?/, "").trimEnd());
  const prose: string[] = [];
  const tags: Tag[] = [];
  for (const line of lines) {
    const tag = /^@(\w+)\s*(.*)$/.exec(line);
    if (tag) tags.push({ name: tag[1] ?? "", text: (tag[2] ?? "").trim() });
    else if (tags.length === 0) prose.push(line);
    // Prose after the first tag would continue that tag; the data model never does that.
    else if (line !== "") tags.push({ name: "", text: line });
  }
  return { summary: prose.join(" ").replace(/\s+/g, " ").trim(), tags };
}

const INTERFACE =
  /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?(?:^\/\/[^\n]*\n)*^(export )?interface (\w+)(?:<[^>{]*>)?(?:\s+extends\s+([^{]*?))?\s*\{(?:\}|\n([\s\S]*?)\n\})/gm;
const MEMBER = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?^( *)(readonly )?(\w+)\??: ([^;]+);/gm;

/** Splits `A, Pick<B, "x" | "y">, C` at the commas outside angle brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "<") depth++;
    if (ch === ">") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => p !== "");
}

/** Parses one `extends` entry; `undefined` for what is neither an interface name nor Pick/Omit of one. */
export function parseHeritage(text: string): Heritage | undefined {
  if (/^\w+$/.test(text)) return { kind: "interface", name: text, keys: [], text };
  const m = /^(Pick|Omit)<\s*(\w+)\s*,\s*\|?\s*((?:"\w+"\s*\|?\s*)+)>$/.exec(text);
  if (!m) return undefined;
  const keys = [...(m[3] ?? "").matchAll(/"(\w+)"/g)].map((k) => k[1] ?? "");
  return { kind: m[1] === "Pick" ? "pick" : "omit", name: m[2] ?? "", keys, text };
}

/** The interfaces of one TypeScript source, exported or not, in source order. */
export function readInterfaces(source: string, file: string): Interface[] {
  const out: Interface[] = [];
  for (const m of source.matchAll(INTERFACE)) {
    const body = m[5] ?? "";
    const members: Member[] = [];
    for (const mm of body.matchAll(MEMBER)) {
      members.push({
        name: mm[4] ?? "",
        type: (mm[5] ?? "").replace(/\s+/g, " ").trim(),
        readonly: mm[3] !== undefined,
        doc: mm[1] === undefined ? undefined : parseDoc(mm[1]),
      });
    }
    const heritage = splitTopLevel(m[4] ?? "").map((t) => parseHeritage(t) ?? { kind: "interface" as const, name: "", keys: [], text: t });
    out.push({
      file,
      name: m[3] ?? "",
      exported: m[2] !== undefined,
      doc: m[1] === undefined ? undefined : parseDoc(m[1]),
      extends: heritage,
      members,
    });
  }
  return out;
}

/** The tags of `doc` called `name`. */
export function tagsNamed(doc: Doc | undefined, name: string): Tag[] {
  return (doc?.tags ?? []).filter((t) => t.name === name);
}

/**
 * Each interface with its members composed: those of its `extends` entries in order (an
 * interface's composed members; `Pick`: the named ones in the order written; `Omit`: the others
 * in the base's order), then its own; an own member that a base has replaces it in place.
 * Problems (an unknown base, a key the base lacks, a member two bases declare differently, a
 * cycle) are returned as messages.
 */
export function composeMembers(all: readonly Interface[]): { byName: Map<string, Member[]>; problems: string[] } {
  const byName = new Map<string, Member[]>();
  const problems: string[] = [];
  const decls = new Map(all.map((i) => [i.name, i] as const));
  const compose = (itf: Interface, stack: readonly string[]): Member[] => {
    const known = byName.get(itf.name);
    if (known !== undefined) return known;
    const list: Member[] = [];
    const put = (m: Member, replace: boolean): void => {
      const i = list.findIndex((x) => x.name === m.name);
      if (i < 0) list.push(m);
      else if (replace) list[i] = m;
      else if (list[i] !== m) problems.push(`${itf.name}: member ${m.name} comes from two bases`);
    };
    for (const h of itf.extends) {
      const base = decls.get(h.name);
      if (h.name === "" || base === undefined) {
        problems.push(`${itf.name}: extends \`${h.text}\`, not an interface of the data model or Pick/Omit of one`);
        continue;
      }
      if (stack.includes(base.name)) {
        problems.push(`${itf.name}: extends ${base.name} in a cycle`);
        continue;
      }
      const from = compose(base, [...stack, itf.name]);
      for (const k of h.keys) if (!from.some((m) => m.name === k)) problems.push(`${itf.name}: ${h.text} names ${k}, which ${base.name} does not have`);
      const picked =
        h.kind === "interface"
          ? from
          : h.kind === "omit"
            ? from.filter((m) => !h.keys.includes(m.name))
            : h.keys.flatMap((k) => from.filter((m) => m.name === k));
      for (const m of picked) put(m, false);
    }
    for (const m of itf.members) put(m, true);
    byName.set(itf.name, list);
    return list;
  };
  for (const itf of all) compose(itf, []);
  return { byName, problems };
}
