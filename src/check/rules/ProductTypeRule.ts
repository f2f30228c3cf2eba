import { typeRefName } from "../Scope.js";
import type { Span } from "../../util/Span.js";
import { suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";
import { columnsOf } from "../compareTypes.js";

/**
 * Every product names a known product type (DF3030), and every column a grid or relation
 * reads exists in its product's type (DF3031, pointing at the type's definition too).
 * Silent when the kernel index could not be read.
 */
export function ProductTypeRule(ctx: CheckContext): void {
  if (ctx.index === undefined) return;
  for (const product of ctx.scope.products.values()) {
    const name = product.type.name.parts.map((p) => p.value).join(".");
    const short = typeRefName(product.type);
    const known = ctx.types.get(short);
    if (known !== undefined) ctx.names.use(product.type.name.loc, ctx.names.external("type", known.name, known.loc));
    if (name === "" || known !== undefined) continue;
    ctx.report("DF3030", `There is no product type named \`${name}\`.`, product.type.loc, {
      label: "unknown type",
      suggestions: suggest(short, ctx.types.keys()),
      help: "`dflow datamodel` lists the product types; a pipeline's own types come from an imported module",
    });
  }
  const column = (productName: string, col: { value: string; loc: Span }, what: string): void => {
    const product = ctx.scope.products.get(productName);
    if (product === undefined || col.value === "") return;
    const tname = typeRefName(product.type);
    const type = ctx.types.get(tname);
    if (type === undefined) return;
    const cols = columnsOf(type);
    if (cols.has(col.value)) return;
    ctx.report("DF3031", `Product \`${productName}\` (type \`${tname}\`) has no column \`${col.value}\` ${what}.`, col.loc, {
      label: "unknown column",
      secondary: [{ span: ctx.tsSpan(type.loc), message: `\`${tname}\` is defined here` }],
      suggestions: suggest(col.value, cols.keys()),
    });
  };
  for (const grid of ctx.scope.grids.values()) {
    const d = grid.domain;
    if (d.kind !== "ColumnDomain") continue;
    column(d.product.value, d.column, `for grid \`${grid.name.value}\``);
    for (const a of d.attributes) column(d.product.value, a.column, `for attribute \`${a.name.value}\``);
  }
  for (const rel of ctx.scope.relations.values()) {
    if (rel.source.kind !== "ColumnRelation") continue;
    for (const c of rel.source.columns) column(rel.source.product.value, c.column, `for relation \`${rel.name.value}\``);
  }
}
