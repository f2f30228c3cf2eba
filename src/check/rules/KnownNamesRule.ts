import type * as A from "../../syntax/ast.js";
import { suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";

/**
 * Every name a declaration refers to exists: the grids of product axes and of stage and
 * relation variables, the params a profile sets, the products a grid or relation reads, the
 * products and grids passed to kernel calls, the module of every kernel name. DF2002, with
 * at most four suggestions.
 */
export function KnownNamesRule(ctx: CheckContext): void {
  const s = ctx.scope;
  // A known name is recorded in the resolution table with the declaration it resolves to.
  const resolve = (kind: string, name: A.NameNode, port: boolean): void => {
    const n = name.value;
    const d =
      kind === "param" ? s.params.get(n) : kind === "grid" ? s.grids.get(n) : kind === "relation" ? s.relations.get(n) : (s.products.get(n) ?? s.grids.get(n));
    if (d === undefined) return;
    ctx.names.use(
      name.loc,
      ctx.names.symbol(d.kind === "Product" ? "product" : d.kind === "Grid" ? "grid" : d.kind === "Relation" ? "relation" : "param", d.name, d),
      port,
    );
  };
  const known = (kind: string, name: A.NameNode, pool: Iterable<string>, where?: string, port = false): boolean => {
    if (name.value === "") return true;
    if ([...pool].includes(name.value)) {
      resolve(kind, name, port);
      return true;
    }
    ctx.report("DF2002", `There is no ${kind} named \`${name.value}\`${where ? ` ${where}` : ""}.`, name.loc, {
      label: `unknown ${kind}`,
      suggestions: suggest(name.value, pool),
    });
    return false;
  };
  const grids = [...s.grids.keys()];
  const products = [...s.products.keys()];
  const kernelModule = (q: A.QualifiedNameNode): void => {
    const mod = q.parts[0];
    if (mod === undefined || q.parts.length < 2) {
      if (mod !== undefined && mod.value !== "") {
        ctx.report("DF2002", `Kernel \`${mod.value}\` must be named with its module: \`module.${mod.value}\`.`, q.loc, {
          label: "no module",
          help: "import the module (`import stdlib.calib`) and write `calib.NAME`",
        });
      }
      return;
    }
    if (!s.imports.has(mod.value)) {
      ctx.report("DF2002", `No module is imported as \`${mod.value}\`.`, mod.loc, {
        label: "unknown module",
        suggestions: suggest(mod.value, s.imports.keys()),
        help: `add \`import stdlib.${mod.value}\` (or \`import "./dir" as ${mod.value}\`) at the top of the file`,
      });
    }
  };
  const kernelCall = (k: A.KernelCallNode): void => {
    kernelModule(k.kernel);
    for (const a of k.args) {
      if (a.name !== undefined || a.value.kind !== "Ref") continue;
      known("product or grid", a.value.name, [...products, ...grids], "to pass to the kernel");
    }
  };
  for (const d of s.program.decls) {
    switch (d.kind) {
      case "Profile":
        for (const e of d.entries) known("param", e.name, s.params.keys(), "to set in this profile");
        break;
      case "Grid":
        if (d.domain.kind === "ColumnDomain") known("product", d.domain.product, products);
        if (d.domain.kind === "KernelDomain") kernelCall(d.domain.call);
        if (d.envelope?.kind === "KernelDomain") kernelCall(d.envelope.call);
        break;
      case "Relation":
        for (const v of [...d.from, ...d.to]) known("grid", v.grid, grids);
        if (d.source.kind === "KernelCall") kernelCall(d.source);
        else {
          known("product", d.source.product, products);
          // `{ t = TILEID }` names a variable of the relation.
          for (const c of d.source.columns) {
            const v = [...d.from, ...d.to].find((x) => x.name.value === c.name.value);
            if (v !== undefined) ctx.names.use(c.name.loc, ctx.names.symbol("variable", v.name, d, v.grid.value));
          }
        }
        break;
      case "Product":
        for (const a of d.axes) known("grid", a, grids, `to be an axis of \`${d.name.value}\``);
        break;
      case "Stage":
        for (const v of d.vars) known("grid", v.grid, grids);
        for (const it of d.items) {
          if (it.kind === "Input" || it.kind === "Output") known("product", it.ref.product, products, undefined, it.name === undefined);
          if (it.kind === "KernelBinding") kernelModule(it.kernel);
          if (it.kind === "Input" && it.gather !== undefined) {
            for (const c of it.gather.clauses) {
              if (c.args !== undefined) known("relation", c.source, s.relations.keys());
              else known("grid", c.source, grids, "to gather over");
            }
          }
        }
        break;
      default:
        break;
    }
  }
}
