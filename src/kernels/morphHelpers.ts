/**
 * Small helpers over ts-morph nodes shared by the kernel and product-type readers. Only types
 * are imported from ts-morph here: the module itself is loaded by `readKernelIndex` on demand.
 */
import type * as TsMorphModule from "ts-morph";
import type { JSDocTag, Node } from "ts-morph";
import { firstParagraph, squash } from "./dataModelTags.js";
import type { TsLoc } from "./types.js";

/** The ts-morph module, loaded with a dynamic import. */
export type TsMorph = typeof TsMorphModule;

/** A problem found while reading, with its place. */
export interface ReadProblem {
  readonly message: string;
  readonly loc: TsLoc;
}

/** One JSDoc tag: its name, its text on one line, and the tag node (for locations). */
export interface DocTag {
  readonly name: string;
  readonly text: string;
  readonly node: JSDocTag;
}

/** The JSDoc of a node: the first paragraph of its description, and its tags in order. */
export interface DocInfo {
  readonly doc: string;
  readonly tags: readonly DocTag[];
}

/** The location of `node` (from its first token, after comments) as a {@link TsLoc}. */
export function locOf(node: Node): TsLoc {
  const sf = node.getSourceFile();
  const start = node.getStart();
  const { line, column } = sf.getLineAndColumnAtPos(start);
  return { file: sf.getFilePath(), start, end: node.getEnd(), line, column };
}

/**
 * The JSDoc of `node`: the last JSDoc block supplies the description, all blocks supply tags.
 * A variable declaration's JSDoc sits on its statement.
 */
export function docOf(tm: TsMorph, node: Node): DocInfo {
  let host: Node = node;
  if (tm.Node.isVariableDeclaration(node)) {
    const stmt = node.getVariableStatement();
    if (stmt !== undefined) host = stmt;
  }
  if (!tm.Node.isJSDocable(host)) return { doc: "", tags: [] };
  const docs = host.getJsDocs();
  const last = docs[docs.length - 1];
  const tags: DocTag[] = [];
  for (const d of docs) {
    for (const t of d.getTags()) tags.push({ name: t.getTagName(), text: squash(t.getCommentText() ?? ""), node: t });
  }
  return { doc: last === undefined ? "" : firstParagraph(last.getDescription()), tags };
}

/** The first tag named `name`, if any. */
export function tagOf(info: DocInfo, name: string): DocTag | undefined {
  return info.tags.find((t) => t.name === name);
}
