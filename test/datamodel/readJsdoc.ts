/**
 * A small reader of the data model's JSDoc for tests: finds exported interfaces and their
 * members with regular expressions, without ts-morph, so the lint below checks the tags the
 * way a human reads them and independently of the checker's reader.
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

/** An exported interface of a source file. */
export interface Interface {
  readonly file: string;
  readonly name: string;
  readonly doc: Doc | undefined;
  readonly members: readonly Member[];
}

/** Parses the inside of a `/** … *\/` comment. */
export function parseDoc(comment: string): Doc {
  const lines = comment
    .split("\n")
    .map((line) => line.replace(/^\s*\*? ?/, "").trimEnd());
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

const INTERFACE = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export interface (\w+)(?:<[^>{]*>)?\s*\{\n([\s\S]*?)\n\}/g;
const MEMBER = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?^( *)(readonly )?(\w+)\??: ([^;]+);/gm;

/** The exported interfaces of one TypeScript source, in source order. */
export function readInterfaces(source: string, file: string): Interface[] {
  const out: Interface[] = [];
  for (const m of source.matchAll(INTERFACE)) {
    const body = m[3] ?? "";
    const members: Member[] = [];
    for (const mm of body.matchAll(MEMBER)) {
      members.push({
        name: mm[4] ?? "",
        type: (mm[5] ?? "").replace(/\s+/g, " ").trim(),
        readonly: mm[3] !== undefined,
        doc: mm[1] === undefined ? undefined : parseDoc(mm[1]),
      });
    }
    out.push({
      file,
      name: m[2] ?? "",
      doc: m[1] === undefined ? undefined : parseDoc(m[1]),
      members,
    });
  }
  return out;
}

/** The tags of `doc` called `name`. */
export function tagsNamed(doc: Doc | undefined, name: string): Tag[] {
  return (doc?.tags ?? []).filter((t) => t.name === name);
}
