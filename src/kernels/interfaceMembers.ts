/**
 * The members of an interface as the data model reads them: `extends` followed (interfaces in
 * any file or module, and `Pick`/`Omit` of one), in an order that does not depend on TypeScript's
 * own (which lists an interface's own members first). docs/datamodel.md, "Shared members".
 */
import type { ExpressionWithTypeArguments, InterfaceDeclaration, Node, PropertySignature } from "ts-morph";
import { squash } from "./dataModelTags.js";
import type { TsMorph } from "./morphHelpers.js";

/**
 * A reader of interface members, memoised per declaration, that reports what it cannot follow
 * through `problem`. The members of an interface are those of each entry of its `extends` list,
 * in the order of the list (each base with its own bases first), then its own. An entry is an
 * interface (all its members), `Pick<I, "A" | "B">` (I's members A and B in the order the keys
 * are written, so a table can take columns of another in its own order) or `Omit<I, "A" | "B">`
 * (I's other members, in I's order). A member an interface redeclares keeps the position it has
 * in the base and takes the redeclaration's type and JSDoc, as a field redefined in a subclass
 * does in Python's dataclasses: a table can reword one inherited column without moving it (FITS
 * column order is part of a data model). The same declaration reached twice (a diamond) counts
 * once; two different declarations of one member in two bases are a problem (the first is
 * kept). Anything else (a type alias, a class, another generic, a key the base lacks, a cycle)
 * is a problem and contributes no members.
 */
export function interfaceMembers(tm: TsMorph, problem: (message: string, node: Node) => void): (iface: InterfaceDeclaration) => readonly PropertySignature[] {
  const members = new Map<InterfaceDeclaration, readonly PropertySignature[]>();

  /** The interface `name` (an identifier or qualified name, imports followed) declares, or what it is instead. */
  const interfaceNamed = (name: Node): InterfaceDeclaration | string => {
    let symbol = name.getSymbol();
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    const decls = symbol?.getDeclarations() ?? [];
    const found = decls.find((d): d is InterfaceDeclaration => tm.Node.isInterfaceDeclaration(d));
    if (found !== undefined) return found;
    const d = decls[0];
    if (d === undefined) return "which cannot be resolved";
    const kind = d
      .getKindName()
      .replace(/Declaration$/, "")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase();
    return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
  };

  /** The string literal keys of a `Pick`/`Omit` key argument in written order, or undefined. */
  const literalKeys = (node: Node): string[] | undefined => {
    const parts = tm.Node.isUnionTypeNode(node) ? node.getTypeNodes() : [node];
    const keys: string[] = [];
    for (const part of parts) {
      if (!tm.Node.isLiteralTypeNode(part)) return undefined;
      const lit = part.getLiteral();
      if (!tm.Node.isStringLiteral(lit)) return undefined;
      keys.push(lit.getLiteralValue());
    }
    return keys;
  };

  /**
   * The members one `extends` entry contributes: an interface's members; `Pick<I, "A" | "B">`:
   * I's members A and B in the order written; `Omit<I, "A" | "B">`: I's members but A and B, in
   * I's order. Anything else is a problem and contributes nothing.
   */
  const baseMembers = (
    iface: InterfaceDeclaration,
    e: ExpressionWithTypeArguments,
    visiting: ReadonlySet<InterfaceDeclaration>,
  ): readonly PropertySignature[] => {
    const owner = iface.getName();
    const text = squash(e.getText());
    const follow = (base: InterfaceDeclaration): readonly PropertySignature[] | undefined => {
      if (visiting.has(base) || base === iface) {
        problem(`\`${owner}\` extends \`${text}\`, which extends \`${owner}\`: the \`extends\` chain is circular.`, e);
        return undefined;
      }
      return membersOf(base, new Set([...visiting, iface]));
    };
    const args = e.getTypeArguments();
    if (args.length === 0) {
      const base = interfaceNamed(e.getExpression());
      if (typeof base === "string") {
        problem(
          `\`${owner}\` extends \`${text}\`, ${base}; the data-model reader follows only interfaces, and \`Pick\` or \`Omit\` of an interface (declare the shared members in an interface and extend it).`,
          e,
        );
        return [];
      }
      return follow(base) ?? [];
    }
    const generic = e.getExpression().getText();
    const utility =
      (generic === "Pick" || generic === "Omit") &&
      (e.getExpression().getSymbol()?.getDeclarations() ?? []).every((d) => d.getSourceFile().isDeclarationFile());
    const [of, keysNode] = args;
    if (!utility || args.length !== 2 || of === undefined || keysNode === undefined) {
      problem(
        `\`${owner}\` extends \`${text}\`, a generic type; the data-model reader follows only interfaces, and \`Pick\` or \`Omit\` of an interface (declare the shared members in an interface and extend it).`,
        e,
      );
      return [];
    }
    const base = tm.Node.isTypeReference(of) && of.getTypeArguments().length === 0 ? interfaceNamed(of.getTypeName()) : "not an interface name";
    const keys = literalKeys(keysNode);
    if (typeof base === "string" || keys === undefined) {
      const why = typeof base === "string" ? `its first argument \`${squash(of.getText())}\` is not an interface` : "its keys are not string literals";
      problem(`\`${owner}\` extends \`${text}\`, but ${why}; the data-model reader follows \`${generic}<I, "A" | "B">\` of an interface I.`, e);
      return [];
    }
    const from = follow(base) ?? [];
    const byName = new Map(from.map((m) => [m.getName(), m] as const));
    for (const k of keys)
      if (!byName.has(k))
        problem(`\`${owner}\` extends \`${generic}\` of \`${base.getName()}\` with \`${k}\`, which \`${base.getName()}\` does not have.`, keysNode);
    if (generic === "Omit") return from.filter((m) => !keys.includes(m.getName()));
    return keys.flatMap((k) => byName.get(k) ?? []);
  };

  const membersOf = (iface: InterfaceDeclaration, visiting: ReadonlySet<InterfaceDeclaration> = new Set()): readonly PropertySignature[] => {
    const known = members.get(iface);
    if (known !== undefined) return known;
    const owner = iface.getName();
    const list: PropertySignature[] = [];
    const at = new Map<string, number>();
    const declarer = (m: PropertySignature): string => m.getFirstAncestorByKind(tm.SyntaxKind.InterfaceDeclaration)?.getName() ?? "?";
    for (const e of iface.getExtends()) {
      for (const m of baseMembers(iface, e, visiting)) {
        const name = m.getName();
        const i = at.get(name);
        if (i === undefined) {
          at.set(name, list.length);
          list.push(m);
        } else if (list[i] !== m) {
          const first = list[i];
          problem(
            `Member \`${name}\` of \`${owner}\` is declared both in \`${first === undefined ? "?" : declarer(first)}\` and in \`${declarer(m)}\`; the first is used (declare it in one base, or redeclare it in \`${owner}\`).`,
            e,
          );
        }
      }
    }
    for (const m of iface.getProperties()) {
      const i = at.get(m.getName());
      if (i === undefined) {
        at.set(m.getName(), list.length);
        list.push(m);
      } else list[i] = m;
    }
    members.set(iface, list);
    return list;
  };

  return (iface) => membersOf(iface);
}
