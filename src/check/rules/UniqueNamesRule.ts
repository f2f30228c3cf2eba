import type * as A from "../../syntax/ast.js";
import type { CheckContext } from "../CheckContext.js";
import type { SymbolKind } from "../Resolutions.js";
import { importAlias, portName } from "../Scope.js";

/**
 * Every name is declared once in its namespace (imports, params, profiles, grids,
 * relations, products, stages); params and grids share one namespace (both appear in
 * expressions); a stage's variables, a grid's attributes, a profile's entries and a stage's
 * input and output names are unique too. DF2001.
 */
export function UniqueNamesRule(ctx: CheckContext): void {
  const seen = new Map<string, Map<string, A.NameNode["loc"]>>();
  const claim = (ns: string, what: string, name: string, loc: A.NameNode["loc"]): void => {
    if (name === "") return;
    let m = seen.get(ns);
    if (m === undefined) seen.set(ns, (m = new Map<string, A.NameNode["loc"]>()));
    const first = m.get(name);
    if (first === undefined) {
      m.set(name, loc);
      return;
    }
    ctx.report("DF2001", `${what} \`${name}\` is declared twice.`, loc, {
      label: "declared again here",
      secondary: [{ span: first, message: "first declared here" }],
      help: "rename one of them, or remove the duplicate",
    });
  };
  // Every declaration is a symbol of the resolution table, the first of a duplicated name too.
  const declare = (kind: SymbolKind, name: A.NameNode, d: A.DeclNode, grid?: string): void => ctx.names.declare(ctx.names.symbol(kind, name, d, grid));
  for (const d of ctx.scope.program.decls) {
    switch (d.kind) {
      case "Import":
        claim("import", "Module alias", importAlias(d), d.alias?.loc ?? d.module.loc);
        break;
      case "Param":
        declare("param", d.name, d);
        claim("value", "Param or grid", d.name.value, d.name.loc);
        break;
      case "Grid": {
        declare("grid", d.name, d);
        claim("value", "Param or grid", d.name.value, d.name.loc);
        const local = new Map<string, A.NameNode["loc"]>();
        seen.set(`attr:${d.name.value}:${d.loc.start}`, local);
        if (d.domain.kind === "ColumnDomain")
          for (const a of d.domain.attributes) {
            declare("attribute", a.name, d, d.name.value);
            claim(`attr:${d.name.value}:${d.loc.start}`, "Attribute", a.name.value, a.name.loc);
          }
        break;
      }
      case "Profile":
        declare("profile", d.name, d);
        claim("profile", "Profile", d.name.value, d.name.loc);
        for (const e of d.entries) claim(`profile:${d.name.value}:${d.loc.start}`, "Profile entry", e.name.value, e.name.loc);
        break;
      case "Relation":
        declare("relation", d.name, d);
        claim("relation", "Relation", d.name.value, d.name.loc);
        for (const v of [...d.from, ...d.to]) {
          declare("variable", v.name, d, v.grid.value);
          claim(`relvar:${d.loc.start}`, "Relation variable", v.name.value, v.name.loc);
        }
        break;
      case "Product":
        declare("product", d.name, d);
        claim("product", "Product", d.name.value, d.name.loc);
        for (const a of d.axes) claim(`axis:${d.loc.start}`, "Axis", a.value, a.loc);
        break;
      case "Stage": {
        declare("stage", d.name, d);
        claim("stage", "Stage", d.name.value, d.name.loc);
        for (const v of d.vars) {
          declare("variable", v.name, d, v.grid.value);
          claim(`stagevar:${d.loc.start}`, "Stage variable", v.name.value, v.name.loc);
        }
        for (const it of d.items) {
          if (it.kind === "Input" || it.kind === "Output")
            claim(`port:${d.loc.start}:${it.kind}`, it.kind === "Input" ? "Input" : "Output", portName(it), it.name?.loc ?? it.ref.product.loc);
          if (it.kind === "StageParam") claim(`sparam:${d.loc.start}`, "Stage param", it.name.value, it.name.loc);
        }
        break;
      }
    }
  }
}
